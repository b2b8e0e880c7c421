/**
 * WeChat media checks (内容安全) for every file a member uploads and publishes: check-in pictures, course
 * covers and media, contest pitch videos, mall item pictures.
 *
 * How a file is checked exactly once and shown only after it passed:
 * - `submitMediaChecks` runs in the action that accepts the file, after its input checks and before the
 *   content referencing the file is written. It records one `mediaChecks` document per file, `_id` derived
 *   from the file id (`mediaCheckId`), created with `add` so a second submission of the same file (an edit,
 *   a retried request, parallel calls) finds the first one and changes nothing.
 * - Pictures and audio go to `security.mediaCheckAsync` v2 with a temporary URL of the file
 *   (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html);
 *   its `trace_id` is stored on the document and never leaves the server. WeChat pushes the verdict as the
 *   `wxa_media_check` event to the function `mediaCheck` (server/mediaCheck), which `applyMediaVerdict`s it:
 *   only a stored, still pending trace id can change a document, and only once (a conditional update).
 * - Why not imgSecCheck: it is the synchronous 1.0 API (an image of at most 1 MB sent in the request), which
 *   WeChat stopped updating on 2021-09-01 in favour of the 2.0 mediaCheckAsync (same page as above), so every
 *   picture takes the asynchronous path and nothing hangs on a large upload.
 * - mediaCheckAsync takes audio and images only (media_type 1 / 2), and imgSecCheck images only, so no WeChat
 *   API can judge a video. Videos therefore wait for a person: an admin or trainer approves or rejects them
 *   with `mediaCheck.review` (method `manual`). That is slower, but honest: nothing is shown unchecked.
 * - Reads filter with a `MediaGate`: a file whose check is pending or risky is left out for everyone but
 *   its uploader, who sees it marked 审核中 / 未通过. A file with no check document was not uploaded by a
 *   member through these actions (server-made codes, admin posters, content older than the checks) and is
 *   shown as before.
 * - A result that never arrives is asked for again by the `mediaCheck` timer (`retryMediaChecks`): same
 *   document, new trace id; the older trace id then no longer matches and is ignored.
 */
import { createHash } from 'node:crypto';
import type { MediaReview, MemberDoc } from '../../typings/domain';
import type { Database, WxCloud } from './cloud';
import { COLLECTIONS } from './collections';
import { tempUrls } from './wechat';
import type { MediaKind } from '../../typings/functions/media-check';
import { isDuplicate } from './db';
import type { MediaCheckDoc, MediaCheckStatus } from '../../typings/docs/media-check';

export type { MediaKind };

/** mediaCheckAsync scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export const MEDIA_SCENE = { profile: 1, comment: 2, forum: 3, log: 4 } as const;
export type MediaScene = keyof typeof MEDIA_SCENE;

const IMAGE = /\.(jpe?g|png|bmp|gif|webp)$/i;
const AUDIO = /\.(mp3|aac|ac3|wma|flac|ogg|opus|wav|m4a|amr)$/i;

/** What a file is, by its name's extension; anything not a known picture or audio is treated as video. */
export function mediaKindOf(fileID: string): MediaKind {
  if (IMAGE.test(fileID)) return 'image';
  if (AUDIO.test(fileID)) return 'audio';
  return 'video';
}

/** One check per file: a hash of the file id (file ids are long and contain `/`). */
export function mediaCheckId(fileID: string): string {
  return `mc_${createHash('sha256').update(fileID).digest('hex').slice(0, 40)}`;
}

/** Who uploaded: the calling member and their WeChat identity (the check runs on their behalf). */
export interface Uploader {
  openid: string;
  member: Pick<MemberDoc, '_id' | 'name' | 'departmentId'>;
}

/**
 * Records a pending check for each file not checked before and asks WeChat about pictures and audio.
 * A request WeChat refuses is logged and retried by the timer; the file stays hidden meanwhile.
 */
