/**
 * Wire and storage encodings. The SDK sends queries, update documents and new documents as EJSON strings
 * (canonical mode), with two CloudBase extensions: `{"$tcb_server_date":{"offset":N}}` for `db.serverDate()`
 * and `$regularExpression` for `db.RegExp`. Documents are stored as relaxed EJSON (numbers as plain JSON
 * numbers) so that SQLite's json_extract sees numbers and strings as themselves and indexes can use them.
 */
import { BSONError, BSONRegExp, EJSON } from 'bson';
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
 * Whether `normalise` would give back an equal copy of a value: no BSON regular expression, server date or
 * invalid date in it, no object without a prototype, and no field named `__proto__` (which the copy's assignment
 * turns into its prototype).
 */
function isNormal(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isNormal(item)) return false;
    return true;
  }
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (value instanceof BSONRegExp) return false;
  if (!isPlainObject(value)) return true;
  // The copy of an object without a prototype has Object's.
  if (Object.getPrototypeOf(value) === null) return false;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === SERVER_DATE) return false;
  for (const key of keys) if (key === '__proto__' || !isNormal(value[key])) return false;
  return true;
}

/**
 * Turns EJSON-parsed values into what mingo understands: BSON regular expressions become RegExp, server
 * dates become the current time plus the offset, invalid dates are refused. A value with none of them (most
 * queries and updates) is given back as it is instead of copied: the parsed value belongs to the request.
 */
export function normalise(value: unknown, now: number): unknown {
  return isNormal(value) ? value : normaliseCopy(value, now);
}

function normaliseCopy(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseCopy(item, now));
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
    for (const key of keys) out[key] = normaliseCopy(value[key], now);
    return out;
  }
  return value;
}

/**
 * The keys on which bson 7's EJSON.parse (deserializeValue in node_modules/bson/lib/bson.cjs) turns an object into
 * something else: its codecs' keys, `$undefined`, `$date`, `$code`, DBRef's `$ref`/`$id` and `$dbPointer`. An
 * object with none of them, and every plain value, comes out of EJSON.parse (relaxed) as JSON.parse made it.
 */
const EJSON_KEYS = new Set([
  '$oid',
  '$binary',
  '$uuid',
  '$symbol',
  '$numberInt',
  '$numberDecimal',
  '$numberDouble',
  '$numberLong',
  '$minKey',
  '$maxKey',
  '$regex',
  '$regularExpression',
  '$timestamp',
  '$undefined',
  '$date',
  '$code',
  '$ref',
  '$id',
  '$dbPointer',
]);

/**
 * What EJSON.parse's reviver would make of a value JSON.parse made, in place. Children first, then the key
 * (field names with a NUL byte are refused, after their value, as bson refuses them); an object holding an
 * EJSON key goes through EJSON.parse itself, except the SDK's canonical numbers `{"$numberInt":"7"}` and
 * `{"$numberDouble":"1.5"}`, which bson turns into parseInt(text, 10) and parseFloat(text) when relaxed
 * (Int32 and Double.fromExtendedJSON).
 */
function reviveEjson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = reviveEjson(value[i]);
    return value;
  }
  const doc = value as Doc;
  const keys = Object.keys(doc);
  if (keys.some((key) => key.charCodeAt(0) === 36 && EJSON_KEYS.has(key))) {
    if (keys.length === 1) {
      const text = doc[keys[0]];
      if (keys[0] === '$numberInt' && typeof text === 'string') return Number.parseInt(text, 10);
      if (keys[0] === '$numberDouble' && typeof text === 'string') return Number.parseFloat(text);
    }
    return EJSON.parse(JSON.stringify(doc), { relaxed: true });
  }
  for (const key of keys) {
    const child = doc[key];
    const next = reviveEjson(child);
    if (next !== child) Object.defineProperty(doc, key, { value: next, writable: true, enumerable: true, configurable: true });
    if (key.includes('\u0000')) throw new BSONError(`BSON Document field names cannot contain null bytes, found: ${JSON.stringify(key)}`);
  }
  return doc;
}

/**
 * EJSON.parse(text, { relaxed: true }), the same values and the same errors, at JSON.parse's speed for the
 * shapes the SDK sends: bson's parse runs a JavaScript reviver on every value of the text (test/emulator/db/codec.test.ts
 * holds the two side by side).
 */
