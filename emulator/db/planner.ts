/**
 * Reads, from a MongoDB filter, the conditions an index can serve, as SQL over an index field's ordered key
 * (store.ts `indexField`). A plan only has to find a superset of the matching documents: mingo filters the
 * candidates exactly afterwards.
 *
 * The key of a "regular" value (null or missing, number, string, date) orders as MongoDB orders values, and
 * SQLite's own type order keeps MongoDB's type brackets apart: NULL, then numbers, then TEXT (strings), then
 * BLOB (booleans as one byte below every date, dates as the ISO text). Documents whose value is irregular (an
 * array anywhere on the path, another object, a date outside the years 1970-9999 that EJSON stores as a number) are found separately
 * through partial indexes and added whole (store.ts), so conditions here need to be right for regular
 * values only. Anything else (other operators, regexes, mixed types, other objects) gives no condition.
 */
import { type Doc, isPlainObject } from './codec';
import { booleanKey } from './index-keys';

/** A value whose equality (or range bound) an index key can serve. */
export type KeyValue = string | number | boolean | null | Date;

/** A condition on one field: equality, membership, or a range within one MongoDB type bracket. */
export type Condition =
  | { kind: 'eq'; value: KeyValue }
  | { kind: 'in'; values: KeyValue[] }
  | { kind: 'range'; bounds: Array<[Operator, string | number | Date]> };

type Operator = '>' | '>=' | '<' | '<=';
const OPERATORS: Record<string, Operator> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** Years EJSON stores as ISO text (relaxed mode): the only dates the key orders. */
const orderableDate = (value: Date): boolean => {
  const year = value.getUTCFullYear();
  return year >= 1970 && year <= 9999;
};

function keyValue(value: unknown): value is KeyValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return value instanceof Date && orderableDate(value);
}

const bracketOf = (value: string | number | Date): string => (value instanceof Date ? 'date' : typeof value);

function conditionFor(spec: unknown): Condition | undefined {
  if (keyValue(spec)) return { kind: 'eq', value: spec };
  if (!isPlainObject(spec)) return undefined;
  const keys = Object.keys(spec);
  if (keys.length === 0 || keys.some((key) => !key.startsWith('$'))) return undefined;
  if (keys.length === 1 && keys[0] === '$eq') return keyValue(spec.$eq) ? { kind: 'eq', value: spec.$eq } : undefined;
  if (keys.length === 1 && keys[0] === '$in') {
    const values = spec.$in;
    if (!Array.isArray(values) || values.length === 0 || values.length > 500 || !values.every(keyValue)) return undefined;
    return { kind: 'in', values };
  }
  // Ranges: MongoDB compares within one type bracket only, so all bounds must share one.
  const bounds: Array<[Operator, string | number | Date]> = [];
  for (const key of keys) {
    const op = OPERATORS[key];
    const value = spec[key];
    if (!op || !keyValue(value) || value === null || typeof value === 'boolean') return undefined;
    bounds.push([op, value]);
  }
  if (new Set(bounds.map(([, value]) => bracketOf(value))).size !== 1) return undefined;
  return { kind: 'range', bounds };
}

/**
 * Conditions on fields of a conjunctive filter (plain fields and `$and`), by field; when a field has
 * several, the first equality wins, then the first membership, then the first range (each holds for every
 * match). `$or`, `$nor` and `$expr` contribute nothing, which is safe: the other conjuncts still hold.
 */
export function fieldConditions(filter: Doc, out = new Map<string, Condition>()): Map<string, Condition> {
  const rank = { eq: 0, in: 1, range: 2 };
  for (const [key, spec] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(spec)) {
      for (const part of spec) if (isPlainObject(part)) fieldConditions(part, out);
      continue;
    }
    if (key.startsWith('$')) continue;
    const condition = conditionFor(spec);
    const current = out.get(key);
    if (condition && (!current || rank[condition.kind] < rank[current.kind])) out.set(key, condition);
  }
  return out;
}

/**
 * A string or finite number. At module level, as every helper on a request's path: the local cloud runs under tsx,
 * whose esbuild transform keeps function names (https://esbuild.github.io/api/#keep-names) by wrapping each named
 * function expression in a `__name` call that defines its `name` property, so a named closure made per call costs
 * a property definition per call.
 */
