/**
 * What a declared index reads of a document, for one indexed field (store.ts): its ordered key and two
 * markers, computed in JavaScript when the row is written and stored in plain columns of the collection's
 * table (`"k:<field>"` for the key, `"m:<field>"` for the markers as bits), so that SQLite's indexes read
 * columns instead of evaluating JSON functions over the `keys` column on every write.
 *
 *  - the key orders like MongoDB across null/missing (NULL), numbers, strings (TEXT), booleans and dates:
 *    booleans become the one-byte BLOBs X'00' (false) and X'01' (true), dates, stored as `{"$date":"<ISO>"}`,
 *    a BLOB of the ISO text with milliseconds always present (bson drops `.000`), whose first byte is a digit,
 *    so booleans sort above every string and below every date, and dates chronologically, as MongoDB's
 *    types do (https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/);
 *  - `unordered` (bit 2) marks documents whose key does not order like MongoDB (arrays, other objects, dates
 *    outside 1970-9999 stored as `$numberLong`, arrays on the path): plans add them separately;
 *  - `arrayOnPath` (bit 1) marks documents whose equality match a SQL comparison could miss (a non-empty array
 *    on the path; through an empty one the key is NULL, as for a missing field, and null equality finds it).
 * Both markers have partial indexes (`ord:`, `arrs:`), so reading those documents never scans.
 *
 * `keyExpressions` is the same definition in SQL over the `keys` column (SQLite's JSON functions,
 * https://www.sqlite.org/json1.html): it fills the columns of rows written before them (data folders of
 * older versions, an index created on a collection that has documents), and test/emulator/db/index-keys.test.ts
 * checks the two agree over generated documents.
 */

/** The columns and SQL snippets of one indexed field. */
export interface IndexField {
  field: string;
  /** The path's steps. */
  steps: string[];
  /** Column names, quoted. */
  keyColumn: string;
  marksColumn: string;
  /** SQL over the row: the key, and whether each marker is set (see the file's comment). */
  key: string;
  unordered: string;
  arrayOnPath: string;
}

export const ARRAY_ON_PATH = 1;
export const UNORDERED = 2;

const FALSE_KEY = Buffer.from([0]);
const TRUE_KEY = Buffer.from([1]);
/** A boolean's key (see the file's comment); a query's parameter for it too. */
export const booleanKey = (value: boolean): Buffer => (value ? TRUE_KEY : FALSE_KEY);

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

export function indexField(field: string): IndexField {
  const keyColumn = quote(`k:${field}`);
  const marksColumn = quote(`m:${field}`);
  return {
    field,
    steps: field.split('.'),
    keyColumn,
    marksColumn,
    key: keyColumn,
    unordered: `(${marksColumn} & ${UNORDERED})`,
    arrayOnPath: `(${marksColumn} & ${ARRAY_ON_PATH})`,
  };
}

/** The key and the markers of one field, as SQL over the `keys` column (the columns' definition). */
export function keyExpressions(field: string): { key: string; marks: string } {
  const steps = field.split('.');
  const prefixes = steps.map((_, i) => `$.${steps.slice(0, i + 1).join('.')}`);
  const full = prefixes[prefixes.length - 1];
  const value = `json_extract(keys, '${full}')`;
  const type = `json_type(keys, '${full}')`;
  const dateText = `json_extract(keys, '${full}."$date"')`;
  const isDate = `(${type} = 'object' AND coalesce(json_type(keys, '${full}."$date"') = 'text' AND length(${dateText}) IN (20, 24) AND ${value} = json_object('$date', ${dateText}), 0))`;
  const arraySteps = prefixes.slice(0, -1).map((p) => `json_type(keys, '${p}') = 'array'`);
  // An empty array holds no value an equality could match (its key is NULL, like a missing field's).
  const filledArray = (p: string): string => `(json_type(keys, '${p}') = 'array' AND json_array_length(keys, '${p}') > 0)`;
  const unordered = `(${[...arraySteps, `${type} = 'array'`, `(${type} = 'object' AND NOT ${isDate})`].join(' OR ')})`;
  const arrayOnPath = `(${prefixes.map(filledArray).join(' OR ')})`;
  return {
    key: `(CASE WHEN ${isDate} THEN CAST(CASE length(${dateText}) WHEN 20 THEN substr(${dateText}, 1, 19) || '.000Z' ELSE ${dateText} END AS BLOB) WHEN ${type} = 'true' THEN X'01' WHEN ${type} = 'false' THEN X'00' ELSE ${value} END)`,
    marks: `(CASE WHEN ${arrayOnPath} THEN ${ARRAY_ON_PATH} ELSE 0 END | CASE WHEN ${unordered} THEN ${UNORDERED} ELSE 0 END)`,
  };
}

/** A value of the stored JSON tree (relaxed EJSON, as JSON.parse gives it). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: Json): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * SQLite's length() of a TEXT: its characters (code points) before the first NUL
 * (https://www.sqlite.org/lang_corefunc.html#length).
 */
function sqlLength(text: string): number {
  let length = 0;
  for (const char of text) {
    if (char === '\u0000') break;
    length += 1;
  }
  return length;
}

/**
 * The ISO text of a stored date, `{"$date":"<text of 20 or 24 characters>"}` and nothing else, or undefined.
 * SQLite compares the object's JSON text with json_object('$date', text), which renders the string as
 * JSON.stringify wrote it.
 */
function dateText(value: { [key: string]: Json }): string | undefined {
  let text: Json | undefined;
  for (const key in value) {
    if (key !== '$date' || text !== undefined) return undefined;
    text = value[key];
  }
  if (typeof text !== 'string') return undefined;
  const length = sqlLength(text);
  return length === 20 || length === 24 ? text : undefined;
}

/** The first `count` code points of a text (SQLite's substr counts characters). */
const codePoints = (text: string, count: number): string => [...text].slice(0, count).join('');

/** The key and the markers of one field of a stored tree, as `keyExpressions` computes them over its JSON text. */
export function indexEntry(tree: Json, field: IndexField): { key: string | number | Buffer | null; marks: number } {
  const { steps } = field;
  let marks = 0;
  let value: Json | undefined = tree;
  for (let i = 0; i < steps.length; i += 1) {
    if (value === undefined || !isObject(value) || !Object.hasOwn(value, steps[i])) return { key: null, marks };
    value = value[steps[i]];
    if (Array.isArray(value)) {
      if (value.length > 0) marks |= ARRAY_ON_PATH;
      // An array on the path, or the value itself an array.
      marks |= UNORDERED;
      if (i < steps.length - 1) return { key: null, marks };
      return { key: JSON.stringify(value), marks };
    }
  }
  if (value === null || value === undefined) return { key: null, marks };
  if (typeof value === 'boolean') return { key: booleanKey(value), marks };
  // JSON has no negative zero: SQLite reads the text "0" as the integer 0.
  if (typeof value === 'number') return { key: value === 0 ? 0 : value, marks };
  if (typeof value === 'string') return { key: value, marks };
  // Arrays returned above: an object is left.
  const date = dateText(value as { [key: string]: Json });
  if (date === undefined) return { key: JSON.stringify(value), marks: marks | UNORDERED };
  return { key: Buffer.from(sqlLength(date) === 20 ? `${codePoints(date, 19)}.000Z` : date), marks };
}
