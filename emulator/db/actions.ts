/**
 * The CloudBase database protocol actions, as sent by @cloudbase/database 1.4.3 (the query builder inside
 * wx-server-sdk and @cloudbase/node-sdk): query.js, document.js, collection.js, aggregate.js,
 * transaction/index.js and index.js (createCollection). Parameters and answers follow what that code sends
 * and reads. Every handler is synchronous from its first read to its last write: no await can let another
 * request in between a read and the write that depends on it.
 */
import { randomBytes } from 'node:crypto';
import { MAX_DATABASE_RESPONSE_BYTES } from '../limits';
import { type ActionTable, CloudError, ErrorCode } from '../protocol';
import { type Doc, decodeObject, decodeQuery, decodeWire, encodeAnswer, idKey, isPlainObject } from './codec';
import { DATABASE_REQUEST_FAILED, aggregate, applyUpdate, find, sameDocument } from './matcher';
import { nearSortOf, sortByDistance } from './query-operators';
import { checkQueryShape } from './query-shape';
import { type Store, checkCollectionName, duplicateId as duplicate } from './store';
import type { Change, TransactionManager } from './transactions';
import { checkConflicts, checkUpdate, normaliseModifier } from './update-checks';

/**
 * A handler result whose fields belong at the top level of the answer, beside `requestId`, instead of
 * under `data`: `database.startTransaction` is read as `res.transactionId` by the SDK.
 */
export class TopLevelAnswer {
  constructor(readonly fields: Record<string, unknown>) {}
}

/** CloudBase's defaults: 100 documents when no limit is given, at most 1000 per query. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

type Params = Record<string, unknown>;

/** `_id`s like CloudBase's: 32 hex characters, time first so they roughly follow insertion order. */
export function newDocumentId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(12).toString('hex');
}

function collectionOf(params: Params): string {
  return checkCollectionName(params.collectionName);
}

function transactionOf(params: Params): string | undefined {
  const id = params.transactionId;
  if (id === undefined || id === null || id === '') return undefined;
  if (typeof id !== 'string') throw new CloudError(ErrorCode.invalidParam, 'transactionId must be a string');
  return id;
}

function count(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new CloudError(ErrorCode.invalidParam, `${name} must be a non-negative integer`);
  }
  return value;
}

function flag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new CloudError(ErrorCode.invalidParam, `${name} must be a boolean`);
  return value;
}

function orderOf(params: Params): Doc | undefined {
  if (params.order === undefined || params.order === null || params.order === '') return undefined;
  const order = decodeObject(params.order, 'order');
  for (const [field, direction] of Object.entries(order)) {
    if (direction !== 1 && direction !== -1) throw new CloudError(ErrorCode.invalidParam, `order of ${field} must be 1 or -1`);
  }
  return order;
}

function projectionOf(params: Params): Doc | undefined {
  if (params.projection === undefined || params.projection === null || params.projection === '') return undefined;
  return decodeObject(params.projection, 'projection');
}

/** Inside a transaction only `doc()` operations exist: the query must be `{ _id: id }`. */
function documentIdOf(filter: Doc): string | number {
  const id = filter._id;
  if (Object.keys(filter).length !== 1 || (typeof id !== 'string' && typeof id !== 'number')) {
    throw new CloudError(ErrorCode.invalidParam, 'transactions only support doc() operations (a query on _id)');
  }
  return id;
}

/** MongoDB's update operators that mingo implements; anything else is refused before any document is read. */
const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$currentDate',
  '$bit',
]);

/** How one modifyDocument request turns a document into its new state. */
interface Modification {
  replace: boolean;
  data: Doc;
  filter: Doc;
}

