/**
 * The share and analytics demo: study spread over slots, shares, opens, outsiders and conversions through the
 * domain code, with every counter equal to its records, the rollup run, and a second seeding changing nothing.
 */
import { buildDemoCompany } from '../../../scripts/demo/company';
import { seedShareDemo } from '../../../scripts/demo/share';
import { countsOf } from '../../../server/share/counters';
import { useTestCloud } from '../../helpers/local-cloud';
import { courseDoc } from '../../helpers/courses';
import { testDb } from '../../helpers/db';

jest.setTimeout(120_000);

const cloud = useTestCloud();

type Row = Record<string, unknown>;
const list = (collection: string) => cloud.database.listDocuments(collection) as Row[];

async function snapshot() {
  const collections = ['shares', 'shareCounters', 'shareOpens', 'shareOutsiders', 'shareAttributions', 'learningRecords', 'learningActivity'];
  return Object.fromEntries(collections.map((name) => [name, list(name).map(({ updatedAt: _u, ...doc }) => doc).length]));
}

it('seeds consistent counters, figures in the reports, and nothing new the second time', async () => {
  const now = new Date('2026-05-20T02:00:00Z');
  const company = buildDemoCompany(now);
  cloud.database.insertDocuments('members', company.members as unknown as Row[]);
  cloud.database.insertDocuments('departments', company.departments as unknown as Row[]);
  cloud.database.insertDocuments(
    'courses',
    Array.from({ length: 8 }, (_, i) => courseDoc(`demo:c${i}`, { title: `演示课程 ${i}`, format: 'text', durationMinutes: 5 })) as unknown as Row[],
  );
  cloud.database.insertDocuments('campaigns', [
    { _id: 'campaign:demo', title: '21 天打卡', status: 'published', startDay: '2026-05-01', endDay: '2026-05-21' },
  ]);
  const db = testDb();
  const result = await seedShareDemo(db, company, now);
  expect(result.shares).toBe(17);
  expect(result.opens).toBeGreaterThan(0);
  expect(result.outsiderOpens).toBeGreaterThan(0);

  // Every share's counters equal its records.
  const tokens = list('shares').map((share) => share._id as string);
  const counts = await countsOf(db, tokens);
  for (const token of tokens) {
    expect(counts.get(token)).toEqual({
      opens: list('shareOpens').filter((open) => open.token === token).length,
      outsiderOpens: list('shareOutsiders').filter((open) => open.token === token).length,
      conversions: list('shareAttributions').filter((a) => a.token === token && a.convertedAt).length,
    });
  }
  expect(list('shareAttributions').some((a) => a.convertedAt && a.targetKind === 'course')).toBe(true);

  // Course counters equal the records; activity holds all credited study time, in several slots.
  for (const course of list('courses')) {
    const records = list('learningRecords').filter((r) => r.courseId === course._id);
    expect(course.stats).toMatchObject({ learners: records.length, completions: records.filter((r) => r.completed).length });
  }
  const studyMs = list('learningRecords').reduce((sum, r) => sum + (r.studyMs as number), 0);
  expect(list('learningActivity').reduce((sum, a) => sum + (a.studyMs as number), 0)).toBe(studyMs);
  expect(new Set(list('learningActivity').map((a) => a.slot)).size).toBeGreaterThanOrEqual(5);

  // The rollup ran: the company row matches the records.
  expect(cloud.database.getDocument('reportDepts', '*')).toMatchObject({ learners: list('learningRecords').length, studyMs });
  expect(cloud.database.getDocument('reportState', 'rollup')).toMatchObject({ pending: null });

  const before = await snapshot();
  await seedShareDemo(db, company, now);
  expect(await snapshot()).toEqual(before);
});
