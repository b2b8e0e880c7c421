/**
 * Query operators that replace or complete mingo's, in the context of every Query/Aggregator/update (see
 * engine.ts), so they also apply inside `$elemMatch`, `$not`, `$pull` conditions and `$match`:
 *  - `$mod`: mingo matches `null` (and other non-numbers coerced by `%`) as 0; MongoDB matches only numbers,
 *    truncating the value toward zero, and refuses a zero divisor.
 *  - `$nearSphere`, `$geoWithin`, `$geoIntersects`: see geo.ts. `$nearSphere` only filters here (by the
 *    distance bounds); ordering by distance is done by the caller, see `nearSortOf`.
 */
import type { QueryOps } from 'mingo/types/core/_internal';
import { type Doc, isPlainObject, valuesAt } from './codec';
import { type NearSpec, type Position, intersectsPredicate, nearDistance, nearSpec, pointsAt, withinPredicate } from './geo';

type Predicate = (obj: Doc) => boolean;

function modArguments(value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new Error('$mod needs [divisor, remainder], two finite numbers');
  }
  const divisor = Math.trunc(value[0] as number);
  if (divisor === 0) throw new Error('$mod: divisor cannot be 0');
  return [divisor, Math.trunc(value[1] as number)];
}

function $mod(selector: string, value: unknown): Predicate {
  const [divisor, remainder] = modArguments(value);
  const matches = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && Math.trunc(x) % divisor === remainder;
  // An array field matches when any element does.
  return (obj) => valuesAt(obj, selector).some((found) => (Array.isArray(found) ? found.some(matches) : matches(found)));
}

function geo(test: (point: Position) => boolean): (selector: string) => Predicate {
  return (selector) => (obj) => pointsAt(obj, selector).some(test);
}

function $nearSphere(selector: string, value: unknown): Predicate {
  const near = nearSpec(value);
  return (obj) => nearDistance(pointsAt(obj, selector), near) !== undefined;
}

function $geoWithin(selector: string, value: unknown): Predicate {
  return geo(withinPredicate(value))(selector);
}

function $geoIntersects(selector: string, value: unknown): Predicate {
  return geo(intersectsPredicate(value))(selector);
}

/** mingo's operator signature is `(selector, value, options) => predicate`; these ignore the options. */
export const OVERRIDDEN_QUERY_OPERATORS = { $mod, $nearSphere, $geoWithin, $geoIntersects } as unknown as QueryOps;

export interface NearSort {
  field: string;
  near: NearSpec;
}

/**
 * The `$nearSphere` of a filter (on a top-level field or inside a top-level `$and`), whose results MongoDB
 * returns nearest first unless the query sorts explicitly.
 */
export function nearSortOf(filter: Doc): NearSort | undefined {
  for (const [key, spec] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(spec)) {
      for (const part of spec) {
        const found = isPlainObject(part) ? nearSortOf(part) : undefined;
        if (found) return found;
      }
    } else if (!key.startsWith('$') && isPlainObject(spec) && spec.$nearSphere !== undefined) {
      return { field: key, near: nearSpec(spec.$nearSphere) };
    }
  }
  return undefined;
}

/** Orders documents nearest first (stable for ties); documents with no point in range go last. */
export function sortByDistance(docs: Doc[], sort: NearSort): Doc[] {
  const keyed = docs.map((doc, i) => ({ doc, i, d: nearDistance(pointsAt(doc, sort.field), sort.near) ?? Infinity }));
  keyed.sort((a, b) => a.d - b.d || a.i - b.i);
  return keyed.map((entry) => entry.doc);
}
