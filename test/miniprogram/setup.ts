/**
 * Runs before every mini-program test file: installs the `wx` stub before miniprogram-simulate loads (so it
 * merges into it), the getApp/getCurrentPages globals TDesign needs (the pages a test rendered), and the console guard that fails a
 * test on any console.error or template warning.
 */
import { assertNoConsoleFailures, installConsoleGuard } from './console-guard';
import { openedPages } from './harness';
import { createWxStub } from './wx-stub';

const { stub, wx } = createWxStub();
const globals = globalThis as unknown as Record<string, unknown>;
globals.wx = wx;
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = () => [...openedPages()];
globals.__weikeWxStub = stub;

installConsoleGuard();

// The first load in a file compiles every template with wcc and transforms the pages: slow on a cold cache.
jest.setTimeout(30_000);

beforeEach(() => {
  stub.reset();
  openedPages().length = 0;
});

afterEach(() => {
  assertNoConsoleFailures();
});
