/**
 * Database operations per 学习 home load (course.home), counted by the local cloud (CloudBase bills and
 * throttles per operation), guard included. From server/course/home.ts: the guard's member (1); in parallel
 * the member's active assignments and recent records (2); then in parallel the courses the page names and
 * one read of the member's records of every course it shows a state for (2) = 5. An instance that does not
 * hold the catalogue yet (CATALOGUE_TTL_MS) reads the newest visible courses and the series shelf too (2),
 * and the assigned series when a series is assigned (1): 7, or 8. The ceiling is bench/ceilings.ts's.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { dataOf } from '../../helpers/envelope';
import { grant, insertAll, seedMember } from '../../helpers/db';
import { courseDoc, seedCourses } from '../../helpers/courses';
import { performance } from 'node:perf_hooks';
import { CATALOGUE_TTL_MS, forgetHomeCatalogue } from '../../../server/course/home';

jest.setTimeout(60_000);

const cloud = useTestCloud();
const IT = { departmentId: 'dept:总部/信息技术部', departmentPath: ['总部', '信息技术部'] };

async function operations(openid: string): Promise<number> {
  cloud.actions.reset();
  dataOf(await callAction('course', 'home', {}, { openid }));
  return cloud.actions.databaseOperations();
}

beforeAll(async () => {
  await seedCourses(...Array.from({ length: 8 }, (_, i) => courseDoc(`course:ops-${i}`, { seriesIds: i < 2 ? ['series:ops'] : [] })));
  await insertAll('series', [
    {
      _id: 'series:ops',
      title: '运营入门',
      summary: '',
      cover: null,
      courseIds: ['course:ops-0', 'course:ops-1'],
      stepUnlock: false,
      audiences: [],
      status: 'published',
      publishedAt: new Date('2026-01-10T02:00:00Z'),
      createdAt: new Date('2026-01-10T02:00:00Z'),
      updatedAt: new Date('2026-01-10T02:00:00Z'),
    },
  ]);
  for (const memberId of ['m:home-plain', 'm:home-assigned']) {
    await seedMember(`o-${memberId}`, memberId, { ...IT, roles: memberId === 'm:home-assigned' ? [grant('trainer')] : [] });
    await insertAll('learningRecords', [
      { _id: `${memberId}:course:ops-3`, memberId, courseId: 'course:ops-3', percent: 40, completed: false, lastStudiedAt: new Date('2026-02-01T02:00:00Z') },
      { _id: `${memberId}:course:ops-0`, memberId, courseId: 'course:ops-0', percent: 100, completed: true, lastStudiedAt: new Date('2026-02-02T02:00:00Z') },
    ]);
  }
  const base = {
    departmentIds: [],
    departmentNames: [],
    roles: [],
    audiences: [],
    scopeDepartmentIds: null,
    dueDay: '2099-12-31',
    status: 'active',
    assignedCount: 1,
    completedCount: 0,
    createdById: 'm:trainer',
    createdByName: '',
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  // Assigned to one member by role: the other member has no assignment.
  await insertAll('assignments', [
    { ...base, _id: 'a:ops-course', kind: 'course', courseId: 'course:ops-5', seriesId: null, title: '课程', courseIds: ['course:ops-5'], roles: ['trainer'] },
    {
      ...base,
      _id: 'a:ops-series',
      kind: 'series',
      courseId: null,
      seriesId: 'series:ops',
      title: '运营入门',
      courseIds: ['course:ops-0', 'course:ops-1'],
      roles: ['trainer'],
    },
  ]);
});

it('loads the home page in 5 operations on an instance holding the catalogue; 7, or 8 with a series assigned, before', async () => {
  forgetHomeCatalogue();
  expect(await operations('o-m:home-plain')).toBe(7);
  expect(await operations('o-m:home-plain')).toBe(5);
  forgetHomeCatalogue();
  const home = dataOf(await callAction('course', 'home', {}, { openid: 'o-m:home-assigned' }));
  expect(home.required.map((item) => [item.targetId, item.percent])).toEqual([
    ['course:ops-5', 0],
    ['series:ops', 50],
  ]);
  forgetHomeCatalogue();
  expect(await operations('o-m:home-assigned')).toBe(8);
  expect(await operations('o-m:home-assigned')).toBe(5);
});

it('shows a course published after the catalogue was kept once CATALOGUE_TTL_MS has passed', async () => {
  forgetHomeCatalogue();
  const recommended = async () => dataOf(await callAction('course', 'home', {}, { openid: 'o-m:home-plain' })).recommended.map((course) => course.id);
  expect(await recommended()).not.toContain('course:ops-late');
  await seedCourses(courseDoc('course:ops-late', { publishedAt: new Date('2099-01-01T00:00:00Z') }));
  // Kept: the same instance answers from its catalogue within the delay.
  expect(await recommended()).not.toContain('course:ops-late');
  // The instance's own time passing (InstanceCache reads the monotonic clock).
  const later = performance.now() + CATALOGUE_TTL_MS + 1;
  const clock = jest.spyOn(performance, 'now').mockReturnValue(later);
  try {
    expect(await recommended()).toContain('course:ops-late');
  } finally {
    clock.mockRestore();
  }
});
