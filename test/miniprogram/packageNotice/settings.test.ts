/** 消息设置: each kind's switch saved on the server; 订阅微信提醒 asks WeChat's panel, then reports an accepted one (once). */
import { failure, ok } from '../wx-stub';
import { inStatus, openPage, settle, tap, texts, wxStub } from '../harness';
import { backend, inputsOf } from '../../helpers/backend';
import { settings } from '../../helpers/pages/notification';

const TEMPLATES = { order_shipped: { templateId: 'tpl-order', remaining: 0 }, overdue: { templateId: 'tpl-due', remaining: 2 } };

test('lists every kind with its switch, and the subscriptions left where a template is configured', async () => {
  backend({ 'notification.settings': () => ok(settings(['vote_results'], TEMPLATES)) });
  const { page } = await openPage('packageNotice/settings/index');
  expect(texts(page.querySelectorAll('.kind-label'))).toEqual([
    '新的必修课',
    '必修课明天截止',
    '必修课已逾期',
    '报名审核通过',
    '比赛结果公布',
    '礼品已发放',
    '获得证书',
    '明天上课',
  ]);
  expect(page.querySelectorAll('.kind-switch')).toHaveLength(8);
  // 比赛结果公布 is off: no subscription offered; the others without a template offer none either.
  expect(texts(page.querySelectorAll('.remaining'))).toEqual(['剩余微信提醒 2 次', '剩余微信提醒 0 次']);
});

test('turning a kind off saves it and shows what the server answers; a failure says so and reloads', async () => {
  let off: ('overdue' | 'order_shipped')[] = [];
  backend({
    'notification.settings': () => ok(settings(off, TEMPLATES)),
    'notification.setKind': (call) => {
      off = call.event.enabled ? [] : [call.event.kind as 'overdue'];
      return ok(settings(off, TEMPLATES));
    },
  });
  const { page, simulate } = await openPage('packageNotice/settings/index');
  page.querySelectorAll('.kind-switch')[2]!.dispatchEvent('change', { detail: { value: false } });
  await settle(simulate);
  expect(inputsOf('notification', 'setKind')).toEqual([{ kind: 'overdue', enabled: false }]);
  // A kind turned off offers no subscription.
  expect(texts(page.querySelectorAll('.remaining'))).toEqual(['剩余微信提醒 0 次']);

  backend({ 'notification.settings': () => ok(settings([], TEMPLATES)), 'notification.setKind': () => failure('INTERNAL', '服务暂时不可用') });
  page.querySelectorAll('.kind-switch')[0]!.dispatchEvent('change', { detail: { value: false } });
  await settle(simulate);
  expect(wxStub().toasts).toEqual(['服务暂时不可用']);
});

test('订阅微信提醒 opens WeChat’s panel and reports an accepted template once; a refused panel reports nothing', async () => {
  backend({
    'notification.settings': () => ok(settings([], TEMPLATES)),
    'notification.subscribe': () => ok(settings([], { ...TEMPLATES, order_shipped: { templateId: 'tpl-order', remaining: 1 } })),
  });
  const { page, simulate } = await openPage('packageNotice/settings/index');
  wxStub().subscribeAnswers = { 'tpl-order': 'reject' };
  await tap(simulate, page.querySelectorAll('.subscribe')[1]!);
  expect(wxStub().subscribePanels).toEqual([['tpl-order']]);
  expect(inputsOf('notification', 'subscribe')).toEqual([]);
  expect(wxStub().toasts).toEqual(['未订阅']);

  wxStub().subscribeAnswers = {};
  await tap(simulate, page.querySelectorAll('.subscribe')[1]!);
  await settle(simulate);
  const [reported] = inputsOf('notification', 'subscribe');
  expect(reported).toEqual({ templateIds: ['tpl-order'], requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
  expect(texts(page.querySelectorAll('.remaining'))).toEqual(['剩余微信提醒 2 次', '剩余微信提醒 1 次']);
  expect(wxStub().toasts[1]).toBe('已订阅，剩余提醒 1 次');
});

test('a report that failed is retried with the same request id, without a second panel', async () => {
  let attempts = 0;
  backend({
    'notification.settings': () => ok(settings([], TEMPLATES)),
    'notification.subscribe': () => (++attempts === 1 ? failure('INTERNAL', '服务暂时不可用') : ok(settings([], TEMPLATES))),
  });
  const { page, simulate } = await openPage('packageNotice/settings/index');
  await tap(simulate, page.querySelectorAll('.subscribe')[0]!);
  await settle(simulate);
  await tap(simulate, page.querySelectorAll('.subscribe')[0]!);
  await settle(simulate);
  expect(wxStub().subscribePanels).toHaveLength(1);
  const [first, second] = inputsOf('notification', 'subscribe');
  expect(second).toEqual(first);
});

test('a failing load shows the error state', async () => {
  backend({ 'notification.settings': () => failure('INTERNAL', '服务暂时不可用') });
  const { page } = await openPage('packageNotice/settings/index');
  expect(inStatus(page, '.state-error')).toBeTruthy();
});
