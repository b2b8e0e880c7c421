/** The harness itself: it must catch what miniprogram-simulate only logs. */
import { assertNoConsoleFailures, isTemplateWarning, takeConsoleFailures } from './console-guard';
import { backend, malformed, type Routes } from '../helpers/backend';
import { failure, ok, wxStub } from './wx-stub';

const Thrower = {
  template: '<view class="boom" bindtap="explode">boom</view>',
  methods: {
    explode() {
      throw new Error('handler exploded');
    },
  },
};

test('an exception inside an event handler is detected (simulate only console.errors it)', async () => {
  let simulate: typeof import('miniprogram-simulate') | undefined;
  jest.isolateModules(() => {
    simulate = require('miniprogram-simulate') as typeof import('miniprogram-simulate');
  });
  const component = simulate!.render(simulate!.load(Thrower));
  component.attach(document.createElement('parent-wrapper'));
  component.querySelector('.boom')!.dispatchEvent('tap');
  await simulate!.sleep(0);

  const failures = takeConsoleFailures();
  expect(failures.join('\n')).toContain('handler exploded');
});

test('recorded console.error and template warnings fail the test that logged them', () => {
  console.error('something broke');
  expect(() => assertNoConsoleFailures()).toThrow(/something broke/);

  console.warn('WXMLRT_$gwx:./pages/x.wxml:view:1:1: Now you can provide attr `wx:key` for a `wx:for`');
  expect(() => assertNoConsoleFailures()).toThrow(/WXMLRT/);

  console.warn('an ordinary warning');
  expect(() => assertNoConsoleFailures()).not.toThrow();
});

test('template warnings are recognised', () => {
  expect(isTemplateWarning('WXMLRT_$gwx:./a.wxml:text:1:1: something')).toBe(true);
  expect(isTemplateWarning('[transport] CALL_FAILED')).toBe(false);
});

test('the backend router takes only answers of the contract: a wrong shape or an unknown action fails to type-check', () => {
  const routes: Routes = {
    'user.uploadFolder': () => ok({ folder: 'uploads/o-1' }),
    // @ts-expect-error user.me answers a MeView, never a number
    'user.me': () => ok(42),
    // @ts-expect-error points.myLevel's answer lacks `history`
    'points.myLevel': () => ok({ rank: 0, name: null, reachedAt: null, earnedTotal: 0, next: null }),
    // A refusal, a platform error and a named malformed answer fit any action.
    'course.home': () => failure('INTERNAL', '服务器开小差了，请稍后重试'),
    'course.list': () => ({ networkError: 'offline' }),
    'course.detail': () => malformed({ id: 'c1' }),
  };
  // @ts-expect-error no such action in the contract
  const unknown: Routes = { 'user.nothing': () => ok({}) };
  backend(routes, unknown);
  expect(typeof wxStub().handler).toBe('function');
});
