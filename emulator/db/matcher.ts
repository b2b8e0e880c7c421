/**
 * MongoDB semantics, all from mingo: matching, sorting/projection, update operators and aggregation.
 * Scripts (`$where`, `$function`, `$accumulator`) are disabled: nothing a client sends may run code here.
 * mingo's errors (unknown operators, bad arguments) become CloudBase database errors.
 */
import type { Options } from 'mingo/types/types';
import { isDeepStrictEqual } from 'node:util';
import { CloudError } from '../protocol';
import { type Doc, cloneValue, isPlainObject } from './codec';
import { Aggregator, MINGO_CONTEXT, Query, UPDATE_OPERATORS, cloneDeep, isEqual, isObject, updateOptions } from './engine';

export const DATABASE_REQUEST_FAILED = 'DATABASE_REQUEST_FAILED';

const BASE_OPTIONS: Partial<Options> = { scriptEnabled: false, idKey: '_id', context: MINGO_CONTEXT };

/** Whether an update names the positional `$` (`a.$.b`), the only operator that needs the query's filter. */
const positional = (modifier: Doc): boolean =>
  Object.values(modifier).some((fields) => typeof fields === 'object' && fields !== null && Object.keys(fields).some((path) => /(^|\.)\$(\.|$)/.test(path)));

/** Runs `fn`, turning any mingo (or other non-Cloud) error into a CloudBase-shaped error. */
export function semantics<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CloudError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new CloudError(DATABASE_REQUEST_FAILED, `${what}: ${message}`);
  }
}

export class Matcher {
  private readonly query: InstanceType<typeof Query>;
  constructor(filter: Doc) {
    this.query = semantics('invalid query', () => new Query(filter, BASE_OPTIONS));
  }
  test(doc: Doc): boolean {
    return semantics('invalid query', () => this.query.test(doc));
  }
}

export interface FindOptions {
  order?: Doc;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

const hasKeys = (value: Doc | undefined): boolean => value !== undefined && Object.keys(value).length > 0;

/**
 * The filters most operations carry, matched without building a mingo query (which copies its operator
 * tables each time, the largest share of the server's CPU per operation): none, or one `_id` equal to a
 * string or number. Anything else is mingo's.
 */
function plainMatch(filter: Doc): ((doc: Doc) => boolean) | null {
  const keys = Object.keys(filter);
  if (keys.length === 0) return () => true;
  const id = filter._id;
  if (keys.length === 1 && keys[0] === '_id' && (typeof id === 'string' || typeof id === 'number')) return (doc) => doc._id === id;
  return null;
}

type Slice = number | [number, number];

/**
 * A projection whose only operators are `$slice` (with or without exclusions) keeps every other field in
 * MongoDB ("returns all other fields in the document":
 * https://www.mongodb.com/docs/manual/reference/operator/projection/slice/); mingo treats `$slice` as an
 * inclusion and drops them. Such a projection is split: mingo applies the rest, `applySlices` the slices.
 */
function sliceOnly(projection: Doc | undefined): { rest: Doc; slices: [string, Slice][] } | null {
  if (!projection) return null;
  const slices: [string, Slice][] = [];
  const rest: Doc = {};
  for (const [field, spec] of Object.entries(projection)) {
    if (isPlainObject(spec) && Object.keys(spec).length === 1 && '$slice' in spec) slices.push([field, spec.$slice as Slice]);
    else if (spec === 0 || spec === false) rest[field] = spec;
    else return null;
  }
  return slices.length ? { rest, slices } : null;
}

function sliceArray(list: unknown[], spec: Slice): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? list.slice(0, spec) : list.slice(Math.max(list.length + spec, 0));
  const [skip, limit] = spec;
  const start = skip >= 0 ? skip : Math.max(list.length + skip, 0);
  return list.slice(start, start + limit);
}

/** Applies `$slice`s to copies of the documents (stored documents are never modified). */
function applySlices(docs: Doc[], slices: [string, Slice][]): Doc[] {
  return docs.map((doc) => {
    const out: Doc = { ...doc };
    for (const [field, spec] of slices) {
      const path = field.split('.');
      let node: Doc | undefined = out;
      for (const key of path.slice(0, -1)) {
        if (!isPlainObject(node[key])) {
          node = undefined;
          break;
        }
        node[key] = { ...(node[key] as Doc) };
        node = node[key] as Doc;
      }
      const last = path[path.length - 1]!;
      if (node && Array.isArray(node[last])) node[last] = sliceArray(node[last] as unknown[], spec);
    }
    return out;
  });
}

