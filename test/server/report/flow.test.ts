/**
 * The whole path through the real functions: shares of a course and of its series, a colleague opening
 * them and completing the course (learning.report), which converts both shares and records learning
 * activity in the Beijing time slot of the reports (kept in the record, derived by the rollup); then the
 * rollup, the course report, the heatmap, the "last updated" time and the Excel export.
 */
import ExcelJS from 'exceljs';
import { runRollup } from '../../../server/report/rollup';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { courseDoc, seedCourses, seriesDoc } from '../../helpers/courses';
import { grant, insertAll, seedMember, testDb } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { createToken, openidOf, share, tallyShareOpens } from '../../helpers/share';

jest.setTimeout(60_000);

const cloud = useTestCloud();
/** Wednesday 2026-03-04 12:30 in Beijing: the lunch slot. */
const T0 = new Date('2026-03-04T04:30:00Z');
const ADMIN = 'o-flow-admin';

beforeAll(async () => {
  freezeClock(T0);
  for (const id of ['m:sharer', 'm:other', 'm:learner'])
    await seedMember(openidOf(id), id, { departmentId: 'dept:总部/销售部', departmentPath: ['总部', '销售部'] });
  await seedMember(ADMIN, 'm:flow-admin', { roles: [grant('admin')] });
  await insertAll('departments', [{ _id: 'dept:总部/销售部', name: '销售部', path: ['总部', '销售部'], parentId: 'dept:总部' }]);
  await seedCourses(courseDoc('flow:course', { title: '客户拜访三步法', format: 'text', durationMinutes: 1, seriesIds: ['flow:series'] }));
  await insertAll('series', [seriesDoc('flow:series', ['flow:course'])]);
});

afterAll(async () => {
  jest.useRealTimers();
});

const learn = (seq: number, position: number) =>
  callAction(
    'learning',
    'report',
    { courseId: 'flow:course', sessionId: 'flow-session-1', seq, position, state: 'reading' },
    { openid: openidOf('m:learner') },
  );

it('converts the shares that brought a learner when they complete, and reports it after the rollup', async () => {
  const courseToken = await createToken('m:sharer', 'course', 'flow:course', 'flow-share-course');
  const seriesToken = await createToken('m:other', 'series', 'flow:series', 'flow-share-series');
  expect(dataOf(await share('open', { token: courseToken }, 'm:learner')).attributed).toBe(true);
  expect(dataOf(await share('open', { token: seriesToken }, 'm:learner')).attributed).toBe(true);

  dataOf(await learn(1, 0));
  setClock(new Date(T0.getTime() + 15_000));
  dataOf(await learn(2, 50));
  setClock(new Date(T0.getTime() + 30_000));
  expect(dataOf(await learn(3, 100)).justCompleted).toBe(true);

  await tallyShareOpens();
  const course = dataOf(await share('mine', {}, 'm:sharer')).items.find((row) => row.token === courseToken);
  const series = dataOf(await share('mine', {}, 'm:other')).items.find((row) => row.token === seriesToken);
  expect(course).toMatchObject({ reach: 1, conversions: 1 });
  expect(series).toMatchObject({ reach: 1, conversions: 1 });
  // The reports keep the slot's activity in the learning record; the rollup derives the activity document.
  expect(cloud.database.getDocument('learningRecords', 'm:learner:flow:course')).toMatchObject({
    activity: { '2026-03-04|lunch': { studyMs: 30_000, sessions: 1 } },
  });

  // Before the first rollup the reports say so.
  expect(dataOf(await callAction('report', 'heatmap', {}, { openid: ADMIN })).updatedAt).toBeNull();
  const rollupAt = new Date(T0.getTime() + 60_000);
  setClock(rollupAt);
  expect(await runRollup(testDb(), rollupAt)).toMatchObject({ ran: true, more: false });
  expect(cloud.database.getDocument('learningActivity', 'm:learner:flow:course:2026-03-04:lunch')).toMatchObject({
    studyMs: 30_000,
    sessions: 1,
    weekday: 3,
    week: '2026-W10',
  });

  const detail = dataOf(await callAction('report', 'course', { courseId: 'flow:course', weeks: 2 }, { openid: ADMIN }));
  expect(detail.updatedAt).toBe(rollupAt.toISOString());
  expect(detail.course).toMatchObject({
    title: '客户拜访三步法',
    learners: 1,
    views: 1,
    completions: 1,
    completionRate: 1,
    avgStudySeconds: 30,
    shares: 1,
    sharers: 1,
    opens: 1,
    conversions: 1,
    shareRate: 1,
  });
  expect(detail.departments).toEqual([expect.objectContaining({ departmentId: 'dept:总部/销售部', path: ['总部', '销售部'], learners: 1 })]);
  expect(detail.trends.find((week) => week.week === '2026-W10')).toMatchObject({ learners: 1, completions: 1, shares: 1, conversions: 1 });

  const heatmap = dataOf(await callAction('report', 'heatmap', { weeks: 1 }, { openid: ADMIN }));
  expect(heatmap.cells.filter((cell) => cell.studySeconds > 0)).toEqual([{ weekday: 3, slot: 'lunch', studySeconds: 30, sessions: 1, active: 1 }]);

  const exported = dataOf(await callAction('report', 'export', { table: 'courses' }, { openid: ADMIN }));
  expect(exported.rows).toBe(1);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(cloud.storage.readFile(exported.fileID) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe('课程');
  expect(sheet.getRow(2).getCell(1).value).toBe('客户拜访三步法');
  expect(sheet.rowCount).toBe(2);
});