function modificationOf(params: Params, filter: Doc): Modification {
  const data = decodeObject(params.data, 'data');
  const replace = !flag(params.merge, 'merge', true);
  const keys = Object.keys(data);
  if (replace) {
    if (keys.some((key) => key.startsWith('$'))) throw new CloudError(ErrorCode.invalidParam, 'set() data cannot contain update operators');
    return { replace, data, filter };
  }
  if (!keys.length) throw new CloudError(ErrorCode.invalidParam, 'update data must not be empty');
  // Plain fields in a merge update are set one by one, as CloudBase merges them.
  const operators: Doc = {};
  const plain: Doc = {};
  for (const key of keys) (key.startsWith('$') ? operators : plain)[key] = data[key];
  const unknown = Object.keys(operators).find((op) => !UPDATE_OPERATORS.has(op));
  if (unknown) throw new CloudError(DATABASE_REQUEST_FAILED, `unknown update operator: ${unknown}`);
  if (Object.keys(plain).length) operators.$set = { ...(isPlainObject(operators.$set) ? operators.$set : {}), ...plain };
  const modifier = normaliseModifier(operators);
  checkConflicts(modifier);
  return { replace, data: modifier, filter };
}

function modify(doc: Doc, modification: Modification): Doc {
  if (!modification.replace) checkUpdate(doc, modification.data);
  const next = modification.replace ? { ...modification.data, _id: doc._id } : applyUpdate(doc, modification.data, modification.filter);
  if (modification.replace && modification.data._id !== undefined && modification.data._id !== doc._id) {
    throw new CloudError(ErrorCode.invalidParam, '不能更新_id的值');
  }
  if (next._id !== doc._id) throw new CloudError(ErrorCode.invalidParam, '不能更新_id的值');
  return next;
}

/** The `$sort` and skip + limit of a pipeline that starts with them (`$sort`, optional `$skip`, `$limit`). */
function pageOf(stages: Doc[]): [Doc | undefined, number | undefined] {
  const [sort, ...rest] = stages;
  if (!sort || !isPlainObject(sort.$sort)) return [undefined, undefined];
  const order = sort.$sort;
  if (!Object.values(order).every((direction) => direction === 1 || direction === -1)) return [undefined, undefined];
  const skip = rest[0] && typeof rest[0].$skip === 'number' ? (rest.shift() as Doc).$skip : 0;
  const limit = rest[0]?.$limit;
  if (typeof skip !== 'number' || typeof limit !== 'number' || !Number.isInteger(skip + limit) || skip < 0 || limit < 0) return [order, undefined];
  return [order, skip + limit];
}

/**
 * Encodes the documents of one answer, refusing an answer over MAX_DATABASE_RESPONSE_BYTES (limits.ts) as
 * CloudBase does. The encoded strings are what the wire carries, so their lengths measure it cheaply.
 */
function answerList(docs: Doc[]): { list: string[] } {
  const list = docs.map(encodeAnswer);
  // A UTF-16 length is at least a third of the UTF-8 size: count bytes exactly only when it could matter.
  let units = 0;
  for (const text of list) units += text.length;
  if (units * 3 > MAX_DATABASE_RESPONSE_BYTES) {
    let bytes = 0;
    for (const text of list) bytes += Buffer.byteLength(text);
    if (bytes > MAX_DATABASE_RESPONSE_BYTES) {
      throw new CloudError(
        'EXCEED_MAX_RESPONSE_SIZE',
        `响应大小超过限制: the answer is ${bytes} bytes, over the ${MAX_DATABASE_RESPONSE_BYTES}-byte limit of one database answer; page with skip/limit or narrow with field()`,
      );
    }
  }
  return { list };
}

