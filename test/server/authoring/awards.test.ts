/**
 * Annual author awards (server/authoring/awards.ts) through the authoring function against the local cloud:
 * the selection's figures on a constructed year (most learners, best rated over a minimum of ratings, most
 * improved), the draft edited by hand, twelve parallel publishes paying each award once (the ledger equals
 * every balance), a certificate and a notification per award, refusals that write nothing, the operations
 * each step costs, and where the awards show (我的创作, the winners' page, trainers' results).
 */
import { callAction } from '../../helpers/invoke';
import { authoringFunction } from '../../../server/authoring/actions';
import { pickCandidates } from '../../../server/authoring/awards';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, readDoc, readWhere, seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { courseDoc, seedCourses, ZERO_REPORT_SUMS } from '../../helpers/courses';
import { actionOf, runConcurrently } from '../../helpers/concurrency';
import { expectLedgersBalanced } from '../../helpers/ledger';
import { freezeClock } from '../../helpers/clock';
import type { CertificateDoc, NotificationDoc } from '../../../typings/domain';
import type { LedgerEntryDoc } from '../../../typings/docs/points';
import type { AuthorAwardYearDoc } from '../../../typings/docs/authoring';

jest.setTimeout(300_000);

const cloud = useTestCloud();
const NOW = new Date('2026-01-05T02:00:00Z');
const ADMIN = { openid: 'o-aw-admin' };
const BRANCH_ADMIN = { openid: 'o-aw-branch-admin' };
const TRAINER = { openid: 'o-aw-trainer' };
const WINNER = { openid: 'o-aw-popular' };
const POINTS = { most_learners: 500, best_rated: 300, most_improved: 200 };

/** Database writes since the last reset (every protocol action that changes data or opens a transaction). */
function writes(): number {
  const snapshot = cloud.actions.snapshot();
  return Object.entries(snapshot)
    .filter(([action]) => /insert|modify|remove|update|Transaction/i.test(action))
    .reduce((sum, [, n]) => sum + n, 0);
}

function courseTotal(courseId: string, weeks: Record<string, number>) {
  return {
    _id: `${courseId}|*`,
    courseId,
    courseTitle: courseId,
    departmentId: '*',
    ...ZERO_REPORT_SUMS,
    weeks: Object.fromEntries(Object.entries(weeks).map(([week, learners]) => [week, { learners, completions: 0, shares: 0, conversions: 0 }])),
    updatedAt: NOW,
  };
}

function ratings(courseId: string, count: number, rating: number, at: Date, from = 0) {
  return Array.from({ length: count }, (_, i) => ({
    _id: `${courseId}:r${from + i}`,
    courseId,
    memberId: `m:rater-${from + i}`,
    memberName: '学员',
    rating,
    comment: '',
    hasComment: false,
    createdAt: at,
    updatedAt: at,
  }));
}

