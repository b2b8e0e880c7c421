/**
 * One action's contract: its input schema (validated at runtime by the function, one definition) and its
 * output type. `output` is never set at runtime: it only carries the type to `FunctionActions`.
 *
 * Schemas use `zod/mini`: the classic `zod` API is not tree-shakable and would add about 750 kB to every
 * function bundle (cold starts); mini adds about 30 kB.
 */
import type * as z from 'zod/mini';

export type Schema = z.core.$ZodType;

export interface ActionContract<S extends Schema, O> {
  readonly input: S;
  readonly output?: O;
}

/** `contract<Output>()(schema)`: the output type is written once, the input type comes from the schema. */
export function contract<O>() {
  return <S extends Schema>(input: S): ActionContract<S, O> => ({ input });
}

/** Turns a function's contracts into the `{ [action]: { input; output } }` map the app sees. */
export type ContractTypes<C> = {
  [A in keyof C]: C[A] extends ActionContract<infer S, infer O> ? { input: z.input<S>; output: O } : never;
};
