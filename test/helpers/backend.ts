/**
 * The one backend router of the page tests. Routes are keyed `<function>.<action>` of the contract
 * (typings/api.ts) and typed by it: a route receives the action's event (`FunctionEvent`) and must answer the
 * action's `ActionOutput`, so a route for an action that does not exist, or a faked answer of the wrong
 * shape, fails to compile (`npx tsc -p test/miniprogram/tsconfig.json`). A call no route answers fails the
 * test, naming the call. A test that means to send a malformed answer says so with `malformed(...)`.
 */
import type { ActionName, ActionOutput, FunctionEvent, FunctionName } from '../../typings/api';
import type { Envelope } from '../../typings/envelope';
import { ok, wxStub, type BackendAnswer, type BackendCall } from '../miniprogram/wx-stub';

/** `<function>.<action>` of every action in the contract. */
export type ActionKey = { [F in FunctionName]: `${F}.${ActionName<F>}` }[FunctionName];

/** How the fake backend answers a call whose data is `T`: the envelope, a platform error or a network failure. */
export type Answer<T> = { result: Envelope<T>; requestID?: string } | { errCode: number; errMsg: string; requestID?: string } | { networkError: string };

/** One call to `F`'s action `A` as the route sees it: the event is the action's contract input. */
export type CallOf<F extends FunctionName, A extends ActionName<F>> = Omit<BackendCall, 'name' | 'event'> & { name: F; event: FunctionEvent<F, A> };

/** The route of `F`'s action `A`: answers with the action's contract output. */
export type ActionRoute<F extends FunctionName, A extends ActionName<F>> = (call: CallOf<F, A>) => Answer<ActionOutput<F, A>>;

/** The route of `<function>.<action>` key `K`. */
export type Route<K extends ActionKey> = K extends `${infer F extends FunctionName}.${infer A}` ? (A extends ActionName<F> ? ActionRoute<F, A> : never) : never;

export type Routes = { [K in ActionKey]?: Route<K> };

/** Routes of the functions `F` keyed by bare action name (an action of several of them takes any of their routes). */
export type RoutesOf<F extends FunctionName> = {
  [A in F extends FunctionName ? ActionName<F> : never]?: { [G in F]: A extends ActionName<G> ? ActionRoute<G, A> : never }[F];
};

/** Any route, as the router stores it. */
type AnyRoute = (call: BackendCall) => BackendAnswer;

const keyOf = (call: BackendCall): string => `${call.name}.${String(call.event.action)}`;

/** Answers each call from `routes`, then from `defaults`; any other call fails the test. */
export function backend(routes: Routes, defaults: Routes = {}): void {
  const table = { ...defaults, ...routes } as Record<string, AnyRoute | undefined>;
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

/**
 * An answer outside the contract, for a test of how the app copes with one (a missing field, a wrong type):
 * it type-checks as any action's answer, so every deliberate use is named.
 */
export function malformed(data: unknown, requestId = 'req-test'): Answer<never> {
  return ok(data, requestId) as Answer<never>;
}

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
