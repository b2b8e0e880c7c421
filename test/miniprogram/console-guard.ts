/**
 * miniprogram-simulate only console.error-s an exception thrown inside an event handler or lifetime, and the
 * official template runtime reports template problems as `WXMLRT` warnings: both would let a broken page pass.
 * The guard records them; setup.ts fails the test that produced any.
 * State lives on globalThis so that modules loaded again inside jest.isolateModules share it.
 */
import { format } from 'node:util';

interface GuardState {
  failures: string[];
  installed: boolean;
}

const KEY = '__weikeConsoleGuard';

function state(): GuardState {
  const holder = globalThis as unknown as Record<string, GuardState | undefined>;
  holder[KEY] ??= { failures: [], installed: false };
  return holder[KEY];
}

/** Template runtime warnings (the official compiler's output prefixes them with WXMLRT). */
export function isTemplateWarning(message: string): boolean {
  return /WXMLRT|template/i.test(message);
}

export function installConsoleGuard(): void {
  const guard = state();
  if (guard.installed) return;
  guard.installed = true;
  const originalError = console.error.bind(console);
  const originalWarn = console.warn.bind(console);
  console.error = (...args: unknown[]) => {
    guard.failures.push(`console.error: ${format(...args)}`);
    originalError(...args);
  };
  console.warn = (...args: unknown[]) => {
    const message = format(...args);
    if (isTemplateWarning(message)) guard.failures.push(`template warning: ${message}`);
    originalWarn(...args);
  };
}

/** Returns and clears what was recorded (a test that expects a failure takes it, so it does not fail). */
export function takeConsoleFailures(): string[] {
  return state().failures.splice(0);
}

/** Throws when anything was recorded; setup.ts calls it after every test. */
export function assertNoConsoleFailures(): void {
  const failures = takeConsoleFailures();
  if (failures.length > 0) {
    throw new Error(`The test logged errors or template warnings:\n${failures.join('\n')}`);
  }
}
