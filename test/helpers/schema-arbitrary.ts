/**
 * fast-check arbitraries for action inputs, read from the contracts' zod/mini schemas (typings/): values that
 * pass validation (so a fuzz run reaches the handlers), with every free-text id drawn partly from `ids` (real
 * resource and member ids of a seeded fixture), and hostile values to mutate them with.
 */
import fc from 'fast-check';
import type { Schema } from '../../typings/contract';

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
}

const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function checksOf(def: Def): Record<string, unknown>[] {
  return (def.checks ?? []).map((check) => check._zod.def);
}

function stringArbitrary(def: Def, ids: fc.Arbitrary<string>): fc.Arbitrary<string> {
  let min = 0;
  let max = 40;
  let pattern: RegExp | undefined;
  let prefix = '';
  for (const check of checksOf(def)) {
    if (check.check === 'min_length') min = check.minimum as number;
    if (check.check === 'max_length') max = Math.min(check.maximum as number, 200);
    if (check.check === 'string_format' && check.format === 'regex') pattern = check.pattern as RegExp;
    if (check.check === 'string_format' && check.format === 'starts_with') prefix = check.prefix as string;
  }
  if (pattern) return fc.oneof(fc.stringMatching(pattern), ids);
  if (prefix) return fc.string({ maxLength: 20 }).map((rest) => `${prefix}${rest}`);
  return fc.oneof(ids, fc.string({ minLength: min, maxLength: Math.max(min, max) }));
}

function numberArbitrary(def: Def, integer: boolean): fc.Arbitrary<number> {
  let min = -1e6;
  let max = 1e6;
  for (const check of checksOf(def)) {
    if (check.check === 'greater_than') min = Math.max(min, (check.value as number) + (check.inclusive ? 0 : 1));
    if (check.check === 'less_than') max = Math.min(max, (check.value as number) - (check.inclusive ? 0 : 1));
    if (check.check === 'number_format') integer = true;
  }
  if (min > max) return fc.constant(min);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary of inputs `schema` accepts (or nearly: cross-field rules are the handlers' to refuse). */
export function validInput(schema: Schema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 8) return fc.constant(undefined);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, ids);
    case 'number':
      return numberArbitrary(def, def.format === 'safeint');
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { none: 'none' }));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'null':
      return fc.constant(null);
    case 'optional':
    case 'default':
      return fc.option(validInput(def.innerType as Schema, ids, depth + 1), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(validInput(def.innerType as Schema, ids, depth + 1), { nil: null, freq: 3 });
    case 'array': {
      let max = 3;
      let min = 0;
      for (const check of checksOf(def)) {
        if (check.check === 'min_length') min = check.minimum as number;
        if (check.check === 'max_length') max = Math.min(check.maximum as number, 4);
      }
      return fc.array(validInput(def.element as Schema, ids, depth + 1), { minLength: min, maxLength: Math.max(min, max) });
    }
    case 'record':
      return fc.dictionary(validInput(def.keyType as Schema, ids, depth + 1) as fc.Arbitrary<string>, validInput(def.valueType as Schema, ids, depth + 1), {
        maxKeys: 4,
      });
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => validInput(option, ids, depth + 1)));
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, field]) => [key, validInput(field, ids, depth + 1)])));
    default:
      return fc.anything();
  }
}

/** The top-level field names of an object schema (empty for others). */
export function fieldsOf(schema: Schema): string[] {
  const def = defOf(schema);
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** Values no action should choke on: wrong types, huge strings, operator-like objects, prototype keys. */
export function hostileValue(ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1e308,
      -0.5,
      2 ** 53,
      '',
      ' ',
      '\u0000',
      '../../etc/passwd',
      'cloud://local.bucket/other/x.png',
      '2026-02-30',
      'null',
    ),
    fc.constantFrom({ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(1000)' }, { $exists: true }, { $in: [] }, [], [null], {}, [[[]]]),
    fc.constantFrom('x'.repeat(70_000), '测'.repeat(5_000)),
    ids,
    ids.map((id) => [id]),
    fc
      .constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"a.b":1}', '{"$set":{"roles":[]}}')
      .map((json) => JSON.parse(json) as unknown),
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.jsonValue({ maxDepth: 3 }),
  );
}
