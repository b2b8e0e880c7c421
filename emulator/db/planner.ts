/**
 * Derives, from a MongoDB filter, a SQL pre-selection that an index can serve. The pre-selection only has
 * to be a superset of the matching documents: mingo filters the candidates exactly afterwards.
 *
 * Every declared index path has two SQLite indexes (see store.ts):
 *  - an expression index on json_extract(body, path), which for "regular" documents yields NULL (null or
 *    missing), an INTEGER/REAL (number) or a TEXT (string) that compare exactly as MongoDB compares them;
 *  - a partial index over the "irregular" documents, where the value (or a step of the path) is an array,
 *    an object (dates included) or a boolean, whose SQL value would not compare like MongoDB's.
 * Candidates are the regular documents selected by the SQL condition plus every irregular document.
 * Anything else (operators, regexes, dates, mixed types) yields no plan, and the caller scans.
 */
import { Doc, isPlainObject } from './codec';

/** A condition on one field, in SQL terms, against the field's json_extract expression. */
export interface FieldCondition {
  field: string;
  /** SQL fragment with `?` placeholders, where `$` stands for the indexed expression. */
  sql: string;
  params: Array<string | number>;
  /** Equality conditions are preferred over ranges when several indexed fields are constrained. */
  selective: boolean;
}

type Scalar = string | number;

function isIndexableScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** The lowest TEXT value: every number sorts below it and every string at or above it in SQLite. */
const TEXT_FLOOR = '';

function conditionFor(field: string, spec: unknown): FieldCondition | undefined {
  if (spec === null) return { field, sql: '$ IS NULL', params: [], selective: true };
  if (isIndexableScalar(spec)) return { field, sql: '$ = ?', params: [spec], selective: true };
  if (!isPlainObject(spec)) return undefined;
  const keys = Object.keys(spec);
  if (keys.length === 0 || keys.some((key) => !key.startsWith('$'))) return undefined;

  if (keys.length === 1 && keys[0] === '$eq') return conditionFor(field, spec.$eq);
  if (keys.length === 1 && keys[0] === '$in') {
    const values = spec.$in;
    if (!Array.isArray(values) || values.length === 0 || values.length > 500) return undefined;
    const scalars = values.filter(isIndexableScalar);
    const hasNull = values.some((value) => value === null);
    if (scalars.length + (hasNull ? 1 : 0) !== values.length) return undefined;
    const parts: string[] = [];
    if (scalars.length) parts.push(`$ IN (${scalars.map(() => '?').join(', ')})`);
    if (hasNull) parts.push('$ IS NULL');
    return { field, sql: parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`, params: scalars, selective: true };
  }

  // Ranges: MongoDB compares within one type bracket only, so all bounds must share a type.
  const bounds: Array<[string, Scalar]> = [];
  for (const key of keys) {
    const op = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[key];
    const value = spec[key];
    if (!op || !isIndexableScalar(value)) return undefined;
    bounds.push([op, value]);
  }
  const kinds = new Set(bounds.map(([, value]) => typeof value));
  if (kinds.size !== 1) return undefined;
  const numeric = kinds.has('number');
  const sqlParts = bounds.map(([op]) => `$ ${op} ?`);
  const params: Scalar[] = bounds.map(([, value]) => value);
  const hasUpper = bounds.some(([op]) => op.startsWith('<'));
  const hasLower = bounds.some(([op]) => op.startsWith('>'));
  // Keep numbers and strings apart, as MongoDB's type brackets do.
  if (numeric && !hasUpper) {
    sqlParts.push('$ < ?');
    params.push(TEXT_FLOOR);
  }
  if (!numeric && !hasLower) {
    sqlParts.push('$ >= ?');
    params.push(TEXT_FLOOR);
  }
  return { field, sql: sqlParts.join(' AND '), params, selective: false };
}

/**
 * Collects conditions on top-level fields of a conjunctive filter (plain fields and `$and`); `$or`, `$nor`
 * and `$expr` contribute nothing, which is safe because the other conjuncts still hold for every match.
 */
export function fieldConditions(filter: Doc): FieldCondition[] {
  const out: FieldCondition[] = [];
  for (const [key, spec] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(spec)) {
      for (const part of spec) if (isPlainObject(part)) out.push(...fieldConditions(part));
      continue;
    }
    if (key.startsWith('$')) continue;
    const condition = conditionFor(key, spec);
    if (condition) out.push(condition);
  }
  return out;
}

/** `_id` equality or `$in` over strings/numbers: served by the primary key. */
export function idValues(filter: Doc): unknown[] | undefined {
  const spec = filter._id;
  if (spec === undefined) return undefined;
  if (isIndexableScalar(spec)) return [spec];
  if (isPlainObject(spec) && Object.keys(spec).length === 1) {
    if (isIndexableScalar(spec.$eq)) return [spec.$eq];
    if (Array.isArray(spec.$in) && spec.$in.every(isIndexableScalar)) return spec.$in;
  }
  return undefined;
}

/** A value whose MongoDB equality an index can pre-select: booleans too (json_extract gives 1 or 0). */
export type EqualityValue = string | number | boolean | null;

function equalityValue(spec: unknown): { value: EqualityValue } | undefined {
  if (spec === null || typeof spec === 'boolean' || isIndexableScalar(spec)) return { value: spec };
  if (isPlainObject(spec) && Object.keys(spec).length === 1 && '$eq' in spec) {
    const inner = spec.$eq;
    if (inner === null || typeof inner === 'boolean' || isIndexableScalar(inner)) return { value: inner };
  }
  return undefined;
}

/**
 * Top-level equality conditions of a conjunctive filter (plain fields and `$and`), by field. When a field
 * has several, any one of them serves: every match satisfies all of them.
 */
export function equalityConditions(filter: Doc, out = new Map<string, EqualityValue>()): Map<string, EqualityValue> {
  for (const [key, spec] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(spec)) {
      for (const part of spec) if (isPlainObject(part)) equalityConditions(part, out);
      continue;
    }
    if (key.startsWith('$') || out.has(key)) continue;
    const found = equalityValue(spec);
    if (found) out.set(key, found.value);
  }
  return out;
}
