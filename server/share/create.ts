/**
 * Recording a share (分享). The token is derived from the sharer and their requestId, so a retried request
 * lands on the same document and answers the same token; the share is written with `set` inside a
 * transaction that first reads it, so two racing retries write it once.
 */
import { createHash } from 'node:crypto';
import type { MemberDoc } from '../../typings/domain';
import type { ShareChannel, ShareDoc, ShareTargetKind } from '../../typings/docs/share';
import { SHARE_LANDING_PAGE } from '../../typings/functions/share';
import type { ShareCreated } from '../../typings/functions/share';
import { AppError, COLLECTIONS, type Database, runTransaction, txGet } from '../core';
import { resolveTarget } from './targets';
import type { ShareTargetInfo } from './targets';

/** 12 base64url characters (72 bits) of SHA-256: scene-safe, and far from colliding at any company's scale. */
export function shareToken(memberId: string, requestId: string): string {
  return createHash('sha256').update(`${memberId}\n${requestId}`).digest('base64url').slice(0, 12);
}

export interface CreateShareInput {
  targetKind: ShareTargetKind;
  targetId: string;
  channel: ShareChannel;
  requestId: string;
}

/** `resolved`: the target when the caller already resolved it (the poster does). */
export async function createShare(db: Database, member: MemberDoc, input: CreateShareInput, now: Date, resolved?: ShareTargetInfo): Promise<ShareDoc> {
  const token = shareToken(member._id, input.requestId);
  const target = resolved ?? (await resolveTarget(db, member, input.targetKind, input.targetId, now));
  const share: ShareDoc = {
    _id: token,
    sharerId: member._id,
    sharerName: member.name,
    sharerDepartmentId: member.departmentId,
    targetKind: target.kind,
    targetId: target.id,
    targetTitle: target.title,
    channel: input.channel,
    requestId: input.requestId,
    boardKind: target.boardKind,
    boardId: target.boardId,
    createdAt: now,
  };
  return runTransaction(db, async (tx) => {
    const existing = await txGet<ShareDoc>(tx, COLLECTIONS.shares, token);
    if (existing) {
      // The same requestId for another target is a client bug, not a retry.
      if (existing.sharerId !== member._id || existing.targetKind !== input.targetKind || existing.targetId !== input.targetId) {
        throw new AppError('INVALID_INPUT', '该分享请求已用于其他内容，请重新分享');
      }
      return existing;
    }
    const { _id: _ignored, ...data } = share;
    await tx.collection(COLLECTIONS.shares).doc(token).set({ data });
    return share;
  });
}

export function createdView(share: ShareDoc): ShareCreated {
  return {
    token: share._id,
    target: { kind: share.targetKind, id: share.targetId },
    channel: share.channel,
    title: share.targetTitle,
    path: `${SHARE_LANDING_PAGE}?token=${share._id}`,
    query: `token=${share._id}`,
  };
}