beforeAll(async () => {
  freezeClock(NOW);
  await seedMember(ADMIN.openid, 'm:aw-admin', { roles: [grant('admin')] });
  await seedMember(BRANCH_ADMIN.openid, 'm:aw-branch-admin', { roles: [grant('admin', 'dept:总部/信息技术部')] });
  await seedMember(TRAINER.openid, 'm:aw-trainer', { roles: [grant('trainer')] });
  await seedMember(WINNER.openid, 'm:popular', { name: '人气作者' });
  await seedMember('o-aw-rated', 'm:rated', { name: '口碑作者' });
  await seedMember('o-aw-rising', 'm:rising', { name: '进步作者' });
  await seedMember('o-aw-mentor', 'm:mentor', { name: '导师' });
  await seedCourses(
    courseDoc('c:popular', { authorId: 'm:popular' }),
    courseDoc('c:popular-2', { authorId: 'm:popular' }),
    courseDoc('c:rated', { authorId: 'm:rated' }),
    courseDoc('c:rising', { authorId: 'm:rising' }),
  );
  await insertAll('reportCourseDepts', [
    // 2025: popular 300 (+20 over 2024), rising 200 (+180), rated 50 (no learners in 2024).
    courseTotal('c:popular', { '2024-W10': 250, '2025-W10': 200 }),
    courseTotal('c:popular-2', { '2024-W30': 30, '2025-W02': 100 }),
    courseTotal('c:rated', { '2025-W20': 50 }),
    courseTotal('c:rising', { '2024-W40': 20, '2025-W40': 150, '2025-W41': 50 }),
    // A department's row is part of the total above, never counted again.
    { ...courseTotal('c:rated', { '2025-W20': 5000 }), _id: 'c:rated|dept:x', departmentId: 'dept:x' },
  ]);
  const in2025 = new Date('2025-06-01T02:00:00Z');
  await insertAll('courseRatings', [
    ...ratings('c:rated', 12, 5, in2025),
    ...ratings('c:popular', 20, 4, in2025),
    // Five stars, but fewer than the minimum: not best rated.
    ...ratings('c:rising', 3, 5, in2025),
    // 2024's ratings count for 2024 only.
    ...ratings('c:popular', 30, 5, new Date('2024-06-01T02:00:00Z'), 100),
  ]);
});

it('picks the candidates from the figures, ties to the lower member id', () => {
  const figures = new Map([
    ['m:b', { learners: 10, previousLearners: 5, ratingCount: 10, ratingSum: 45 }],
    ['m:a', { learners: 10, previousLearners: 5, ratingCount: 10, ratingSum: 45 }],
    ['m:c', { learners: 0, previousLearners: 0, ratingCount: 9, ratingSum: 45 }],
  ]);
  expect(pickCandidates(figures, 10).map((pick) => [pick.kind, pick.memberId])).toEqual([
    ['most_learners', 'm:a'],
    ['best_rated', 'm:a'],
    ['most_improved', 'm:a'],
  ]);
  expect(pickCandidates(new Map(), 10)).toEqual([]);
});

it('computes the year’s candidates into a draft in a fixed number of operations', async () => {
  cloud.actions.reset();
  const view = dataOf(await callAction('authoring', 'selectAuthorAwards', { year: 2025, minRatings: 10, points: POINTS }, ADMIN));
  // Caller (1), the year (1), the rollup totals (1), the ratings (1), the courses (1), the members (1), the
  // transaction (start, read, set, audit add, commit: 5), the year again (1), published years (1): 13.
  expect(cloud.actions.databaseOperations()).toBe(13);
  expect(view.status).toBe('draft');
  expect(view.awards.map((award) => [award.kind, award.memberId, award.basis, award.points])).toEqual([
    ['most_learners', 'm:popular', '全年学员 300 人', 500],
    ['best_rated', 'm:rated', '全年平均评分 5（12 条评分）', 300],
    ['most_improved', 'm:rising', '学员 20 → 200 人（增加 180 人）', 200],
  ]);
  expect(view.awards.map((award) => award.awardId)).toEqual(['a1', 'a2', 'a3']);
});

it('keeps the draft to company-wide admins: trainers and branch admins see no result before publishing', async () => {
  expect(dataOf(await callAction('authoring', 'getAuthorAwards', { year: 2025 }, TRAINER))).toMatchObject({ status: 'none', awards: [] });
  expect(dataOf(await callAction('authoring', 'getAuthorAwards', { year: 2025 }, BRANCH_ADMIN))).toMatchObject({ status: 'none', awards: [] });
  expect(dataOf(await callAction('authoring', 'getAuthorAwards', { year: 2025 }, ADMIN)).awards).toHaveLength(3);
  cloud.actions.reset();
  expect(codeOf(await callAction('authoring', 'publishAuthorAwards', { year: 2025 }, BRANCH_ADMIN))).toBe('FORBIDDEN');
  expect(codeOf(await callAction('authoring', 'selectAuthorAwards', { year: 2025, minRatings: 1, points: POINTS }, BRANCH_ADMIN))).toBe('FORBIDDEN');
  expect(writes()).toBe(0);
});

