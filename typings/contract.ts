/**
 * One action's contract: its input schema (validated at runtime by the function, one definition) and its
 * output type. `output` is never set at runtime: it only carries the type to `FunctionActions`.
 *
 * Schemas use `zod/mini`: the classic `zod` API is not tree-shakable and would add about 750 kB to every
 * function bundle (cold starts); mini adds about 30 kB.
 */
import * as z from 'zod/mini';

export type Schema = z.core.$ZodType;

/**
 * Key names no client input may use, at any depth: `__proto__`, `constructor` and `prototype` reach an
 * object's prototype when a key indexes a plain object, a leading `$` reads as a MongoDB operator and a `.`
 * as a field path once the key is stored as a field name. `JSON.parse` makes `__proto__` an ordinary own key,
 * so a raw request body can carry it.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isHostileKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key) || key.startsWith('$') || key.includes('.');
}

/** Refuses the prototype key names in a value that becomes a field name (a question id, a dimension id). */
export const notPrototypeKey = z.refine<string>((value) => !PROTOTYPE_KEYS.has(value), { message: '不能使用这个编号' });

/**
 * Every client-chosen key that the server stores as a field name (quiz question ids, rubric dimension ids,
 * the keys of a `z.record`): letters, digits, `_` and `-`, 1–32 characters, never a prototype key name.
 */
export const recordKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/), notPrototypeKey);

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