export async function submitMediaChecks(
  db: Database,
  cloud: WxCloud,
  uploader: Uploader,
  fileIDs: readonly (string | null | undefined)[],
  scene: MediaScene = 'forum',
  at: Date = new Date(),
): Promise<void> {
  const ids = [...new Set(fileIDs.filter((id): id is string => typeof id === 'string' && id !== ''))];
  for (const fileID of ids) {
    const kind = mediaKindOf(fileID);
    const doc: MediaCheckDoc = {
      _id: mediaCheckId(fileID),
      fileID,
      kind,
      method: kind === 'video' ? 'manual' : 'wechat',
      uploaderId: uploader.member._id,
      uploaderName: uploader.member.name,
      departmentId: uploader.member.departmentId,
      openid: uploader.openid,
      scene: MEDIA_SCENE[scene],
      status: 'pending',
      traceId: null,
      attempts: 0,
      // Set now, so a request that never happened (the function stopped right here) is retried too.
      requestedAt: at,
      createdAt: at,
      decidedAt: null,
      label: null,
      decidedBy: null,
    };
    try {
      await db.collection(COLLECTIONS.mediaChecks).add({ data: doc });
    } catch (err) {
      if (isDuplicate(err)) continue; // checked (or being checked) already
      throw err;
    }
    if (doc.method === 'wechat') await requestCheck(db, cloud, doc, at);
  }
}

/** Asks WeChat for one verdict; answers whether the request was accepted. */
async function requestCheck(db: Database, cloud: WxCloud, doc: MediaCheckDoc, at: Date): Promise<boolean> {
  const _ = db.command;
  try {
    const url = (await tempUrls(cloud, [doc.fileID], { unchecked: true })).get(doc.fileID);
    if (!url) throw new Error('file has no temporary URL');
    const answer = (await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: url,
      mediaType: doc.kind === 'audio' ? 1 : 2,
      version: 2,
      scene: doc.scene,
      openid: doc.openid,
    })) as { traceId?: unknown; trace_id?: unknown };
    // Cloud calls answer camelCase keys (traceId); HTTPS calls trace_id.
    const traceId = answer.traceId ?? answer.trace_id;
    if (typeof traceId !== 'string' || traceId === '') throw new Error('mediaCheckAsync answered no trace id');
    await db
      .collection(COLLECTIONS.mediaChecks)
      .where({ _id: doc._id, status: 'pending' })
      .update({ data: { traceId, requestedAt: at, attempts: _.inc(1) } });
    return true;
  } catch (err) {
    console.warn(`[mediaCheck] request for ${doc._id} failed, the timer retries:`, (err as Error).message);
    await db
      .collection(COLLECTIONS.mediaChecks)
      .where({ _id: doc._id, status: 'pending' })
      .update({ data: { requestedAt: at, attempts: _.inc(1) } });
    return false;
  }
}

export interface MediaVerdictEvent {
  trace_id: string;
  result: { suggest: string; label: number | string };
}

/**
 * Applies WeChat's pushed verdict to the pending check with that trace id. `pass` shows the file, anything
 * else (`risky`, `review`) keeps it hidden. Answers whether a check changed: a repeated push, an unknown or
 * superseded trace id change nothing.
 */
export async function applyMediaVerdict(db: Database, event: MediaVerdictEvent, at: Date): Promise<boolean> {
  const status: MediaCheckStatus = event.result.suggest === 'pass' ? 'pass' : 'risky';
  const label = Number(event.result.label);
  const result = (await db
    .collection(COLLECTIONS.mediaChecks)
    .where({ traceId: event.trace_id, status: 'pending', method: 'wechat' })
    .update({ data: { status, label: Number.isFinite(label) ? label : null, decidedAt: at, decidedBy: 'wechat' } })) as { stats: { updated: number } };
  return result.stats.updated > 0;
}

/** A person's verdict on a video (or any pending manual check); answers whether it changed anything. */
export async function reviewMediaCheck(db: Database, checkId: string, verdict: 'pass' | 'risky', reviewerId: string, at: Date): Promise<boolean> {
  const result = (await db
    .collection(COLLECTIONS.mediaChecks)
    .where({ _id: checkId, status: 'pending', method: 'manual' })
    .update({ data: { status: verdict, decidedAt: at, decidedBy: reviewerId } })) as { stats: { updated: number } };
  return result.stats.updated > 0;
}

