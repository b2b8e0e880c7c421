/** components/share-bar: poster of the target, and the share leaderboard a campaign's or contest's shares count on. */
import { loadComponent, settle, tap, wxStub } from '../harness';

async function renderBar(properties: Record<string, unknown>) {
  const loaded = loadComponent('components/share-bar/index');
  const bar = loaded.render(properties);
  await settle(loaded.simulate);
  return { bar, simulate: loaded.simulate };
}

test('a course offers sharing and a poster, and no leaderboard', async () => {
  const { bar, simulate } = await renderBar({ kind: 'course', targetId: 'c 1' });
  expect(bar.querySelector('.share-chat')).toBeTruthy();
  expect(bar.querySelector('.share-board')).toBeFalsy();
  await tap(simulate, bar.querySelector('.share-poster')!);
  expect(wxStub().navigations).toEqual(['/packageShare/poster/index?kind=course&id=c%201']);
});

test('a campaign links its own share leaderboard', async () => {
  const { bar, simulate } = await renderBar({ kind: 'campaign', targetId: 'p1' });
  await tap(simulate, bar.querySelector('.share-board')!);
  expect(wxStub().navigations).toEqual(['/packageShare/leaderboard/index?boardKind=campaign&boardId=p1']);
});

test("a contest entry links its contest's leaderboard once the contest is known", async () => {
  const { bar, simulate } = await renderBar({ kind: 'contestEntry', targetId: 'e1' });
  expect(bar.querySelector('.share-board')).toBeFalsy();
  bar.setData({ contestId: 'k1' });
  await settle(simulate);
  await tap(simulate, bar.querySelector('.share-board')!);
  expect(wxStub().navigations).toEqual(['/packageShare/leaderboard/index?boardKind=contest&boardId=k1']);
});
