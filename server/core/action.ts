/** One typed shape per action: input schema, who may call it, and the handler. */
import type * as z from 'zod/mini';
import type { Schema } from '../../typings/contract';
import type { Access } from '../../typings/roles';
import type { Caller, CallerFor } from './caller';
import type { Database, WxCloud } from './cloud';

export interface ActionContext<I, C extends Caller = Caller> {
  /** The validated input (defaults applied). */
  input: I;
  caller: C;
  db: Database;
  cloud: WxCloud;
  requestId: string;
  now(): Date;
}

export interface ActionSpec<S extends Schema, O, A extends Access> {
  input: S;
  /** Carried by a contract (typings/contract.ts) for its type only. */
  output?: O;
  roles: A;
  handler: (ctx: ActionContext<z.output<S>, CallerFor<A>>) => Promise<O>;
}

/** A defined action with its types erased for routing; `types` exists only at the type level. */
export interface Action<I, O> {
  readonly input: Schema;
  readonly roles: Access;
  readonly handler: (ctx: ActionContext<unknown>) => Promise<unknown>;
  readonly types?: { input: I; output: O };
}

/**
 * Usually written `defineAction({ ...courseContracts.list, roles: ['learner'], handler })`, so the schema and
 * output type come from the contract in typings/.
 */
export function defineAction<S extends Schema, O, const A extends Access>(spec: ActionSpec<S, O, A>): Action<z.input<S>, O> {
  return {
    input: spec.input,
    roles: spec.roles,
    // The router hands the handler a parsed input and a caller that passed `roles`, as its type says.
    handler: spec.handler as unknown as (ctx: ActionContext<unknown>) => Promise<unknown>,
  };
}
