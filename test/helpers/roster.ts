/** Roster members as the import writes them, and WeChat phone-number tokens, for the user and admin tests. */
import type { MemberDoc } from '../../typings/domain';
import { memberId } from '../../server/roster';
import { insertAll, memberDoc } from './db';
import type { LocalCloud } from '../../emulator/server';

/** A token of WeChat's phone-number button for `phone`, minted by the local cloud (single use, 5 minutes). */
export function phoneCode(cloud: LocalCloud, phone: string): string {
  return cloud.openapi.phoneNumbers.mint(phone);
}

/** A roster member as the import writes it (`_id` `m:<employeeNo>`), not bound to anyone. */
export function rosterMember(employeeNo: string, name: string, overrides: Partial<MemberDoc> = {}): MemberDoc {
  return memberDoc(memberId(employeeNo), { employeeNo, name, ...overrides });
}

export async function seedRoster(...members: MemberDoc[]): Promise<void> {
  await insertAll('members', members);
}