export function databaseActions(store: Store, transactions: TransactionManager): ActionTable {
  // $lookup from a collection that does not exist joins nothing, as in MongoDB.
  const resolve = (collection: string): Doc[] => (store.hasCollection(checkCollectionName(collection)) ? store.all(collection) : []);

  const getDocument = (params: Params) => {
    const collection = collectionOf(params);
    const filter = checkQueryShape(decodeQuery(params.query));
    const projection = projectionOf(params);
    const tx = transactionOf(params);
    if (tx) {
      const doc = transactions.read(tx, collection, documentIdOf(filter));
      return answerList(doc ? find([doc], {}, { projection }) : []);
    }
    const order = orderOf(params);
    const skip = count(params.offset, 'offset', 0);
    const limit = Math.min(count(params.limit, 'limit', DEFAULT_LIMIT) || DEFAULT_LIMIT, MAX_LIMIT);
    // $nearSphere answers nearest first unless the query sorts explicitly (MongoDB): every match is a candidate.
    const near = order ? undefined : nearSortOf(filter);
    const candidates = store.candidates(collection, filter, order, near ? undefined : skip + limit);
    if (near) {
      const page = sortByDistance(find(candidates, filter), near).slice(skip, skip + limit);
      return answerList(find(page, {}, { projection }));
    }
    const list = find(candidates, filter, { order, skip, limit, projection });
    return answerList(list);
  };

  const calculateDocument = (params: Params) => {
    const collection = collectionOf(params);
    const filter = checkQueryShape(decodeQuery(params.query));
    return { total: find(store.candidates(collection, filter), filter).length };
  };

  const insertDocument = (params: Params) => {
    const collection = collectionOf(params);
    const tx = transactionOf(params);
    const data = params.data;
    if (!Array.isArray(data) || data.length === 0 || data.length > MAX_LIMIT) {
      throw new CloudError(ErrorCode.invalidParam, `data must be a list of 1 to ${MAX_LIMIT} EJSON documents`);
    }
    const now = Date.now();
    const docs = data.map((item) => decodeObject(item, 'data', now));
    for (const doc of docs) {
      if (doc._id === undefined) doc._id = newDocumentId();
      idKey(doc._id);
    }
    if (tx) {
      return {
        insertedIds: docs.map((doc) =>
          transactions.write(tx, collection, doc._id, (current) => {
            if (current) throw duplicate(collection, doc._id);
            return { doc, result: doc._id };
          }),
        ),
      };
    }
    // New rows: the store refuses an `_id` already stored or repeated in the list (`duplicateId`), writing none.
    transactions.commitChanges(docs.map((doc) => ({ collection, id: doc._id, doc, fresh: true })));
    return { insertedIds: docs.map((doc) => doc._id) };
  };

  const modifyDocument = (params: Params) => {
    const collection = collectionOf(params);
    const filter = checkQueryShape(decodeQuery(params.query));
    const modification = modificationOf(params, filter);
    const upsert = flag(params.upsert, 'upsert', false);
    const multi = flag(params.multi, 'multi', false);
    const tx = transactionOf(params);

    if (tx) {
      const id = documentIdOf(filter);
      return transactions.write<{ updated: number; upsert_id?: string | number }>(tx, collection, id, (current) => {
        if (current) {
          const next = modify(current, modification);
          return { doc: next, result: { updated: sameDocument(current, next) ? 0 : 1 } };
        }
        if (!upsert) return { doc: null, result: { updated: 0 } };
        return { doc: modify({ _id: id }, modification), result: { updated: 0, upsert_id: id } };
      });
    }

    const matched = find(store.candidates(collection, filter), filter, multi ? {} : { limit: 1 });
    const changes: Change[] = [];
    for (const doc of matched) {
      const next = modify(doc, modification);
      if (!sameDocument(doc, next)) changes.push({ collection, id: doc._id, doc: next });
    }
    if (!matched.length && upsert) {
      const wanted = filter._id;
      const id = typeof wanted === 'string' || typeof wanted === 'number' ? wanted : newDocumentId();
      transactions.commitChanges([{ collection, id, doc: modify({ _id: id }, modification) }]);
      return { updated: 0, upsert_id: id };
    }
    transactions.commitChanges(changes);
    return { updated: changes.length };
  };

  const modifyAndReturnDoc = (params: Params) => {
    if (transactionOf(params)) throw new CloudError(ErrorCode.invalidParam, 'updateAndReturn is not supported inside a transaction');
    const collection = collectionOf(params);
    const filter = checkQueryShape(decodeQuery(params.query));
    const modification = modificationOf({ ...params, merge: true }, filter);
    const [doc] = find(store.candidates(collection, filter), filter, { limit: 1 });
    if (!doc) return { updated: 0, doc: null };
    const next = modify(doc, modification);
    const changed = !sameDocument(doc, next);
    if (changed) transactions.commitChanges([{ collection, id: doc._id, doc: next }]);
    return { updated: changed ? 1 : 0, doc: encodeAnswer(next) };
  };

  const removeDocument = (params: Params) => {
    const collection = collectionOf(params);
    const filter = checkQueryShape(decodeQuery(params.query));
    const tx = transactionOf(params);
    if (tx) {
      const id = documentIdOf(filter);
      return { deleted: transactions.write(tx, collection, id, (current) => ({ doc: null, result: current ? 1 : 0 })) };
    }
    const multi = flag(params.multi, 'multi', false);
    const matched = find(store.candidates(collection, filter), filter, multi ? {} : { limit: 1 });
    transactions.commitChanges(matched.map((doc) => ({ collection, id: doc._id, doc: null })));
    return { deleted: matched.length };
  };

  const aggregateDocuments = (params: Params) => {
    const collection = collectionOf(params);
    const stages = params.stages;
    if (!Array.isArray(stages)) throw new CloudError(ErrorCode.invalidParam, 'stages must be a list');
    const now = Date.now();
    const pipeline: Doc[] = stages.map((stage: unknown) => {
      if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || !stage.stageKey.startsWith('$')) {
        throw new CloudError(ErrorCode.invalidParam, 'each stage needs a stageKey like "$match" and a stageValue');
      }
      if (stage.stageKey === '$out' || stage.stageKey === '$merge') {
        throw new CloudError(DATABASE_REQUEST_FAILED, `${stage.stageKey} is not supported`);
      }
      const value = decodeWire(stage.stageValue, `stage ${stage.stageKey}`, now);
      if (stage.stageKey === '$match' && isPlainObject(value)) checkQueryShape(value);
      return { [stage.stageKey]: value };
    });
    // A leading $match pre-selects through indexes like a query, and a $sort with a $limit after it lets an
    // index on the sort key stop early; the pipeline still applies every stage exactly.
    const first = pipeline[0];
    const candidates =
      first && isPlainObject(first.$match) ? store.candidates(collection, first.$match, ...pageOf(pipeline.slice(1))) : store.candidates(collection, {});
    return answerList(aggregate(candidates, pipeline, resolve));
  };

  const addCollection = (params: Params) => {
    const collection = collectionOf(params);
    if (!store.ensure(collection)) throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${collection} already exists`);
    return {};
  };

  const startTransaction = () => new TopLevelAnswer({ transactionId: transactions.start() });

  const commitTransaction = (params: Params) => {
    const tx = transactionOf(params);
    if (!tx) throw new CloudError(ErrorCode.invalidParam, 'missing transactionId');
    transactions.commit(tx);
    return {};
  };

  const abortTransaction = (params: Params) => {
    const tx = transactionOf(params);
    if (!tx) throw new CloudError(ErrorCode.invalidParam, 'missing transactionId');
    transactions.abort(tx);
    return {};
  };

  const handlers: Record<string, (params: Params) => unknown> = {
    'database.getDocument': getDocument,
    'database.calculateDocument': calculateDocument,
    'database.insertDocument': insertDocument,
    'database.modifyDocument': modifyDocument,
    'database.modifyAndReturnDoc': modifyAndReturnDoc,
    'database.removeDocument': removeDocument,
    'database.aggregateDocuments': aggregateDocuments,
    'database.addCollection': addCollection,
    'database.startTransaction': startTransaction,
    'database.commitTransaction': commitTransaction,
    'database.abortTransaction': abortTransaction,
  };
  const table: ActionTable = {};
  for (const [action, handler] of Object.entries(handlers)) table[action] = async (params) => handler(params);
  return table;
}
