/**
 * Query shapes MongoDB (under CloudBase's database) refuses but mingo quietly accepts, refused here before
 * any document is read, with MongoDB's own messages (its query parser's): otherwise a query built from an
 * empty list, say `_.or([])`, would match everything locally and fail in production.
 *  - `$and`, `$or`, `$nor` take a non-empty array of expressions
 *    (https://www.mongodb.com/docs/manual/reference/operator/query/and/, .../or/, .../nor/: "an array of one
 *    or more expressions"); CloudBase's `_.and`/`_.or` are these operators
 *    (https://docs.cloudbase.net/api-reference/server/node-sdk/database/command);
 *  - `$in`, `$nin` and `$all` take an array (https://www.mongodb.com/docs/manual/reference/operator/query/in/,
 *    .../nin/, .../all/);
 *  - `$size` takes a non-negative whole number (https://www.mongodb.com/docs/manual/reference/operator/query/size/);
 *  - `$elemMatch` takes a query document (https://www.mongodb.com/docs/manual/reference/operator/query/elemMatch/);
 *  - `$not` takes an operator expression or a regular expression
 *    (https://www.mongodb.com/docs/manual/reference/operator/query/not/).
 * The code is the one the local cloud answers for every other invalid query (DATABASE_REQUEST_FAILED).
 */
import { CloudError } from '../protocol';
import { type Doc, isPlainObject } from './codec';
import { DATABASE_REQUEST_FAILED } from './matcher';

function refuse(message: string): never {
  throw new CloudError(DATABASE_REQUEST_FAILED, `invalid query: ${message}`);
}

const LOGICAL = new Set(['$and', '$or', '$nor']);
const ARRAY_OPERATORS = new Set(['$in', '$nin', '$all']);

function checkOperators(operators: Doc): void {
  for (const [op, value] of Object.entries(operators)) {
    if (ARRAY_OPERATORS.has(op) && !Array.isArray(value)) refuse(`${op} needs an array`);
    if (op === '$size' && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) refuse('$size must be a non-negative whole number');
    if (op === '$elemMatch' && !isPlainObject(value)) refuse('$elemMatch needs an Object');
    if (op === '$not') {
      if (value instanceof RegExp) continue;
      if (!isPlainObject(value)) refuse('$not needs a regex or a document');
      checkOperators(value);
    }
  }
}

/** Throws DATABASE_REQUEST_FAILED for a filter MongoDB would refuse (see above); returns it otherwise. */
export function checkQueryShape(filter: Doc): Doc {
  for (const [key, value] of Object.entries(filter)) {
    if (LOGICAL.has(key)) {
      if (!Array.isArray(value) || value.length === 0) refuse('$and/$or/$nor must be a nonempty array');
      for (const entry of value) {
        if (!isPlainObject(entry)) refuse('$or/$and/$nor entries need to be full objects');
        checkQueryShape(entry);
      }
    } else if (!key.startsWith('$') && isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      checkOperators(value);
    }
  }
  return filter;
}
