/**
 * `defineFunction` turns a set of actions into a cloud function's `main(event, context)`: route by
 * `event.action`, authenticate from the WeChat context only, authorise with the shared guard, validate the
 * input, run the handler, and answer the one envelope of typings/envelope.ts.
 */
import { randomUUID } from 'node:crypto';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../typings/api';
import type { Envelope } from '../../typings/envelope';
import { ERROR_MESSAGES } from '../../typings/errors';
import type { Action } from './action';
import { resolveCaller } from './caller';
import { getCloud, readIdentity } from './cloud';
import { AppError } from './errors';
import { parseInput } from './validate';

export type ActionsOf<F extends FunctionName> = { [A in ActionName<F>]: Action<ActionInput<F, A>, ActionOutput<F, A>> };

export type Main = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>;

export interface CloudFunction<F extends FunctionName> {
  name: F;
  actions: ActionsOf<F>;
  main: Main;
}

/** Event keys that are not action input: the route, and the `userInfo` WeChat injects (never trusted). */
const RESERVED_KEYS = new Set(['action', 'userInfo']);

/** CloudBase (SCF) passes the invocation's id as `context.request_id`; reuse it so logs line up. */
function requestIdOf(context: unknown): string {
  if (typeof context === 'object' && context !== null) {
    const { request_id: id } = context as { request_id?: unknown };
    if (typeof id === 'string' && id !== '') return id;
  }
  return randomUUID();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `fromEntries` defines own keys, so a top-level `__proto__` stays a key for validation to refuse. */
function inputOf(event: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([key]) => !RESERVED_KEYS.has(key)));
}

/** Any set of actions, keyed by action name (the typed form is `ActionsOf<F>`). */
export type ActionTable = Record<string, Action<unknown, unknown>>;

/**
 * Builds `main(event, context)` for a function `name` serving `actions`. `defineFunction` is the typed way in;
 * this untyped form serves tools and tests that assemble functions outside the contract map.
 */
export function createMain(name: string, actions: ActionTable): Main {
  return async (event, context) => {
    const requestId = requestIdOf(context);
    let route = name;
    try {
      const cloud = getCloud();
      // Read before any await: the WeChat context lives in process.env for this invocation only.
      const identity = readIdentity(cloud);
      const actionName = isRecord(event) ? event.action : undefined;
      if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(actions, actionName)) {
        throw new AppError('UNKNOWN_ACTION', typeof actionName === 'string' ? `不支持的操作：${actionName}` : '缺少参数 action');
      }
      route = `${name}.${actionName}`;
      const action = actions[actionName] as Action<unknown, unknown>;
      const db = cloud.database();
      // Authorise before validating, so a caller without access learns nothing about the input shape.
      const caller = await resolveCaller(db, identity, action.roles);
      const input = parseInput(action.input, inputOf(event as Record<string, unknown>));
      const data = await action.handler({ input, caller, db, cloud, requestId, now: () => new Date() });
      return { ok: true, data, requestId };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, code: err.code, message: err.message, requestId };
      console.error(`[${route}] request ${requestId} failed:`, err);
      return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, requestId };
    }
  };
}

export function defineFunction<F extends FunctionName>(spec: { name: F; actions: ActionsOf<F> }): CloudFunction<F> {
  return { name: spec.name, actions: spec.actions, main: createMain(spec.name, spec.actions as ActionTable) };
}
