/**
 * Opening a share (打开分享). A member's first open through a token adds one to the share's reach and, when
 * no share brought them to this target before, attributes them to it (first token wins). Both are single
 * inserts under deterministic ids, so the database keeps them unique: the attribution
 * (`<member>:<target>`, first insert wins) and then the open record (`<token>:<member>`, placed uncounted);
 * the share function's timer adds placed opens to the reach exactly once (./tally.ts). In that order a
 * function killed between the two leaves the attribution it won, and the member's next open of the token
 * places the record. Self-opens change nothing. A non-member's open adds one outside open per WeChat user
 * and answers no content.
 *
 * Database operations (test/server/share/operations.test.ts), after the share (kept per instance, one read
 * when not kept): a first open reads the attribution, inserts it when none exists and inserts the open
 * record (3); a repeated open reads the attribution and finds its record a duplicate (2).
 */
import { createHash } from 'node:crypto';
import type { MemberDoc } from '../../typings/domain';
import type { ShareAttributionDoc, ShareDoc, ShareOpenDoc, ShareOutsiderDoc } from '../../typings/docs/share';
import type { ShareOpenResult } from '../../typings/functions/share';
import { AppError, COLLECTIONS, type Database, findById, isDuplicate, txGet } from '../core';
import type { Caller } from '../core';
import { InstanceCache } from '../core/instance-cache';
import { attributionId } from './conversions';
import { counted, incrementShard } from './counters';

/**
 * Shares an instance keeps: what an open reads of one (sharer, target, board) never changes after it is
 * created, and a crowd opens the same share at once. Kept 60 s only to bound the memory.
 */
const shares = new InstanceCache<ShareDoc>(60_000);

/** The share of `token`, read once per instance and minute; NOT_FOUND when there is none (not kept). */
export function cachedShare(db: Database, token: string): Promise<ShareDoc> {
  return shares.get(token, async () => {
    const share = await findById<ShareDoc>(db, COLLECTIONS.shares, token);
    if (!share) throw new AppError('NOT_FOUND', '分享链接无效或已失效');
    return share;
  });
}

/** Forgets the kept shares (tests counting a cold instance's reads). */
export function forgetShares(): void {
  shares.clear();
}

/** Inserts `data` under `id`; false when a document with that id exists already. */
async function insertOnce(
  db: Database,
  collection: typeof COLLECTIONS.shareOpens | typeof COLLECTIONS.shareAttributions,
  id: string,
  data: object,
): Promise<boolean> {
  try {
    await db.collection(collection).add({ data: { _id: id, ...data } });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

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

/** The member's attribution to the target: the one found, else this share's, inserted (first insert wins). */
async function attributionFor(db: Database, share: ShareDoc, member: MemberDoc, now: Date): Promise<ShareAttributionDoc> {
  const id = attributionId(member._id, share.targetKind, share.targetId);
  const found = await findById<ShareAttributionDoc>(db, COLLECTIONS.shareAttributions, id);
  if (found) return found;
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
  if (await insertOnce(db, COLLECTIONS.shareAttributions, id, data)) return { _id: id, ...data };
  // Another token's open by the same member won the insert a moment ago.
  const winner = await findById<ShareAttributionDoc>(db, COLLECTIONS.shareAttributions, id);
  if (!winner) throw new Error(`attribution ${id} reported a duplicate but cannot be read`);
  return winner;
}

async function openAsMember(db: Database, share: ShareDoc, member: MemberDoc, now: Date): Promise<ShareOpenResult> {
  const target = { kind: share.targetKind, id: share.targetId };
  if (share.sharerId === member._id) return { member: true, target, counted: false, attributed: false };
  const attribution = await attributionFor(db, share, member, now);
  const open: Omit<ShareOpenDoc, '_id'> = { token: share._id, memberId: member._id, openedAt: now, counted: false };
  const placed = await insertOnce(db, COLLECTIONS.shareOpens, openId(share._id, member._id), open);
  return { member: true, target, counted: placed, attributed: attribution.token === share._id };
}

export async function openShare(db: Database, caller: Caller, token: string, now: Date): Promise<ShareOpenResult> {
  const share = await cachedShare(db, token);
  if (caller.member?.active) return openAsMember(db, share, caller.member, now);
  return openAsOutsider(db, share, caller.openid, now);
}