export function parseEjson(text: string): unknown {
  return reviveEjson(JSON.parse(text));
}

/** Parses one EJSON string from the wire; `what` names the parameter in the error message. */
export function decodeWire(text: unknown, what: string, now = Date.now()): unknown {
  if (typeof text !== 'string') throw new CloudError(ErrorCode.invalidParam, `${what} must be an EJSON string`);
  let parsed: unknown;
  try {
    parsed = parseEjson(text);
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

/** bson 7's integer ranges (BSON_INT32_* and BSON_INT64_* in node_modules/bson/lib/bson.cjs). */
const INT32_MIN = -2147483648;
const INT32_MAX = 0x7fffffff;
const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63 - 1;

/** Thrown inside `toEjson` on a value it leaves to bson (BSON types, RegExps, Maps, other classes). */
const NOT_PLAIN = Symbol('not plain');

/**
 * The tree bson 7's EJSON.stringify hands to JSON.stringify (serializeValue), for documents of plain objects,
 * arrays, strings, numbers, booleans, null, undefined and Dates; any other value throws NOT_PLAIN.
 */
function toEjson(value: unknown, relaxed: boolean): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (relaxed && Number.isFinite(value)) return value;
    if (Number.isInteger(value) && !Object.is(value, -0)) {
      if (value >= INT32_MIN && value <= INT32_MAX) return { $numberInt: value.toString() };
      if (value >= INT64_MIN && value <= INT64_MAX) return { $numberLong: value.toString() };
    }
    return { $numberDouble: Object.is(value, -0) ? '-0.0' : value.toString() };
  }
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map((item: unknown) => toEjson(item, relaxed));
  if (value instanceof Date) {
    const time = value.getTime();
    if (!relaxed || !(time > -1 && time < 253402300800000)) return { $date: { $numberLong: time.toString() } };
    const iso = value.toISOString();
    return { $date: value.getUTCMilliseconds() !== 0 ? iso : `${iso.slice(0, -5)}Z` };
  }
  if (!isPlainObject(value) || '_bsontype' in value) throw NOT_PLAIN;
  const out: Doc = {};
  for (const key of Object.keys(value)) {
    const item = toEjson(value[key], relaxed);
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, writable: true, enumerable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}

/**
 * EJSON.stringify(doc, { relaxed }): the same text, without bson's per-value bookkeeping (its circular-structure
 * check keeps a list of the path walked) for plain documents; others are bson's to write.
 */
/** The value as an EJSON tree of plain JSON values, or NOT_PLAIN when it holds what only bson's EJSON encodes. */
function plainEjsonTree(doc: unknown, relaxed: boolean): unknown {
  try {
    return toEjson(doc, relaxed);
  } catch (err) {
    if (err !== NOT_PLAIN) throw err;
    return NOT_PLAIN;
  }
}

function stringifyEjson(doc: unknown, relaxed: boolean): string {
  const tree = plainEjsonTree(doc, relaxed);
  return tree === NOT_PLAIN ? EJSON.stringify(doc as Doc, { relaxed }) : JSON.stringify(tree);
}

/** Storage form: relaxed EJSON, so json_extract sees plain numbers and strings. */
export function encodeStored(doc: Doc): string {
  return stringifyEjson(doc, true);
}

/** The storage form and the JSON tree it is the text of (what JSON.parse of the text gives). */
export function encodeStoredTree(doc: Doc): { text: string; tree: unknown } {
  const tree = plainEjsonTree(doc, true);
  if (tree !== NOT_PLAIN) return { text: JSON.stringify(tree), tree };
  const text = EJSON.stringify(doc, { relaxed: true });
  return { text, tree: JSON.parse(text) };
}

export function decodeStored(text: string): Doc {
  // Most documents hold no EJSON wrapper (no Date, no "$" key): plain JSON.parse is all they need.
  return (text.includes('"$') ? parseEjson(text) : JSON.parse(text)) as Doc;
}

/** Answer form: canonical EJSON strings, as CloudBase answers them (the SDK runs EJSON.parse on each). */
export function encodeAnswer(doc: unknown): string {
  return stringifyEjson(doc, false);
}

/** Key of a document in the `id` column: strings as they are, other `_id` types tagged so 5 and "5" differ. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0000n:${id}`;
  throw new CloudError(ErrorCode.invalidParam, '_id must be a string or a number');
}