function scalarId(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** `_id` equality or `$in` over strings/numbers: served by the primary key. */
export function idValues(filter: Doc): unknown[] | undefined {
  const spec = filter._id;
  if (spec === undefined) return undefined;
  if (scalarId(spec)) return [spec];
  if (isPlainObject(spec) && Object.keys(spec).length === 1) {
    if (scalarId(spec.$eq)) return [spec.$eq];
    if (Array.isArray(spec.$in) && spec.$in.every(scalarId)) return spec.$in;
  }
  return undefined;
}

/** A SQL parameter for a key value: booleans and dates are BLOBs (index-keys.ts), dates of their ISO text. */
function param(value: Exclude<KeyValue, null>): string | number | Buffer {
  if (value instanceof Date) return Buffer.from(value.toISOString());
  if (typeof value === 'boolean') return booleanKey(value);
  return value;
}

/** The lowest TEXT and the lowest BLOB: the floors of the string bracket and of the blobs above it (booleans, dates). */
const TEXT_FLOOR = '';
const BLOB_FLOOR = Buffer.alloc(0);
/** Below every date's key (its ISO text starts with a digit), above both booleans'. */
const DATE_FLOOR = Buffer.from('0');

/** SQL (with `?` placeholders) selecting the regular documents that may satisfy `condition` on `key`. */
export function conditionSql(key: string, condition: Condition): { sql: string; params: Array<string | number | Buffer> } {
  if (condition.kind === 'eq') {
    if (condition.value === null) return { sql: `${key} IS NULL`, params: [] };
    return { sql: `${key} = ?`, params: [param(condition.value)] };
  }
  if (condition.kind === 'in') {
    const values = condition.values.filter((value): value is Exclude<KeyValue, null> => value !== null);
    const parts: string[] = [];
    if (values.length) parts.push(`${key} IN (${values.map(() => '?').join(', ')})`);
    if (values.length < condition.values.length) parts.push(`${key} IS NULL`);
    return { sql: parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`, params: values.map(param) };
  }
  const parts = condition.bounds.map(([op]) => `${key} ${op} ?`);
  const params: Array<string | number | Buffer> = condition.bounds.map(([, value]) => param(value));
  const bracket = bracketOf(condition.bounds[0][1]);
  const hasUpper = condition.bounds.some(([op]) => op.startsWith('<'));
  const hasLower = condition.bounds.some(([op]) => op.startsWith('>'));
  // Keep the bracket's own values only (NULL never satisfies a comparison).
  const floors: Array<[string, string | number | Buffer]> = [];
  if (bracket === 'number' && !hasUpper) floors.push([`${key} < ?`, TEXT_FLOOR]);
  if (bracket === 'string' && !hasLower) floors.push([`${key} >= ?`, TEXT_FLOOR]);
  if (bracket === 'string' && !hasUpper) floors.push([`${key} < ?`, BLOB_FLOOR]);
  if (bracket === 'date' && !hasLower) floors.push([`${key} >= ?`, DATE_FLOOR]);
  for (const [sql, value] of floors) {
    parts.push(sql);
    params.push(value);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * A filter's shape: its fields and operators with every value left out, and the sort keys. Two queries of
 * one shape need the same index; the local cloud warns once per shape (store.ts).
 */
export function queryShape(filter: Doc, order?: Doc): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.length && value.every(isPlainObject) ? value.map(strip) : '?';
    if (!isPlainObject(value)) return '?';
    const keys = Object.keys(value);
    if (!keys.length || !keys.every((key) => key.startsWith('$') || !key.includes('$'))) return '?';
    return Object.fromEntries(keys.sort().map((key) => [key, strip(value[key])]));
  };
  const sort = order && Object.keys(order).length ? ` sort ${JSON.stringify(order)}` : '';
  return `${JSON.stringify(strip(filter))}${sort}`;
}

/**
 * The index that would serve a filter and sort, MongoDB's rule of thumb: equality fields first, then the
 * sort fields, then one range (or other condition) field. Undefined when nothing names a field.
 */
export function suggestedIndex(filter: Doc, order?: Doc): Record<string, 1 | -1> | undefined {
  const conditions = fieldConditions(filter);
  const keys: Record<string, 1 | -1> = {};
  for (const [field, condition] of conditions) if (condition.kind === 'eq') keys[field] = 1;
  for (const [field, direction] of Object.entries(order ?? {})) if (!(field in keys)) keys[field] = direction === -1 ? -1 : 1;
  const fields = (part: Doc): string[] =>
    Object.entries(part).flatMap(([key, spec]) => {
      if (key === '$and' && Array.isArray(spec)) return spec.filter(isPlainObject).flatMap(fields);
      if ((key === '$or' || key === '$nor') && Array.isArray(spec) && isPlainObject(spec[0])) return fields(spec[0]);
      return key.startsWith('$') ? [] : [key];
    });
  const rest = fields(filter).find((field) => !(field in keys));
  if (rest) keys[rest] = 1;
  return Object.keys(keys).length ? keys : undefined;
}
