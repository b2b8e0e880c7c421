/**
 * The tabs' functions (user.me, course.list, campaign.list, contest.list) through their real `main`, the real
 * wx-server-sdk and the in-process local cloud.
 */
import { MAX_PAGE_SIZE } from '../../typings/functions/paging';
import { useTestCloud } from '../helpers/local-cloud';
import { callAction } from '../helpers/invoke';
import { grant, insertAll, seedMember } from '../helpers/db';
import { courseDoc } from '../helpers/courses';

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 0, 1);

const MEMBER = { openid: 'o-tabs-member' };
const RETIRED = { openid: 'o-tabs-retired' };
const VISITOR = { openid: 'o-tabs-visitor' };

function course(n: number, status: 'published' | 'draft' | 'archived', publishedDay: number) {
  return courseDoc(`course:${String(n).padStart(2, '0')}`, {
    title: `课程 ${n}`,
    summary: `第 ${n} 门课`,
    category: 'general_skills',
    format: 'video',
    durationMinutes: 5 + n,
    tags: ['效率'],
    status,
    createdAt: new Date(BASE),
    publishedAt: new Date(BASE + publishedDay * DAY),
  });
}

useTestCloud();

beforeAll(async () => {
  await seedMember(MEMBER.openid, 'm-tabs', {
    name: '李静',
    employeeNo: '10086',
    departmentPath: ['华东分公司', '销售一部'],
    departmentId: 'dept:华东分公司/销售一部',
    roles: [grant('learner'), grant('judge')],
  });
  await seedMember(RETIRED.openid, 'm-retired', { active: false });
  // Seven published courses published on days 1..7 (inserted out of order), two drafts and one archived.
  const published = [4, 1, 7, 2, 6, 3, 5].map((day) => course(day, 'published', day));
  await insertAll('courses', [...published, course(8, 'draft', 9), course(9, 'draft', 10), course(10, 'archived', 11)]);
  await insertAll('campaigns', [
    {
      _id: 'campaign:a',
      title: '21 天打卡',
      summary: 's',
      startDay: '2026-01-03',
      endDay: '2026-01-23',
      status: 'published',
      publishedAt: new Date(BASE + DAY),
    },
    {
      _id: 'campaign:b',
      title: '新员工 7 天',
      summary: 's',
      startDay: '2026-02-01',
      endDay: '2026-02-07',
      status: 'published',
      publishedAt: new Date(BASE + 2 * DAY),
    },
    { _id: 'campaign:c', title: '草稿', summary: 's', startDay: '2026-03-01', endDay: '2026-03-07', status: 'draft' },
  ]);
  await insertAll('contests', [
    { _id: 'contest:2026', title: '2026 微课大赛', theme: '一线最佳实践', summary: 's', status: 'published', publishedAt: new Date(BASE) },
    { _id: 'contest:old', title: '往届', theme: 't', summary: 's', status: 'archived', publishedAt: new Date(BASE - DAY) },
  ]);
});

describe('user.me', () => {
  it('shows a member their profile, department path and roles, without any OPENID', async () => {
    const answer = await callAction('user', 'me', {}, MEMBER);
    expect(answer).toMatchObject({
      ok: true,
      data: {
        bound: true,
        memberId: 'm-tabs',
        employeeNo: '10086',
        name: '李静',
        departmentPath: ['华东分公司', '销售一部'],
        active: true,
        roles: [{ role: 'learner' }, { role: 'judge' }],
      },
    });
    expect(JSON.stringify(answer)).not.toContain(MEMBER.openid);
  });

  it('answers bound: false for a WeChat user without binding', async () => {
    expect(await callAction('user', 'me', {}, VISITOR)).toMatchObject({ ok: true, data: { bound: false } });
  });

  it('tells an inactive member that they are inactive', async () => {
    expect(await callAction('user', 'me', {}, RETIRED)).toMatchObject({ ok: true, data: { bound: true, active: false } });
  });

  it('rejects an anonymous caller', async () => {
    expect(await callAction('user', 'me', {}, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('course.list', () => {
  it('pages published courses newest first', async () => {
    const titles: string[] = [];
    for (const page of [1, 2, 3]) {
      const answer = await callAction('course', 'list', { page, pageSize: 3 }, MEMBER);
      if (!answer.ok) throw new Error(answer.message);
      expect(answer.data).toMatchObject({ page, pageSize: 3, total: 7, hasMore: page < 3 });
      titles.push(...answer.data.items.map((item) => item.title));
    }
    expect(titles).toEqual(['课程 7', '课程 6', '课程 5', '课程 4', '课程 3', '课程 2', '课程 1']);
  });

  it('maps documents to summaries with ISO dates', async () => {
    const answer = await callAction('course', 'list', { pageSize: 1 }, MEMBER);
    expect(answer).toMatchObject({ ok: true });
    if (!answer.ok) return;
    expect(answer.data.items).toEqual([
      expect.objectContaining({
        id: 'course:07',
        title: '课程 7',
        summary: '第 7 门课',
        category: 'general_skills',
        format: 'video',
        durationMinutes: 12,
        tags: ['效率'],
        publishedAt: new Date(BASE + 7 * DAY).toISOString(),
      }),
    ]);
  });

  it('uses page 1 and 20 per page by default, and answers an empty page past the end', async () => {
    expect(await callAction('course', 'list', {}, MEMBER)).toMatchObject({ ok: true, data: { page: 1, pageSize: 20, total: 7, hasMore: false } });
    expect(await callAction('course', 'list', { page: 9, pageSize: 3 }, MEMBER)).toMatchObject({
      ok: true,
      data: { items: [], page: 9, total: 7, hasMore: false },
    });
  });

  it.each([
    [{ pageSize: MAX_PAGE_SIZE + 1 }, `参数 pageSize 不能超过 ${MAX_PAGE_SIZE}`],
    [{ pageSize: 0 }, '参数 pageSize 不能小于 1'],
    [{ page: 0 }, '参数 page 不能小于 1'],
    [{ page: 1.5 }, '参数 page 应为整数'],
  ])('rejects paging %j', async (input, message) => {
    expect(await callAction('course', 'list', input, MEMBER)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message });
  });

  it('is for active members only', async () => {
    expect(await callAction('course', 'list', {}, VISITOR)).toMatchObject({ ok: false, code: 'NOT_MEMBER' });
    expect(await callAction('course', 'list', {}, RETIRED)).toMatchObject({ ok: false, code: 'MEMBER_INACTIVE' });
  });
});

describe('campaign.list and contest.list', () => {
  it('list published campaigns newest first', async () => {
    const answer = await callAction('campaign', 'list', { pageSize: 1 }, MEMBER);
    expect(answer).toMatchObject({
      ok: true,
      data: { items: [{ id: 'campaign:b', title: '新员工 7 天', startDay: '2026-02-01', endDay: '2026-02-07' }], total: 2, hasMore: true },
    });
  });

  it('list published contests only', async () => {
    const answer = await callAction('contest', 'list', {}, MEMBER);
    expect(answer).toMatchObject({ ok: true, data: { items: [{ id: 'contest:2026', theme: '一线最佳实践' }], total: 1, hasMore: false } });
  });

  it('are for members only', async () => {
    expect(await callAction('campaign', 'list', {}, VISITOR)).toMatchObject({ ok: false, code: 'NOT_MEMBER' });
    expect(await callAction('contest', 'list', {}, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});