/** A result not pushed within this long is asked for again (WeChat promises one within 30 minutes). */
export const MEDIA_CHECK_RETRY_AFTER_MS = 35 * 60_000;
/**
 * After this many requests without a verdict the file goes to a person: WeChat checks on behalf of a user
 * seen in the last two hours, so a late retry can keep failing, and the file must not wait forever.
 */
export const MAX_WECHAT_ATTEMPTS = 5;
const RETRY_BATCH = 100;

/**
 * Asks again for pending WeChat checks whose last request is older than `retryAfterMs`, and hands those
 * that used up their attempts to the reviewers (method `manual`); answers how many were asked again.
 */
export async function retryMediaChecks(db: Database, cloud: WxCloud, now: Date, retryAfterMs = MEDIA_CHECK_RETRY_AFTER_MS): Promise<{ retried: number }> {
  const _ = db.command;
  await db
    .collection(COLLECTIONS.mediaChecks)
    .where({ status: 'pending', method: 'wechat', attempts: _.gte(MAX_WECHAT_ATTEMPTS), requestedAt: _.lte(new Date(now.getTime() - retryAfterMs)) })
    .update({ data: { method: 'manual', traceId: null } });
  const stale = (await db
    .collection(COLLECTIONS.mediaChecks)
    .where({ status: 'pending', method: 'wechat', requestedAt: _.lte(new Date(now.getTime() - retryAfterMs)) })
    .orderBy('requestedAt', 'asc')
    .limit(RETRY_BATCH)
    .get()) as unknown as { data: MediaCheckDoc[] };
  let retried = 0;
  for (const doc of stale.data) if (await requestCheck(db, cloud, doc, now)) retried += 1;
  return { retried };
}

/**
 * Which of a set of files a viewer may see. Built once per read from one query per 100 files; files with no
 * check document are visible (see the header).
 */
export class MediaGate {
  constructor(private readonly checks: ReadonlyMap<string, MediaCheckDoc>) {}

  static readonly open = new MediaGate(new Map());

  visible(fileID: string, viewerId: string | null): boolean {
    const check = this.checks.get(fileID);
    return !check || check.status === 'pass' || (viewerId !== null && check.uploaderId === viewerId);
  }

  /** The files the viewer may see, in order. */
  filter(fileIDs: readonly string[], viewerId: string | null): string[] {
    return fileIDs.filter((id) => this.visible(id, viewerId));
  }

  /** For the uploader: their files still under review or refused (审核中 / 未通过), else null. */
  review(fileIDs: readonly (string | null | undefined)[], viewerId: string | null): MediaReview | null {
    const review: MediaReview = {};
    for (const id of fileIDs) {
      const check = id ? this.checks.get(id) : undefined;
      if (!id || !check || check.status === 'pass' || check.uploaderId !== viewerId) continue;
      review[id] = check.status === 'pending' ? 'pending' : 'rejected';
    }
    return Object.keys(review).length > 0 ? review : null;
  }
}

const GATE_BATCH = 100;

export async function loadMediaGate(db: Database, fileIDs: readonly (string | null | undefined)[]): Promise<MediaGate> {
  const ids = [...new Set(fileIDs.filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (ids.length === 0) return MediaGate.open;
  const _ = db.command;
  const checks = new Map<string, MediaCheckDoc>();
  for (let start = 0; start < ids.length; start += GATE_BATCH) {
    const batch = ids.slice(start, start + GATE_BATCH).map(mediaCheckId);
    const found = (await db
      .collection(COLLECTIONS.mediaChecks)
      .where({ _id: _.in(batch) })
      .limit(GATE_BATCH)
      .get()) as unknown as { data: MediaCheckDoc[] };
    for (const doc of found.data) checks.set(doc.fileID, doc);
  }
  return new MediaGate(checks);
}
