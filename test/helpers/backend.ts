/**
 * The one backend router of the page tests: routes are keyed `<function>.<action>` of the contract
 * (typings/api.ts), so a route for an action that does not exist fails to compile. A call no route answers
 * fails the test, naming the call.
 */
import type { ActionName, FunctionName } from '../../typings/api';
import { ok, wxStub, type BackendAnswer, type BackendCall } from '../miniprogram/wx-stub';

/** `<function>.<action>` of every action in the contract. */
export type ActionKey = { [F in FunctionName]: `${F}.${ActionName<F>}` }[FunctionName];

export type Route = (call: BackendCall) => BackendAnswer;

export type Routes = { [K in ActionKey]?: Route };

/** Routes of the functions `F` keyed by bare action name. */
export type RoutesOf<F extends FunctionName> = { [A in F extends FunctionName ? ActionName<F> : never]?: Route };

const keyOf = (call: BackendCall): string => `${call.name}.${String(call.event.action)}`;

/** Answers each call from `routes`, then from `defaults`; any other call fails the test. */
export function backend(routes: Routes, defaults: Routes = {}): void {
  const table: Record<string, Route | undefined> = { ...defaults, ...routes };
  wxStub().handler = (call) => {
    const route = table[keyOf(call)];
    if (!route) throw new Error(`unexpected call ${keyOf(call)}`);
    return route(call);
  };
}

/** `routes` keyed by bare action name, answered for any of `functions` (an area's pages call one or two). */
export function scoped<F extends FunctionName>(functions: readonly F[], routes: RoutesOf<F>): Routes {
  const keyed: Record<string, unknown> = {};
  for (const fn of functions) for (const [action, route] of Object.entries(routes as object)) keyed[`${fn}.${action}`] = route;
  return keyed as Routes;
}

/** A route that always answers `data`. */
export const okWith =
  <T>(data: T) =>
  () =>
    ok(data);

/** The events of the calls made so far to `key` (`<function>.<action>`), in order. */
export const callsOf = (key: ActionKey): Record<string, unknown>[] =>
  wxStub()
    .calls.filter((call) => keyOf(call) === key)
    .map((call) => call.event);

/** The events of the calls made so far to `action` of any function, in order. */
export const callsOfAction = (action: string): Record<string, unknown>[] =>
  wxStub()
    .calls.filter((call) => call.event.action === action)
    .map((call) => call.event);

/** The inputs (the events without `action`) of the calls made so far to `fn`'s `action`, in order. */
export const inputsOf = <F extends FunctionName>(fn: F, action: ActionName<F>): Record<string, unknown>[] =>
  callsOf(`${fn}.${action}` as ActionKey).map(({ action: _action, ...input }) => input);

/** One page of a paged contract answer. */
export function page<T>(items: T[], pageNo = 1, total = items.length, pageSize = 10) {
  return { items, page: pageNo, pageSize, total, hasMore: pageNo * pageSize < total };
}
