/**
 * Subtree conditions (server/core/scope.ts) with department ids a client typed: a NUL character, which the
 * database refuses inside a regex pattern (BSON patterns are C strings), is escaped, so a hostile id matches
 * nothing instead of failing the query (the fuzz test found report.trends answering INTERNAL for it).
 */
import { escapeRegExp, subtreeCondition } from '../../../server/core/scope';
import { insertAll, testDb } from '../../helpers/db';
import { useTestCloud } from '../../helpers/local-cloud';

useTestCloud();

it('escapes regex syntax and NUL, and the escaped pattern matches the text itself', () => {
  expect(escapeRegExp('a.b(c)\u0000')).toBe('a\\.b\\(c\\)\\x00');
  expect(new RegExp(`^${escapeRegExp('a.b\u0000')}$`).test('a.b\u0000')).toBe(true);
});

it('a subtree query for an id holding NUL answers nothing, and a real subtree still matches', async () => {
  await insertAll('members', [
    { _id: 'm:s1', departmentId: 'dept:甲/一部' },
    { _id: 'm:s2', departmentId: 'dept:乙' },
  ]);
  const db = testDb();
  const find = async (root: string) =>
    (
      (await db
        .collection('members')
        .where(subtreeCondition(db, 'departmentId', root) as Record<string, unknown>)
        .get()) as unknown as { data: { _id: string }[] }
    ).data.map((doc) => doc._id);
  expect(await find('dept:甲')).toEqual(['m:s1']);
  expect(await find('dept:\u0000')).toEqual([]);
});
