/** Shared set-up of the identity tests: roster members, a frozen clock and envelope assertions. */
import type { MemberDoc } from '../../../typings/domain';
import type { Envelope } from '../../../typings/envelope';
import { memberId } from '../../../server/roster';
import { insertAll, memberDoc } from '../fixtures';
import { AppError, resolveCaller } from '../../../server/core';
import type { Action } from '../../../server/core';
import { getCloud } from '../../../server/core/cloud';
import { parseInput } from '../../../server/core/validate';
import type { LocalCloud } from '../../../emulator/server';

/** A token of WeChat's phone-number button for `phone`, minted by the local cloud (single use, 5 minutes). */
export function phoneCode(cloud: LocalCloud, phone: string): string {
  return cloud.openapi.phoneNumbers.mint(phone);
}

/** A roster member as the import writes it (`_id` `m:<employeeNo>`), not bound to anyone. */
export function rosterMember(employeeNo: string, name: string, overrides: Partial<MemberDoc> = {}): MemberDoc {
  return memberDoc(memberId(employeeNo), { employeeNo, name, ...overrides });
}

export async function seedRoster(...members: MemberDoc[]): Promise<void> {
  await insertAll('members', members);
}

/**
 * Freezes `new Date()` only (timers, ticks and I/O keep running) so throttling windows and expiry are exact.
 */
export function freezeClock(at: Date): void {
  jest.useFakeTimers({
    now: at,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

export function setClock(at: Date): void {
  jest.setSystemTime(at);
}

export function codeOf(answer: Envelope<unknown>): string {
  return answer.ok ? 'OK' : answer.code;
}

export function dataOf<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
  return answer.data;
}

/**
 * Runs an action's guard, validation and handler directly, so that calls really overlap: `invoke` runs one
 * call at a time because the WeChat context lives in process.env (as in one CloudBase instance).
 * The answer is the envelope's code, or OK.
 */
export async function runConcurrently(action: Action<unknown, unknown>, input: unknown, openid: string): Promise<string> {
  const cloud = getCloud();
  const db = cloud.database();
  try {
    const caller = await resolveCaller(db, { openid, appid: null, unionid: null }, action.roles);
    await action.handler({ input: parseInput(action.input, input), caller, db, cloud, requestId: 'test', now: () => new Date() });
    return 'OK';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}