/**
 * mingo's `$elemMatch` projection sets a field to undefined when no element matches (the wire then carries
 * null); MongoDB leaves the field out (https://www.mongodb.com/docs/manual/reference/operator/projection/elemMatch/).
 */
function withoutUndefined(doc: Doc): Doc {
  if (!Object.values(doc).includes(undefined)) return doc;
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
}

/** Filters, sorts, pages and projects candidate documents. */
export function find(candidates: Doc[], filter: Doc, options: FindOptions = {}): Doc[] {
  const split = sliceOnly(options.projection);
  if (split) return applySlices(find(candidates, filter, { ...options, projection: split.rest }), split.slices);
  const plain = plainMatch(filter);
  if (plain && !hasKeys(options.order) && !hasKeys(options.projection) && !options.skip && options.limit !== 0) {
    const matched = candidates.filter(plain);
    return options.limit === undefined ? matched : matched.slice(0, options.limit);
  }
  return semantics('invalid query', () => {
    const query = new Query(filter, BASE_OPTIONS);
    let cursor = query.find<Doc>(candidates, hasKeys(options.projection) ? options.projection : undefined);
    if (hasKeys(options.order)) cursor = cursor.sort(options.order as Record<string, 1 | -1>);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    const found = cursor.all();
    return hasKeys(options.projection) ? found.map(withoutUndefined) : found;
  });
}

/**
 * The fields of an update that only `$set`s top-level fields (each neither empty, `_id` nor `__proto__`, and
 * without a dot or a `$`), as most updates do; null for any other. For such a field mingo's `$set` builds its
 * update parameters and walks the path to a single step, then sets the field to a deep copy of the value unless
 * the value there is equal (operators/update/set.js and _internal.js, util/_internal.js `walk`, mingo 7.2.7).
 */
function topLevelSets(modifier: Doc): Doc | null {
  const operators = Object.keys(modifier);
  if (operators.length !== 1 || operators[0] !== '$set' || !isPlainObject(modifier.$set)) return null;
  const fields = modifier.$set;
  for (const field of Object.keys(fields)) {
    if (field === '' || field === '_id' || field === '__proto__' || field.includes('.') || field.includes('$')) return null;
  }
  return fields;
}

/**
 * Applies update operators to a deep copy of `doc`, in the modifier's order, through mingo's operators;
 * `filter` serves the positional `$` operator. The modifier was checked first (actions.ts: known operators,
 * no conflicting paths; update-checks.ts), which mingo's `update` would otherwise check across operators.
 * An update of top-level fields by `$set` alone is applied here with mingo's own equality and copy, as its
 * `$set` applies it, without the parameters and options it builds per call (most of an update's own CPU).
 */
export function applyUpdate(doc: Doc, modifier: Doc, filter: Doc): Doc {
  return semantics('invalid update', () => {
    const copy = cloneValue(doc);
    const sets = topLevelSets(modifier);
    if (sets && isObject(copy)) {
      for (const field of Object.keys(sets)) if (!isEqual(copy[field], sets[field])) copy[field] = cloneDeep(sets[field]);
      return copy;
    }
    const options = updateOptions(positional(modifier) ? filter : {});
    for (const [name, expression] of Object.entries(modifier)) {
      const operator = Object.hasOwn(UPDATE_OPERATORS, name) ? UPDATE_OPERATORS[name] : undefined;
      if (!operator) throw new Error(`Unknown update operator: '${name}'.`);
      operator(expression as Doc, [], options)(copy);
    }
    return copy;
  });
}

/** Runs a pipeline; `resolve` gives `$lookup` the other collections of this database. */
export function aggregate(candidates: Doc[], pipeline: Doc[], resolve: (collection: string) => Doc[]): Doc[] {
  return semantics('invalid aggregation', () => {
    // MongoDB: "$geoNear is only valid as the first stage in a pipeline".
    if (pipeline.some((stage, i) => i > 0 && '$geoNear' in stage)) throw new Error('$geoNear is only valid as the first stage in a pipeline');
    const aggregator = new Aggregator(pipeline, { ...BASE_OPTIONS, collectionResolver: resolve });
    return aggregator.run<Doc>(candidates);
  });
}

/** Compares two documents by value, to count only real modifications as MongoDB does. */
export function sameDocument(a: Doc, b: Doc): boolean {
  return isDeepStrictEqual(a, b);
}
