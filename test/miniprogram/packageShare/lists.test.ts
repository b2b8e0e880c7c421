/** 我的分享 (totals, reach and conversions per share, opening the shared page) and a campaign's share leaderboard. */
import { failure, ok } from '../wx-stub';
import { inStatus, tap, wxStub, openPage, text, page, texts } from '../harness';
import { callsOf, courseBackend } from '../../helpers/pages/course';
import { boardRow, myShare } from '../../helpers/pages/share';

const TOTALS = { shares: 12, reach: 40, outsiderOpens: 2, conversions: 9 };

test('我的分享: totals, then each share with its channel, time, reach and conversions', async () => {
  courseBackend({
    'share.mine': () =>
      ok({
        ...page(
          [
            myShare(1, { reach: 8, conversions: 3, outsiderOpens: 2 }),
            myShare(2, { target: { kind: 'campaign', id: 'p1' }, title: '21 天晨读', channel: 'poster' }),
          ],
          1,
          2,
        ),
        totals: TOTALS,
      }),
  });
  const { page: rendered, simulate } = await openPage('packageShare/mine/index');
  expect(callsOf('share.mine')).toEqual([{ action: 'mine', page: 1, pageSize: 10 }]);
  expect([
    text(rendered.querySelector('.total-shares')),
    text(rendered.querySelector('.total-reach')),
    text(rendered.querySelector('.total-conversions')),
  ]).toEqual(['12', '40', '9']);
  expect(texts(rendered.querySelectorAll('.share-title'))).toEqual(['课程1', '21 天晨读']);
  expect(texts(rendered.querySelectorAll('.share-meta'))).toEqual(['课程 · 微信好友 · 2026-03-01 10:00', '打卡活动 · 海报 · 2026-03-01 10:00']);
  expect(texts(rendered.querySelectorAll('.share-reach'))).toEqual(['触达 8 人', '触达 2 人']);
  expect(texts(rendered.querySelectorAll('.share-conversions'))).toEqual(['转化 3 人', '转化 0 人']);
  expect(texts(rendered.querySelectorAll('.share-outsiders'))).toEqual(['站外打开 2 次（未展示内容）']);
  await tap(simulate, rendered.querySelectorAll('.share')[1]!);
  expect(wxStub().navigations).toEqual(['/packageCampaign/detail/index?id=p1']);
});

test('我的分享 without any share explains how to share', async () => {
  courseBackend({ 'share.mine': () => ok({ ...page([], 1, 0), totals: { shares: 0, reach: 0, outsiderOpens: 0, conversions: 0 } }) });
  const { page: rendered } = await openPage('packageShare/mine/index');
  expect(text(inStatus(rendered, '.state-empty'))).toContain('分享给同事');
});

test('a campaign share leaderboard: title, my rank, when it was updated, sharers by reach', async () => {
  courseBackend({
    'share.leaderboard': () =>
      ok({
        ...page([boardRow(1, { name: '李雷', reach: 30, conversions: 6, level: '学习达人' }), boardRow(2, { isMe: true, name: '王芳' })], 1, 2),
        board: { kind: 'campaign', id: 'p1', title: '21 天晨读' },
        mine: boardRow(2, { isMe: true, name: '王芳' }),
        updatedAt: '2026-03-01T02:15:00.000Z',
      }),
  });
  const titles: string[] = [];
  const wxGlobal = (globalThis as unknown as { wx: { setNavigationBarTitle: (options: { title: string }) => void } }).wx;
  const original = wxGlobal.setNavigationBarTitle;
  wxGlobal.setNavigationBarTitle = (options) => titles.push(options.title);
  try {
    const { page: rendered } = await openPage('packageShare/leaderboard/index', { boardKind: 'campaign', boardId: 'p1' });
    expect(callsOf('share.leaderboard')).toEqual([{ action: 'leaderboard', boardKind: 'campaign', boardId: 'p1', page: 1, pageSize: 10 }]);
    expect(titles).toEqual(['21 天晨读 · 分享排行']);
    expect(text(rendered.querySelector('.mine'))).toBe('我的排名 第 2 名 · 分享 3 次 · 触达 8 人 · 转化 1 人');
    expect(text(rendered.querySelector('.updated'))).toBe('数据更新于 2026-03-01 10:15');
    // The learner level shows beside the name; none below the first rung.
    expect(texts(rendered.querySelectorAll('.rank-name'))).toEqual(['李雷学习达人', '王芳（我）']);
    expect(texts(rendered.querySelectorAll('.rank-name .level-tag'))).toEqual(['学习达人']);
    expect(texts(rendered.querySelectorAll('.rank-figures'))[0]).toBe('分享 3 次 · 触达 30 人 · 转化 6 人');
  } finally {
    wxGlobal.setNavigationBarTitle = original;
  }
});

test('a contest board before its first rollup, without my share', async () => {
  courseBackend({
    'share.leaderboard': () => ok({ ...page([], 1, 0), board: { kind: 'contest', id: 'k1', title: '微课大赛' }, mine: null, updatedAt: null }),
  });
  const { page: rendered } = await openPage('packageShare/leaderboard/index', { boardKind: 'contest', boardId: 'k1' });
  expect(callsOf('share.leaderboard')[0]).toMatchObject({ boardKind: 'contest', boardId: 'k1' });
  expect(text(rendered.querySelector('.mine'))).toBe('你还没有分享过，分享后即可上榜');
  expect(text(rendered.querySelector('.updated'))).toBe('数据尚未汇总，稍后再来看看');
  expect(text(inStatus(rendered, '.state-empty'))).toContain('还没有人分享');
});

test('a failing board shows the message', async () => {
  courseBackend({ 'share.leaderboard': () => failure('FORBIDDEN', '无权查看') });
  const { page: rendered } = await openPage('packageShare/leaderboard/index', { boardKind: 'contest', boardId: 'k1' });
  expect(text(inStatus(rendered, '.state-error'))).toContain('无权查看');
});
