/**
 * Import keys (server/authoring/imports.ts): the console's Markdown import creates each course with its folder
 * name as key, so re-running it finds what the first run made. A second create with the same key is refused
 * whatever the timing (many parallel creates: exactly one course); keys are per importer; importStatus reads
 * in a fixed number of operations; a series created with a key is refused the second time too.
 */
import type { CourseAuthoringDoc, SeriesDoc } from '../../../typings/domain';
import { callAction } from '../../helpers/invoke';
import { dataOf as ok } from '../../helpers/envelope';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, insertAll, readWhere, seedMember } from '../../helpers/db';
import { articleFields } from '../../helpers/course-fields';

const cloud = useTestCloud();

const TRAINER = { openid: 'o-import-trainer' };
const OTHER = { openid: 'o-import-other' };

beforeAll(async () => {
  await seedMember(TRAINER.openid, 'm:import-trainer', { roles: [grant('trainer')] });
  await seedMember(OTHER.openid, 'm:import-other', { roles: [grant('trainer')] });
  await seedMember('o-import-reviewer', 'm:import-reviewer', { roles: [grant('reviewer')] });
  await insertAll('courses', [{ _id: 'c:published-one', title: '已发布', status: 'published', seriesIds: [], audiences: [] }]);
});

it('parallel creates with one import key make exactly one course; the others are refused with nothing written', async () => {
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => callAction('authoring', 'createCourse', { fields: articleFields({ title: '导入的课' }), importKey: 'safety' }, TRAINER)),
  );
  const made = answers.filter((answer) => answer.ok);
  expect(made).toHaveLength(1);
  for (const answer of answers.filter((item) => !item.ok)) expect(answer).toMatchObject({ code: 'CONFLICT', message: '导入标识 safety 的课程已导入过' });
  expect(await readWhere<CourseAuthoringDoc>('courseAuthoring', { authorId: 'm:import-trainer' })).toHaveLength(1);
  expect(await countAll('courseRevisions')).toBe(1);

  // Another importer's same key is their own course.
  ok(await callAction('authoring', 'createCourse', { fields: articleFields(), importKey: 'safety' }, OTHER));
  expect(await countAll('courseAuthoring')).toBe(2);
});

it('importStatus answers what the caller imported under each key, in 3 operations however many keys', async () => {
  const [courseId] = (await readWhere<CourseAuthoringDoc>('courseAuthoring', { authorId: 'm:import-trainer' })).map((doc) => doc._id);
  ok(await callAction('authoring', 'submitForReview', { courseId: courseId as string }, TRAINER));
  cloud.actions.reset();
  const status = ok(
    await callAction(
      'authoring',
      'importStatus',
      { courseKeys: ['safety', 'unknown', ...Array.from({ length: 100 }, (_, i) => `k-${i}`)], seriesKeys: ['soft'] },
      TRAINER,
    ),
  );
  // Caller, courses by id, series by id.
  expect(cloud.actions.databaseOperations()).toBe(3);
  expect(status).toEqual({
    courses: [{ importKey: 'safety', courseId, title: '导入的课', courseStatus: 'in_review', openStatus: 'in_review' }],
    series: [],
  });
  // Keys are per importer: the same key names nothing of another's.
  expect(ok(await callAction('authoring', 'importStatus', { courseKeys: ['unknown'] }, OTHER)).courses).toEqual([]);
});

it('a series created with an import key is refused the second time, and the first stays as it was', async () => {
  const input = {
    title: '导入的系列',
    summary: '',
    cover: null,
    courseIds: ['c:published-one'],
    stepUnlock: true,
    audiences: [],
    publish: false,
    importKey: 'soft',
  };
  const first = ok(await callAction('authoring', 'createSeries', input, TRAINER));
  expect(first).toMatchObject({ status: 'draft', title: '导入的系列' });
  expect(await callAction('authoring', 'createSeries', { ...input, title: '改过的标题' }, TRAINER)).toMatchObject({
    ok: false,
    code: 'CONFLICT',
    message: '导入标识 soft 的系列已导入过',
  });
  expect(await readWhere<SeriesDoc>('series', { _id: first.seriesId })).toMatchObject([{ title: '导入的系列' }]);
  expect(ok(await callAction('authoring', 'importStatus', { courseKeys: [], seriesKeys: ['soft'] }, TRAINER)).series).toEqual([
    { importKey: 'soft', seriesId: first.seriesId, status: 'draft' },
  ]);
});

it('refuses a malformed import key before anything is written', async () => {
  const before = await countAll('courseAuthoring');
  expect(await callAction('authoring', 'createCourse', { fields: articleFields(), importKey: '../Etc' }, TRAINER)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await countAll('courseAuthoring')).toBe(before);
});
