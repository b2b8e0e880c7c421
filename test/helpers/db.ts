/** Test data written through the real wx-server-sdk into the local cloud, and read back whole. */
import type { MemberDoc } from '../../typings/domain';
import type { RoleGrant } from '../../typings/roles';
import { getCloud } from '../../server/core/cloud';
import type { Database } from '../../server/core';

export function testDb(): Database {
  return getCloud().database();
}

/** Adds `docs` in order, a hundred at a time (the SDK's batch add, one round trip each): seeding, not the subject. */
export async function insertAll(collection: string, docs: readonly object[]): Promise<void> {
  for (let start = 0; start < docs.length; start += 100)
    await testDb()
      .collection(collection)
      .add({ data: docs.slice(start, start + 100) });
}

export async function countAll(collection: string): Promise<number> {
  const db = testDb();
  const result = (await db
    .collection(collection)
    .where({ _id: db.command.exists(true) })
    .count()) as { total: number };
  return result.total;
}

export function memberDoc(id: string, overrides: Partial<MemberDoc> = {}): MemberDoc {
  return {
    _id: id,
    employeeNo: `E-${id}`,
    name: '测试员工',
    departmentId: 'dept:总部/信息技术部',
    departmentPath: ['总部', '信息技术部'],
    jobLevel: 'individual',
    hireDate: '2024-03-01',
    active: true,
    roles: [],
    ...overrides,
  };
}

/** A member bound to `openid` both ways (`bindings/<openid>` and `boundOpenid`, as binding writes), with the given grants. */
export async function seedMember(openid: string, memberId: string, overrides: Partial<MemberDoc> = {}): Promise<MemberDoc> {
  const [member] = await seedBoundMembers([{ openid, memberId, overrides }]);
  return member as MemberDoc;
}

/** Many members as `seedMember` makes one, inserted in batches (a crowd's seeding is not the subject). */
export async function seedBoundMembers(people: readonly { openid: string; memberId: string; overrides?: Partial<MemberDoc> }[]): Promise<MemberDoc[]> {
  const members = people.map(({ openid, memberId, overrides }) => ({ openid, member: memberDoc(memberId, overrides) }));
  await insertAll(
    'members',
    members.map(({ openid, member }) => ({ boundOpenid: openid, ...member })),
  );
  await insertAll(
    'bindings',
    members.map(({ openid, member }) => ({ _id: openid, memberId: member._id, boundAt: new Date('2026-01-05T02:00:00Z') })),
  );
  return members.map(({ member }) => member);
}

export const grant = (role: RoleGrant['role'], scopeDepartmentId?: string): RoleGrant => (scopeDepartmentId ? { role, scopeDepartmentId } : { role });

export async function readDoc<T>(collection: string, id: string): Promise<T | null> {
  const { data } = (await testDb().collection(collection).where({ _id: id }).limit(1).get()) as unknown as { data: T[] };
  return data[0] ?? null;
}

/** Every document of `collection` matching `filter`, in `_id` order, read a page of 1000 at a time. */
export async function readWhere<T>(collection: string, filter: Record<string, unknown> = {}): Promise<T[]> {
  const docs: T[] = [];
  for (;;) {
    const { data } = (await testDb().collection(collection).where(filter).orderBy('_id', 'asc').skip(docs.length).limit(1000).get()) as unknown as {
      data: T[];
    };
    docs.push(...data);
    if (data.length < 1000) return docs;
  }
}
