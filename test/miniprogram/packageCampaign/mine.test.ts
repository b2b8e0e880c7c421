/** 我的打卡: my campaigns with their phase and my status; a tap opens the campaign. */
import { ok } from '../wx-stub';
import { tap, wxStub } from '../harness';
import { backend, callsOf, openPage, page, summary, texts } from './fixtures';

test('lists my campaigns with phase and my status and opens one', async () => {
  backend({ mine: () => ok(page([summary(1, { myStatus: 'enrolled' }), summary(2, { myStatus: 'pending', phase: 'upcoming', signUpOpen: true })])) });
  const { page: mine, simulate } = await openPage('packageCampaign/mine/index');
  expect(callsOf('mine')).toEqual([{ action: 'mine', page: 1, pageSize: 10 }]);
  expect(texts(mine.querySelectorAll('.phase'))).toEqual(['进行中', '报名中']);
  expect(texts(mine.querySelectorAll('.my-status'))).toEqual(['已报名', '待审核']);
  await tap(simulate, mine.querySelectorAll('.campaign')[1]!);
  expect(wxStub().navigations).toEqual(['/packageCampaign/detail/index?id=c2']);
});
