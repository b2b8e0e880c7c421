/**
 * Opening a share (打开分享). A member's first open through a token adds one to the share's reach and, when
 * no share brought them to this target before, attributes them to it (first token wins); the open record,
 * the attribution and the counter shard commit in one transaction, so parallel opens count exactly once
 * each. Self-opens change nothing. A non-member's open adds one outside open per WeChat user and answers no
 * content.
 *
 * Database operations: a repeated open reads the open record and the attribution (2); a first open runs one
 * transaction (3 reads, up to 3 writes) after the share read.
 */
import { createHash } from 'node:crypto';
import type { MemberDoc } from '../../typings/domain';
import type { ShareAttributionDoc, ShareDoc, ShareOpenDoc, ShareOutsiderDoc } from '../../typings/docs/share';
import type { ShareOpenResult } from '../../typings/functions/share';
import { AppError, COLLECTIONS, type Database, findById, txGet } from '../core';
import type { Caller } from '../core';
import { attributionId } from './conversions';
import { counted, incrementShard } from './counters';

export function openId(token: string, memberId: string): string {
  return `${token}:${memberId}`;
}

/** Outsiders are kept as a hash of their OPENID only. */
function outsiderKey(openid: string): string {
  return createHash('sha256').update(openid).digest('base64url').slice(0, 22);
}

async function openAsOutsider(db: Database, share: ShareDoc, openid: string, now: Date): Promise<ShareOpenResult> {
  const key = outsiderKey(openid);
  const id = `${share._id}:${key}`;
  const fresh = (await findById<ShareOutsiderDoc>(db, COLLECTIONS.shareOutsiders, id))
    ? false
    : await counted(db, async (tx) => {
        if (await txGet<ShareOutsiderDoc>(tx, COLLECTIONS.shareOutsiders, id)) return false;
        await tx
          .collection(COLLECTIONS.shareOutsiders)
          .doc(id)
          .set({ data: { token: share._id, openedAt: now } });
        await incrementShard(tx, share, 'outsiderOpens', now);
        return true;
      });
  return { member: false, target: null, counted: fresh, attributed: false };
}

async function openAsMember(db: Database, share: ShareDoc, member: MemberDoc, now: Date): Promise<ShareOpenResult> {
  const target = { kind: share.targetKind, id: share.targetId };
  if (share.sharerId === member._id) return { member: true, target, counted: false, attributed: false };
  const recordId = openId(share._id, member._id);
  const attrId = attributionId(member._id, share.targetKind, share.targetId);
  if (await findById<ShareOpenDoc>(db, COLLECTIONS.shareOpens, recordId)) {
    const attribution = await findById<ShareAttributionDoc>(db, COLLECTIONS.shareAttributions, attrId);
    return { member: true, target, counted: false, attributed: attribution?.token === share._id };
  }
  return counted(db, async (tx) => {
    const seen = await txGet<ShareOpenDoc>(tx, COLLECTIONS.shareOpens, recordId);
    const attribution = await txGet<ShareAttributionDoc>(tx, COLLECTIONS.shareAttributions, attrId);
    if (!seen) {
      await tx
        .collection(COLLECTIONS.shareOpens)
        .doc(recordId)
        .set({ data: { token: share._id, memberId: member._id, openedAt: now } });
      await incrementShard(tx, share, 'opens', now);
    }
    if (!attribution) {
      const data: Omit<ShareAttributionDoc, '_id'> = {
        memberId: member._id,
        targetKind: share.targetKind,
        targetId: share.targetId,
        token: share._id,
        sharerId: share.sharerId,
        openedAt: now,
        convertedAt: null,
        updatedAt: now,
      };
      await tx.collection(COLLECTIONS.shareAttributions).doc(attrId).set({ data });
    }
    return { member: true, target, counted: !seen, attributed: (attribution?.token ?? share._id) === share._id };
  });
}

export async function openShare(db: Database, caller: Caller, token: string, now: Date): Promise<ShareOpenResult> {
  const share = await findById<ShareDoc>(db, COLLECTIONS.shares, token);
  if (!share) throw new AppError('NOT_FOUND', '分享链接无效或已失效');
  if (caller.member?.active) return openAsMember(db, share, caller.member, now);
  return openAsOutsider(db, share, caller.openid, now);
}