it('edits the draft by hand: a named award added, points changed, the computed ids kept', async () => {
  const draft = dataOf(await callAction('authoring', 'getAuthorAwards', { year: 2025 }, ADMIN));
  const edited = [
    ...draft.awards.map(({ awardId, kind, title, memberId, basis, points }) => ({
      awardId,
      kind,
      title,
      memberId,
      basis,
      points: kind === 'best_rated' ? 350 : points,
    })),
    { kind: 'named' as const, title: '年度最佳导师', memberId: 'm:mentor', basis: '带教新作者 6 人', points: 100 },
  ];
  const view = dataOf(await callAction('authoring', 'saveAuthorAwards', { year: 2025, awards: edited }, ADMIN));
  expect(view.awards.map((award) => [award.awardId, award.title, award.memberName, award.points])).toEqual([
    ['a1', '年度最受欢迎作者', '人气作者', 500],
    ['a2', '年度最佳口碑作者', '口碑作者', 350],
    ['a3', '年度最大进步作者', '进步作者', 200],
    ['a4', '年度最佳导师', '导师', 100],
  ]);
  // Selecting again replaces the computed awards and keeps the named one.
  const again = dataOf(await callAction('authoring', 'selectAuthorAwards', { year: 2025, minRatings: 10, points: POINTS }, ADMIN));
  expect(again.awards.map((award) => [award.kind, award.awardId])).toEqual([
    ['most_learners', 'a5'],
    ['best_rated', 'a6'],
    ['most_improved', 'a7'],
    ['named', 'a4'],
  ]);
  const audit = await readWhere<{ action: string; targetId: string }>('adminAudit', { action: 'author_awards' });
  expect(audit.length).toBe(3);
});

it('refuses bad input and unknown members, writing nothing', async () => {
  cloud.actions.reset();
  expect(codeOf(await callAction('authoring', 'selectAuthorAwards', { year: 2027, minRatings: 10, points: POINTS }, ADMIN))).toBe('INVALID_INPUT');
  expect(codeOf(await callAction('authoring', 'selectAuthorAwards', { year: 1999, minRatings: 10, points: POINTS }, ADMIN))).toBe('INVALID_INPUT');
  expect(codeOf(await callAction('authoring', 'publishAuthorAwards', { year: 2024 }, ADMIN))).toBe('NOT_FOUND');
  expect(
    codeOf(
      await callAction(
        'authoring',
        'saveAuthorAwards',
        { year: 2025, awards: [{ kind: 'named', title: '特别奖', memberId: 'm:nobody', basis: '', points: 10 }] },
        ADMIN,
      ),
    ),
  ).toBe('NOT_FOUND');
  expect(writes()).toBe(0);
});

it('publishes once under twelve parallel publishes: each award paid, certified and notified once', async () => {
  const publish = actionOf(authoringFunction, 'publishAuthorAwards');
  const codes = await Promise.all(Array.from({ length: 12 }, () => runConcurrently(publish, { year: 2025 }, ADMIN.openid)));
  expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
  expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(11);
  const entries = await readWhere<LedgerEntryDoc>('pointsLedger', { reason: 'author_award' });
  expect(entries.map((entry) => [entry.memberId, entry.amount]).sort()).toEqual([
    ['m:mentor', 100],
    ['m:popular', 500],
    ['m:rated', 300],
    ['m:rising', 200],
  ]);
  await expectLedgersBalanced();
  const certificates = await readWhere<CertificateDoc>('certificates', { kind: 'author_award' });
  expect(certificates.map((doc) => doc.achievement).sort()).toEqual(
    ['2025 年度最佳导师', '2025 年度最佳口碑作者', '2025 年度最受欢迎作者', '2025 年度最大进步作者'].sort(),
  );
  const notices = await readWhere<NotificationDoc>('notifications', { kind: 'author_award' });
  expect(notices).toHaveLength(4);
  // The award's own notification stands for the certificate's.
  expect(await readWhere<NotificationDoc>('notifications', { kind: 'certificate_issued' })).toHaveLength(0);
  const year = await readDoc<AuthorAwardYearDoc>('authorAwardYears', 'y2025');
  expect(year).toMatchObject({ status: 'published', settledAt: expect.any(Date) });
  expect(Object.keys(year?.codes ?? {}).sort()).toEqual(['a4', 'a5', 'a6', 'a7']);
  expect(await readWhere('adminAudit', { action: 'author_awards' })).toHaveLength(4);
});

