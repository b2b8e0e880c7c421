/**
 * 年度作者奖 (packageStudio/author-awards): the newest published year's winners with their figures and
 * points, other published years as chips, each award opening its certificate; the empty and failed states
 * (the way there from 我的创作 is in creations.test.ts).
 */
import { failure } from '../wx-stub';
import { activeTab, inStatus, settle, switchTab, tabItems, tap, wxStub } from '../harness';
import { backend, callsOf, ok, openPage, text, texts } from './studio-fixtures';
import type { AuthorAwardYearView } from '../../../typings/functions/author-awards';

function year(value: number, overrides: Partial<AuthorAwardYearView> = {}): AuthorAwardYearView {
  return {
    year: value,
    status: 'published',
    minRatings: 10,
    awards: [
      {
        awardId: 'a1',
        kind: 'most_learners',
        title: '年度最受欢迎作者',
        memberId: 'm-1',
        memberName: '王晓',
        departmentPath: ['总部', '信息技术部'],
        basis: '全年学员 1,204 人',
        points: 500,
        certificateCode: 'ABCDEFGHJKLMNPQR',
      },
      {
        awardId: 'a2',
        kind: 'named',
        title: '特别贡献奖',
        memberId: 'm-2',
        memberName: '李娜',
        departmentPath: ['华东分公司'],
        basis: '带教新人课程 12 门',
        points: 0,
        certificateCode: 'BCDEFGHJKLMNPQRS',
      },
    ],
    updatedAt: '2026-01-05T02:00:00.000Z',
    // 2026-01-06 10:00 in Beijing.
    publishedAt: '2026-01-06T02:00:00.000Z',
    publishedYears: [2025, 2024],
    ...overrides,
  };
}

const open = (query: Record<string, string> = {}) => openPage('packageStudio/author-awards/index', query);

test('shows the newest published year’s winners; another year loads on its chip; an award opens its certificate', async () => {
  backend({
    'authoring.authorAwardWinners': (call) =>
      ok(call.event.year === 2024 ? year(2024, { awards: [{ ...year(2024).awards[0]!, memberName: '赵强', basis: '全年学员 800 人' }] }) : year(2025)),
  });
  const { page: rendered, simulate } = await open();
  expect(callsOf('authoring', 'authorAwardWinners')).toEqual([{}]);
  expect(text(rendered.querySelector('.heading'))).toBe('2025 年度作者奖');
  expect(text(rendered.querySelector('.published'))).toBe('2026-01-06 公布');
  expect(texts(rendered.querySelectorAll('.award-title'))).toEqual(['年度最受欢迎作者', '特别贡献奖']);
  expect(texts(rendered.querySelectorAll('.award-winner'))).toEqual(['王晓 总部 / 信息技术部', '李娜 华东分公司']);
  expect(texts(rendered.querySelectorAll('.award-basis'))).toEqual(['全年学员 1,204 人', '带教新人课程 12 门']);
  expect(texts(rendered.querySelectorAll('.award-points'))).toEqual(['+500 积分']);
  expect(texts(tabItems(rendered))).toEqual(['2025 年度', '2024 年度']);
  expect(activeTab(rendered)).toBe('2025 年度');

  await switchTab(simulate, rendered, 1);
  await settle(simulate);
  expect(callsOf('authoring', 'authorAwardWinners')).toEqual([{}, { year: 2024 }]);
  expect(text(rendered.querySelector('.heading'))).toBe('2024 年度作者奖');
  expect(texts(rendered.querySelectorAll('.award-winner'))).toEqual(['赵强 总部 / 信息技术部']);

  await tap(simulate, rendered.querySelector('.award')!);
  await settle(simulate);
  expect(wxStub().navigations).toEqual(['/packageNotice/certificate/index?code=ABCDEFGHJKLMNPQR']);
});

test('opens the year in the link, and says so when nothing is published', async () => {
  backend({ 'authoring.authorAwardWinners': () => ok(year(2023, { status: 'none', awards: [], publishedAt: null, publishedYears: [] })) });
  const { page: rendered } = await open({ year: '2023' });
  expect(callsOf('authoring', 'authorAwardWinners')).toEqual([{ year: 2023 }]);
  expect(rendered.querySelector('.award')).toBeFalsy();
  expect(text(inStatus(rendered, '.state-empty'))).toBe('暂无已公布的年度作者奖');
});

test('a failed load shows the error and retries', async () => {
  let calls = 0;
  backend({ 'authoring.authorAwardWinners': () => (++calls === 1 ? failure('INTERNAL', '服务繁忙') : ok(year(2025))) });
  const { page: rendered, simulate } = await open();
  expect(rendered.querySelector('.award')).toBeFalsy();
  expect(text(inStatus(rendered, '.state-error'))).toContain('服务繁忙');
  rendered.querySelector('#status')!.dispatchEvent('retry');
  await settle(simulate);
  expect(texts(rendered.querySelectorAll('.award-title'))).toEqual(['年度最受欢迎作者', '特别贡献奖']);
});
