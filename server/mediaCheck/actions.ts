/**
 * Function `mediaCheck` (内容安全回调): the one function WeChat pushes `wxa_media_check` events to (declared
 * under `messagePush` in its config.json), the timer that asks again for results that never came, and the
 * reviewers' verdicts on videos. The rules live in server/core/media-check.ts.
 *
 * A pushed event is the JSON message itself (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/openapi.html).
 * A member can call this function too, with any event they like, so a push is believed only because it
 * names a trace id the server stored and never showed anyone; calls made from the mini-program (SOURCE
 * `wx_client` / `wx_devtools`, https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html)
 * are refused before that.
 */
import { randomUUID } from 'node:crypto';
import type { PendingReviewView } from '../../typings/functions/media-check';
import { mediaCheckContracts } from '../../typings/functions/media-check';
import { AppError, COLLECTIONS, defineAction, defineFunction, findById, findPage, pageOf, scopeCondition, scopeFor, inScope, tempUrls } from '../core';
import type { Main } from '../core';
import { getCloud } from '../core/cloud';
import type { MediaCheckDoc } from '../../typings/docs/media-check';
import { applyMediaVerdict, retryMediaChecks, reviewMediaCheck } from '../core/media-check';
import { isoDate } from '../core/published';
import { withTimer } from '../core/timer';
import type { MemberDoc } from '../../typings/domain';
import { ERROR_MESSAGES } from '../../typings/errors';

const REVIEWERS = ['admin', 'reviewer'] as const;

/** The union of the caller's admin and reviewer scopes. */
function reviewScope(member: MemberDoc): 'all' | string[] | null {
  const scopes = REVIEWERS.map((role) => scopeFor(member, role)).filter((scope) => scope !== null);
  if (scopes.length === 0) return null;
  if (scopes.includes('all')) return 'all';
  return [...new Set(scopes.flat())].sort();
}

export const pendingReviews = defineAction({
  ...mediaCheckContracts.pendingReviews,
  roles: ['admin', 'reviewer'],
  handler: async ({ input, caller, db, cloud }) => {
    // A scoped reviewer sees the uploads of their subtrees only.
    const scope = reviewScope(caller.member);
    if (!scope) throw new AppError('FORBIDDEN');
    const waiting = { status: 'pending', method: 'manual' };
    const inside = scopeCondition(db, 'departmentId', scope);
    const filter = inside ? (db.command.and([waiting, inside as Record<string, unknown>]) as unknown as Record<string, unknown>) : waiting;
    const found = await findPage<MediaCheckDoc>(
      db,
      COLLECTIONS.mediaChecks,
      filter,
      [
        { field: 'createdAt', direction: 'asc' },
        { field: '_id', direction: 'asc' },
      ],
      input,
    );
    // The reviewer must see the video to judge it: the only place an unchecked file gets a URL.
    const urls = await tempUrls(
      cloud,
      found.docs.map((doc) => doc.fileID),
      { unchecked: true },
    );
    return pageOf(
      found,
      input,
      (doc): PendingReviewView => ({
        checkId: doc._id,
        kind: doc.kind,
        url: urls.get(doc.fileID) ?? null,
        uploaderName: doc.uploaderName,
        createdAt: isoDate(doc.createdAt) ?? '',
      }),
    );
  },
});

export const review = defineAction({
  ...mediaCheckContracts.review,
  roles: ['admin', 'reviewer'],
  handler: async ({ input, caller, db, now }) => {
    const check = await findById<MediaCheckDoc>(db, COLLECTIONS.mediaChecks, input.checkId);
    const scope = reviewScope(caller.member);
    // Out of scope reads as missing, so ids outside one's departments reveal nothing.
    if (check?.method !== 'manual' || !inScope(check.departmentId, scope)) throw new AppError('NOT_FOUND');
    if (check.uploaderId === caller.member._id) throw new AppError('FORBIDDEN', '不能审核自己上传的内容');
    return { changed: await reviewMediaCheck(db, check._id, input.verdict, caller.member._id, now()) };
  },
});

export const retry = defineAction({
  ...mediaCheckContracts.retry,
  roles: ['admin'],
  handler: ({ db, cloud, now }) => retryMediaChecks(db, cloud, now()),
});

/** Mini-program calls (and function calls started by one) carry these first in SOURCE; WeChat's pushes do not. */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug'];

function isMediaCheckPush(event: unknown): event is { trace_id?: unknown; result?: unknown } {
  if (typeof event !== 'object' || event === null) return false;
  const message = event as { MsgType?: unknown; Event?: unknown };
  return message.MsgType === 'event' && message.Event === 'wxa_media_check';
}

const withActions = withTimer(defineFunction({ name: 'mediaCheck', actions: { pendingReviews, review, retry } }), (db, cloud, now) =>
  retryMediaChecks(db, cloud, now),
);

const main: Main = async (event, context) => {
  if (!isMediaCheckPush(event)) return withActions.main(event, context);
  const requestId = randomUUID();
  const cloud = getCloud();
  const source = String(cloud.getWXContext().SOURCE ?? '').split(',')[0] ?? '';
  if (CLIENT_SOURCES.includes(source)) return { ok: false, code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN, requestId };
  const { trace_id: traceId, result } = event;
  const suggest = (result as { suggest?: unknown } | undefined)?.suggest;
  const label = (result as { label?: unknown } | undefined)?.label;
  if (typeof traceId !== 'string' || traceId === '' || typeof suggest !== 'string') return { ok: true, data: { changed: false }, requestId };
  try {
    const changed = await applyMediaVerdict(
      cloud.database(),
      { trace_id: traceId, result: { suggest, label: typeof label === 'number' || typeof label === 'string' ? label : 0 } },
      new Date(),
    );
    return { ok: true, data: { changed }, requestId };
  } catch (err) {
    console.error(`[mediaCheck.push] request ${requestId} failed:`, err);
    return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, requestId };
  }
};

export const mediaCheckFunction = { ...withActions, main };