it('refuses to publish twice or edit after publishing, writing nothing', async () => {
  cloud.actions.reset();
  expect(codeOf(await callAction('authoring', 'publishAuthorAwards', { year: 2025 }, ADMIN))).toBe('CONFLICT');
  expect(codeOf(await callAction('authoring', 'saveAuthorAwards', { year: 2025, awards: [] }, ADMIN))).toBe('CONFLICT');
  expect(codeOf(await callAction('authoring', 'selectAuthorAwards', { year: 2025, minRatings: 10, points: POINTS }, ADMIN))).toBe('CONFLICT');
  expect(writes()).toBe(0);
  // Caller and the year, for each of the three: 6.
  expect(cloud.actions.databaseOperations()).toBe(6);
});

it('resumes a publish that died before settling, paying nothing twice', async () => {
  const stored = (await readDoc<AuthorAwardYearDoc>('authorAwardYears', 'y2025')) as AuthorAwardYearDoc;
  // As if the publishing call died after its transaction: published a minute ago, never settled.
  await testDb()
    .collection('authorAwardYears')
    .doc('y2025')
    .update({ data: { settledAt: null, publishedAt: new Date(NOW.getTime() - 61_000) } });
  const result = dataOf(await callAction('authoring', 'publishAuthorAwards', { year: 2025 }, ADMIN));
  expect(result).toEqual({ year: 2025, awards: 4, paid: 0, points: 1100 });
  expect(await readWhere('pointsLedger', { reason: 'author_award' })).toHaveLength(4);
  expect(await readWhere('notifications', { kind: 'author_award' })).toHaveLength(4);
  expect((await readDoc<AuthorAwardYearDoc>('authorAwardYears', 'y2025'))?.codes).toEqual(stored.codes);
  await expectLedgersBalanced();
});

it('shows the awards on 我的创作, on the winners page and to trainers', async () => {
  const creations = dataOf(await callAction('authoring', 'myCreations', {}, WINNER));
  expect(creations.awards).toEqual([
    {
      year: 2025,
      awardId: 'a5',
      kind: 'most_learners',
      title: '年度最受欢迎作者',
      basis: '全年学员 300 人',
      points: 500,
      certificateCode: expect.stringMatching(/^[A-Z2-9]{16}$/),
    },
  ]);
  expect(creations.pointsEarned).toBe(500);
  cloud.actions.reset();
  const winners = dataOf(await callAction('authoring', 'authorAwardWinners', {}, { openid: 'o-aw-rated' }));
  // Caller, published years, the year: 3.
  expect(cloud.actions.databaseOperations()).toBe(3);
  expect(winners).toMatchObject({ year: 2025, status: 'published', publishedYears: [2025] });
  expect(winners.awards).toHaveLength(4);
  expect(dataOf(await callAction('authoring', 'authorAwardWinners', { year: 2024 }, WINNER))).toMatchObject({ status: 'none', awards: [] });
  expect(dataOf(await callAction('authoring', 'getAuthorAwards', { year: 2025 }, TRAINER)).awards).toHaveLength(4);
});
