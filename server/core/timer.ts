/**
 * Timer functions (定时触发器): CloudBase calls `main` with `{ Type: 'Timer', TriggerName, Time }` and no
 * WeChat user; every other call is a member's, routed to the function's actions (an admin's manual run).
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/triggers.html
 */
import { randomUUID } from 'node:crypto';
import type { FunctionName } from '../../typings/api';
import { ERROR_MESSAGES } from '../../typings/errors';
import type { Database, WxCloud } from './cloud';
import { getCloud, readIdentity } from './cloud';
import type { CloudFunction, Main } from './function';

/** A timer invocation: the documented event shape, and no OPENID (a user's call always has one). */
export function isTimerCall(event: unknown): boolean {
  if (typeof event !== 'object' || event === null || (event as { Type?: unknown }).Type !== 'Timer') return false;
  return readIdentity(getCloud()).openid === null;
}

/** `manual` with its `main` answering timer calls by `run` (errors logged, never thrown). */
export function withTimer<F extends FunctionName>(
  manual: CloudFunction<F>,
  run: (db: Database, cloud: WxCloud, now: Date) => Promise<unknown>,
): CloudFunction<F> {
  const main: Main = async (event, context) => {
    if (!isTimerCall(event)) return manual.main(event, context);
    const requestId = randomUUID();
    try {
      const cloud = getCloud();
      return { ok: true, data: await run(cloud.database(), cloud, new Date()), requestId };
    } catch (err) {
      console.error(`[${manual.name}.timer] request ${requestId} failed:`, err);
      return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, requestId };
    }
  };
  return { ...manual, main };
}
