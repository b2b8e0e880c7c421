/**
 * The console's authors area end to end in a real browser: a company-wide admin opens 年度作者评选, computes
 * the year's candidates from the figures, adds nothing, publishes; the winner is paid once through the
 * ledger and sees the award from the mini-program's own call. A trainer reads the published results without
 * edit controls, and the server refuses a trainer's publish. Needs `npm run build` first (npm test runs it).
 */
import type { LedgerEntryDoc } from '../../typings/docs/points';
import { grant, insertAll, readWhere, seedMember } from '../helpers/db';
import { useConsole } from '../helpers/console';
import { beijingYear } from '../../server/core/time';

jest.setTimeout(240_000);

const ADMIN = 'o-weba-admin';
const TRAINER = 'o-weba-trainer';
const AUTHOR = 'o-weba-author';

const web = useConsole();
// The screen opens on the year-end selection's year: December selects this year, other months last year.
const now = new Date();
const year = beijingYear(now) - (new Date().getMonth() === 11 ? 0 : 1);

beforeAll(async () => {
  await seedMember(ADMIN, 'm:weba-admin', { name: '冯管理', roles: [grant('admin')] });
  await seedMember(TRAINER, 'm:weba-trainer', { name: '陈讲师', roles: [grant('trainer')] });
  await seedMember(AUTHOR, 'm:weba-author', { name: '褚作者' });
  await insertAll('courses', [
    { _id: 'c:weba', title: '桌面课', authorId: 'm:weba-author', status: 'published', stats: { learners: 80, completions: 0, ratingCount: 0, ratingSum: 0 } },
  ]);
  await insertAll('reportCourseDepts', [
    {
      _id: 'c:weba|*',
      courseId: 'c:weba',
      courseTitle: '桌面课',
      departmentId: '*',
      learners: 80,
      weeks: { [`${year}-W10`]: { learners: 80, completions: 0, shares: 0, conversions: 0 } },
      updatedAt: now,
    },
  ]);
});

test('an admin computes the candidates and publishes them; the winner is paid once and sees the award', async () => {
  const page = await web.signInByScan(ADMIN, '/console/author-awards');
  await page.getByTestId('award-status').getByText('未评选').waitFor();
  await page.getByTestId('award-select').click();
  await page.getByTestId('award-table').getByText('褚作者').waitFor();
  // The draft is editable: its title and basis are inputs.
  const inputs = page.getByTestId('award-table').locator('input');
  expect(await inputs.nth(0).inputValue()).toBe('年度最受欢迎作者');
  expect(await inputs.nth(1).inputValue()).toBe('全年学员 80 人');
  await page.getByTestId('award-publish').click();
  await page.getByRole('button', { name: '确定' }).click();
  await page.getByTestId('award-status').getByText('已发布').waitFor();
  await page.getByTestId('award-message').getByText('已发布 1 个奖项，发放 500 积分').waitFor();
  const entries = await readWhere<LedgerEntryDoc>('pointsLedger', { reason: 'author_award' });
  expect(entries.map((entry) => [entry.memberId, entry.amount])).toEqual([['m:weba-author', 500]]);
  const mine = await web.asMiniProgram(AUTHOR, 'authoring', { action: 'myCreations' });
  expect(mine.data.awards).toMatchObject([{ year, title: '年度最受欢迎作者', points: 500 }]);
  // Publishing again is refused by the server, whoever asks.
  expect(await web.callFromPage(page, 'authoring', { action: 'publishAuthorAwards', year })).toMatchObject({ ok: false, code: 'CONFLICT' });
});

test('a trainer reads the published results without edit controls; the server refuses a trainer’s selection', async () => {
  const page = await web.signInByScan(TRAINER, '/console/author-awards');
  await page.getByTestId('award-table').getByText('褚作者').waitFor();
  expect(await page.getByTestId('award-select').count()).toBe(0);
  expect(await page.getByTestId('award-publish').count()).toBe(0);
  expect(
    await web.callFromPage(page, 'authoring', {
      action: 'selectAuthorAwards',
      year,
      minRatings: 1,
      points: { most_learners: 1, best_rated: 1, most_improved: 1 },
    }),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});
