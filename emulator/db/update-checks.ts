/**
 * What MongoDB refuses in an update and mingo lets through (mingo skips or coerces instead):
 *  - type errors: `$inc`/`$mul` on a non-number, `$push`/`$addToSet` onto a non-array, `$pop`/`$pull`/
 *    `$pullAll` on a non-array, `$bit` on a non-integer, non-numeric `$inc`/`$mul` arguments;
 *  - creating a field under a value that cannot hold it (`a.b` where `a` is a string, null or an array);
 *  - two operators touching the same path or one inside the other ("would create a conflict").
 * The whole request fails and no document changes (the caller checks every document before writing).
 * Messages follow MongoDB's (https://www.mongodb.com/docs/manual/reference/operator/update/); CloudBase
 * answers them as DATABASE_REQUEST_FAILED. Paths with a positional step (`$`, `$[]`, `$[id]`) are left to
 * mingo unchecked.
 */
import { CloudError } from '../protocol';
import { type Doc, isPlainObject } from './codec';

export const UPDATE_FAILED = 'DATABASE_REQUEST_FAILED';

function refuse(message: string): never {
  throw new CloudError(UPDATE_FAILED, message);
}

/** MongoDB's name for a value's BSON type, for error messages. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  return 'object';
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

type Located =
  | { state: 'missing' }
  | { state: 'present'; value: unknown }
  /** A step would have to go inside `value` (found at `at`), which cannot hold fields. */
  | { state: 'blocked'; at: string; step: string; value: unknown };

/** Finds what an update path addresses: numeric steps index arrays; other steps need an object. */
function locate(doc: Doc, path: string): Located {
  let current: unknown = doc;
  const steps = path.split('.');
  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i];
    if (Array.isArray(current) && /^\d+$/.test(step)) {
      const index = Number(step);
      if (index >= current.length) return { state: 'missing' };
      current = current[index];
    } else if (isPlainObject(current)) {
      if (!Object.hasOwn(current, step)) return { state: 'missing' };
      current = current[step];
    } else {
      return { state: 'blocked', at: steps.slice(0, i).join('.'), step, value: current };
    }
  }
  return { state: 'present', value: current };
}

/** Operators that create the field when it is missing, and so fail when its parent cannot hold it. */
const CREATING = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$bit']);
const ARRAY_ONLY: Record<string, (field: string, value: unknown) => string> = {
  $push: (field, value) => `The field '${field}' must be an array but is of type ${typeName(value)}`,
  $addToSet: (field, value) => `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${typeName(value)}`,
  $pop: (field, value) => `Path '${field}' contains an element of non-array type '${typeName(value)}'`,
  $pull: () => 'Cannot apply $pull to a non-array value',
  $pullAll: () => 'Cannot apply $pullAll to a non-array value',
};
const NUMERIC: Record<string, string> = { $inc: 'increment', $mul: 'multiply' };

const positional = (path: string): boolean => path.split('.').some((step) => step.startsWith('$'));

function checkField(doc: Doc, operator: string, field: string, argument: unknown): void {
  const verb = NUMERIC[operator];
  if (verb && (typeof argument !== 'number' || Number.isNaN(argument))) {
    refuse(`Cannot ${verb} with non-numeric argument: {${field}: ${show(argument)}}`);
  }
  if (operator === '$pop' && argument !== 1 && argument !== -1) refuse(`$pop expects 1 or -1, found: ${show(argument)}`);
  if (positional(field)) return;
  const found = locate(doc, field);
  if (found.state === 'blocked') {
    if (CREATING.has(operator)) refuse(`Cannot create field '${found.step}' in element {${found.at}: ${show(found.value)}}`);
    return;
  }
  if (found.state !== 'present') return;
  const { value } = found;
  if (verb && typeof value !== 'number') {
    refuse(`Cannot apply ${operator} to a value of non-numeric type. {_id: ${show(doc._id)}} has the field '${field}' of non-numeric type ${typeName(value)}`);
  }
  const arrayOnly = ARRAY_ONLY[operator];
  if (arrayOnly && !Array.isArray(value)) refuse(`${arrayOnly(field, value)} in document {_id: ${show(doc._id)}}`);
  if (operator === '$bit' && !Number.isInteger(value)) {
    refuse(`Cannot apply $bit to a value of non-integral type. {_id: ${show(doc._id)}} has the field '${field}' of non-integer type ${typeName(value)}`);
  }
}

/** Refuses an update `modifier` (operators only) that MongoDB would refuse on `doc`. */
export function checkUpdate(doc: Doc, modifier: Doc): void {
  for (const [operator, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) refuse(`Modifiers operate on fields but we found type ${typeName(fields)} instead: {${operator}: ${show(fields)}}`);
    for (const [field, argument] of Object.entries(fields)) {
      checkField(doc, operator, field, argument);
      if (operator === '$rename' && typeof argument === 'string') checkField(doc, '$set', argument, undefined);
    }
  }
}

/**
 * Refuses two operators on the same path or on a path and one inside it, whatever the document
 * ("Updating the path 'a.b' would create a conflict at 'a'").
 */
export function checkConflicts(modifier: Doc): void {
  const paths: string[] = [];
  for (const [operator, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) continue;
    for (const [field, argument] of Object.entries(fields)) {
      paths.push(field);
      if (operator === '$rename' && typeof argument === 'string') paths.push(argument);
    }
  }
  for (let i = 0; i < paths.length; i += 1) {
    for (let j = 0; j < paths.length; j += 1) {
      const [a, b] = [paths[i], paths[j]];
      if ((i < j && a === b) || b.startsWith(`${a}.`)) refuse(`Updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
}

/**
 * CloudBase's `_.addToSet({ each: [...] })` arrives without the `$` (@cloudbase/database sends the object
 * as given; documented at .../database/command/Command.addToSet.html): an object whose only key is `each`,
 * holding an array, means MongoDB's `$each`.
 */
export function normaliseModifier(modifier: Doc): Doc {
  const addToSet = modifier.$addToSet;
  if (!isPlainObject(addToSet)) return modifier;
  const fields: Doc = {};
  for (const [field, value] of Object.entries(addToSet)) {
    const keys = isPlainObject(value) ? Object.keys(value) : [];
    fields[field] = isPlainObject(value) && keys.length === 1 && keys[0] === 'each' && Array.isArray(value.each) ? { $each: value.each } : value;
  }
  return { ...modifier, $addToSet: fields };
}
