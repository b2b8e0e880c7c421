/** Test members and the WeChat users bound to them: member `m` is bound to openid `o-<m>`. */
import type { MemberDoc } from '../../typings/domain';
import type { WxIdentity } from './invoke';
import { insertAll, memberDoc } from './db';

export const openidOf = (memberId: string): string => `o-${memberId}`;

/** The WeChat identity of member `memberId`, for `invoke`/`callAction`. */
export const as = (memberId: string): WxIdentity & { openid: string } => ({ openid: openidOf(memberId) });

/**
 * Inserts `members` and binds each to `o-<id>` both ways, as binding does (`bindings/<openid>` and the
 * member's `boundOpenid`, which the guard reads): direct batch inserts, seeding, not the subject.
 */
export async function seedPeople(members: readonly MemberDoc[]): Promise<MemberDoc[]> {
  await Promise.all([
    insertAll(
      'members',
      members.map((member) => ({ boundOpenid: openidOf(member._id), ...member })),
    ),
    insertAll(
      'bindings',
      members.map((member) => ({ _id: openidOf(member._id), memberId: member._id, boundAt: new Date('2026-01-05T02:00:00Z') })),
    ),
  ]);
  return [...members];
}

/** Members `ids` (test/helpers/db.ts memberDoc with `overrides`), each bound to `o-<id>`. */
export function seedMembers(ids: readonly string[], overrides: Partial<MemberDoc> = {}): Promise<MemberDoc[]> {
  return seedPeople(ids.map((id) => memberDoc(id, overrides)));
}
