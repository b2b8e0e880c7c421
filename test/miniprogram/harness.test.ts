/** The harness itself: it must catch what miniprogram-simulate only logs. */
import { assertNoConsoleFailures, isTemplateWarning, takeConsoleFailures } from './console-guard';

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
