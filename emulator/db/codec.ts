/**
 * Wire and storage encodings. The SDK sends queries, update documents and new documents as EJSON strings
 * (canonical mode), with two CloudBase extensions: `{"$tcb_server_date":{"offset":N}}` for `db.serverDate()`
 * and `$regularExpression` for `db.RegExp`. Documents are stored as relaxed EJSON (numbers as plain JSON
 * numbers) so that SQLite's json_extract sees numbers and strings as themselves and indexes can use them.
 */
import { BSONRegExp, EJSON } from 'bson';
import { CloudError, ErrorCode } from '../protocol';

export type Doc = Record<string, unknown>;

const SERVER_DATE = '$tcb_server_date';
/** JS RegExp flags that have a MongoDB counterpart; `x` (extended) has none in JS. */
const REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

export function isPlainObject(value: unknown): value is Doc {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep copy of a document or value. Not structuredClone: under a vm context (jest) that builds objects
 * with another realm's Object.prototype, which mingo then no longer treats as plain objects, so equality
 * (e.g. `$addToSet` of an object already present) silently fails. RegExps and BSON values are never
 * mutated, so they are shared.
 */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneValue(item)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const key of Object.keys(value)) out[key] = cloneValue(value[key]);
    return out as T;
  }
  return value;
}

/**
 * The values a dotted path reaches in a document, as MongoDB's query paths do: a numeric step indexes an
 * array, any other step on an array descends into each of its sub-documents. Missing branches are left out.
 */
export function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const step of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      if (Array.isArray(item)) {
        if (/^\d+$/.test(step)) {
          if (Number(step) < item.length) next.push(item[Number(step)]);
        } else {
          for (const element of item) if (isPlainObject(element) && Object.hasOwn(element, step)) next.push(element[step]);
        }
      } else if (isPlainObject(item) && Object.hasOwn(item, step)) {
        next.push(item[step]);
      }
    }
    current = next;
  }
  return current;
}

function toRegExp(value: BSONRegExp): RegExp {
  const flags = value.options.split('').filter((flag) => flag !== '');
  for (const flag of flags) {
    if (!REGEX_FLAGS.has(flag)) throw new CloudError(ErrorCode.invalidParam, `unsupported regular expression option: ${flag}`);
  }
  try {
    return new RegExp(value.pattern, [...new Set(flags)].join(''));
  } catch (err) {
    throw new CloudError(ErrorCode.invalidParam, `invalid regular expression: ${(err as Error).message}`);
  }
}

/**
 * Turns EJSON-parsed values into what mingo understands: BSON regular expressions become RegExp, server
 * dates become the current time plus the offset, invalid dates are refused.
 */
export function normalise(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => normalise(item, now));
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CloudError(ErrorCode.invalidParam, 'invalid date');
    return value;
  }
  if (value instanceof BSONRegExp) return toRegExp(value);
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === SERVER_DATE) {
      const spec = value[SERVER_DATE];
      const offset = isPlainObject(spec) ? (spec.offset ?? 0) : 0;
      if (typeof offset !== 'number' || !Number.isFinite(offset)) {
        throw new CloudError(ErrorCode.invalidParam, 'serverDate offset must be a number');
      }
      return new Date(now + offset);
    }
    const out: Doc = {};
    for (const key of keys) out[key] = normalise(value[key], now);
    return out;
  }
  return value;
}

/** Parses one EJSON string from the wire; `what` names the parameter in the error message. */
export function decodeWire(text: unknown, what: string, now = Date.now()): unknown {
  if (typeof text !== 'string') throw new CloudError(ErrorCode.invalidParam, `${what} must be an EJSON string`);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (err) {
    throw new CloudError(ErrorCode.invalidParam, `${what} is not valid EJSON: ${(err as Error).message}`);
  }
  return normalise(parsed, now);
}

/** Parses a wire parameter that must be an object (query, update, document, order, projection). */
export function decodeObject(text: unknown, what: string, now = Date.now()): Doc {
  const value = decodeWire(text, what, now);
  if (!isPlainObject(value)) throw new CloudError(ErrorCode.invalidParam, `${what} must be an object`);
  return value;
}

/** The query travels as an EJSON string, or is absent/empty for "all documents". */
export function decodeQuery(text: unknown, now = Date.now()): Doc {
  if (text === undefined || text === null || text === '') return {};
  if (isPlainObject(text)) return normalise(EJSON.deserialize(text, { relaxed: true }), now) as Doc;
  return decodeObject(text, 'query', now);
}

/** Storage form: relaxed EJSON, so json_extract sees plain numbers and strings. */
export function encodeStored(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

export function decodeStored(text: string): Doc {
  // Most documents hold no EJSON wrapper (no Date, no "$" key): plain JSON.parse is several times faster.
  return (text.includes('"$') ? EJSON.parse(text, { relaxed: true }) : JSON.parse(text)) as Doc;
}

/** Answer form: canonical EJSON strings, as CloudBase answers them (the SDK runs EJSON.parse on each). */
export function encodeAnswer(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false });
}

/** Key of a document in the `id` column: strings as they are, other `_id` types tagged so 5 and "5" differ. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0000n:${id}`;
  throw new CloudError(ErrorCode.invalidParam, '_id must be a string or a number');
}
