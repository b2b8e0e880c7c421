/**
 * Shared set-up for the database conformance suites: one local cloud per test file, the real, unchanged
 * wx-server-sdk pointed at it through environment variables only, and narrow types for the part of the SDK
 * the suites drive (the SDK's own typings answer `Promise<T> | void | string` for every call).
 */
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

export type Doc = Record<string, unknown>;
/** Every `db.command` builder takes loosely typed operands: this is the SDK's protocol boundary. */
export type Op = (...args: unknown[]) => unknown;

export interface AggregateBuilder {
  match(v: unknown): AggregateBuilder;
  group(v: unknown): AggregateBuilder;
  sort(v: unknown): AggregateBuilder;
  skip(v: number): AggregateBuilder;
  limit(v: number): AggregateBuilder;
  project(v: unknown): AggregateBuilder;
  lookup(v: unknown): AggregateBuilder;
  unwind(v: unknown): AggregateBuilder;
  count(field: string): AggregateBuilder;
  addFields(v: unknown): AggregateBuilder;
  end(): Promise<{ list: Doc[] }>;
}

/** `db.command.aggregate.pipeline()`: builds the sub-pipeline of a `lookup`. */
export interface SubPipeline {
  match(v: unknown): SubPipeline;
  project(v: unknown): SubPipeline;
  sort(v: unknown): SubPipeline;
  done(): unknown[];
}

export type AggregateOps = { pipeline(): SubPipeline } & Record<string, Op>;

export interface Command {
  eq: Op;
  neq: Op;
  lt: Op;
  lte: Op;
  gt: Op;
  gte: Op;
  in: Op;
  nin: Op;
  and: Op;
  or: Op;
  nor: Op;
  not: Op;
  exists: Op;
  size: Op;
  all: Op;
  elemMatch: Op;
  mod: Op;
  expr: Op;
  geoNear: Op;
  geoWithin: Op;
  geoIntersects: Op;
  set: Op;
  remove: Op;
  inc: Op;
  mul: Op;
  min: Op;
  max: Op;
  rename: Op;
  push: Op;
  pop: Op;
  shift: Op;
  unshift: Op;
  addToSet: Op;
  pull: Op;
  pullAll: Op;
  aggregate: AggregateOps;
}

export interface Query {
  where(condition: unknown): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  limit(n: number): Query;
  skip(n: number): Query;
  field(projection: Record<string, boolean | number | object>): Query;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Doc; multi?: boolean }): Promise<{ stats: { updated: number } }>;
  remove(options?: { multi?: boolean }): Promise<{ stats: { removed: number } }>;
}

export interface DocumentRef {
  field(projection: Record<string, boolean | number | object>): DocumentRef;
  get(): Promise<{ data: Doc }>;
  set(options: { data: Doc }): Promise<{ _id: string | number; stats: { updated: number; created: number } }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Collection extends Query {
  readonly collectionName: string;
  doc(id: string | number): DocumentRef;
  add(options: { data: Doc }): Promise<{ _id: string | number }>;
  /** Batch insert: one insertDocument request carrying every document. */
  add(options: { data: Doc[] }): Promise<{ _ids: (string | number)[] }>;
  aggregate(): AggregateBuilder;
}

/** The collection handle a transaction hands out: only `doc()` and `add` are allowed inside transactions. */
export interface TransactionCollection {
  doc(id: string | number): DocumentRef;
  add(options: { data: Doc }): Promise<{ _id: string | number }>;
}

export interface Transaction {
  collection(name: string): TransactionCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface GeoFactory {
  Point(longitude: number, latitude: number): unknown;
  LineString(points: unknown[]): unknown;
  Polygon(lines: unknown[]): unknown;
}

export interface Database {
  command: Command;
  Geo: GeoFactory;
  serverDate(options?: { offset: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  collection(name: string): Collection;
  createCollection(name: string): Promise<unknown>;
  runTransaction<T>(run: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>;
  startTransaction(): Promise<Transaction>;
}

export interface WxCloud {
  init(options: { env: string; throwOnNotFound?: boolean }): void;
  database(options?: { throwOnNotFound?: boolean }): Database;
}

/** What a rejected SDK call carries (wx-server-sdk turns CloudBase error codes into numeric errCodes). */
export interface SdkError {
  errCode?: number;
  errMsg?: string;
  message?: string;
}

export interface ConformanceEnv {
  readonly cloud: WxCloud;
  readonly db: Database;
  readonly _: Command;
  readonly testCloud: TestCloud;
}

/**
 * Starts a local cloud before the file's tests and disposes of it after them. The SDK is required only after
 * the environment points at the local cloud, as a deployed function would see it.
 */
export function useLocalCloud(): ConformanceEnv {
  let state: { cloud: WxCloud; db: Database; testCloud: TestCloud } | undefined;
  beforeAll(async () => {
    const testCloud = await startTestCloud();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as WxCloud;
    cloud.init({ env: testCloud.env.TCB_ENV });
    state = { cloud, db: cloud.database(), testCloud };
  });
  afterAll(async () => {
    await state?.testCloud.dispose();
  });
  const current = () => {
    if (!state) throw new Error('the local cloud is not started yet (use it inside a test)');
    return state;
  };
  return {
    get cloud() {
      return current().cloud;
    },
    get db() {
      return current().db;
    },
    get _() {
      return current().db.command;
    },
    get testCloud() {
      return current().testCloud;
    },
  };
}

let collectionCounter = 0;

/** A collection name no other test of this process uses, so tests never see each other's documents. */
export function uniqueCollectionName(prefix: string): string {
  collectionCounter += 1;
  return `${prefix}_${process.pid}_${collectionCounter}`;
}

/** Seeding is not what these suites test, so it stays well inside any per-request batch limit. */
const SEED_BATCH = 500;

/**
 * Creates a fresh collection (CloudBase requires a collection to exist before it is written) and inserts the
 * documents with batched `add`s, returning the collection handle.
 */
export async function seedCollection(db: Database, prefix: string, docs: Doc[] = []): Promise<Collection> {
  const name = uniqueCollectionName(prefix);
  await db.createCollection(name);
  const collection = db.collection(name);
  // Batches of at most SEED_BATCH documents: one insertDocument request per batch.
  for (let start = 0; start < docs.length; start += SEED_BATCH) {
    await collection.add({ data: docs.slice(start, start + SEED_BATCH) });
  }
  return collection;
}

/** The `_id`s of a result list, sorted, for order-insensitive assertions. */
export function idsOf(list: Doc[]): string[] {
  return list.map((d) => String(d._id)).sort();
}

/** The `_id`s of a result list in the order the server returned them. */
export function orderedIds(list: Doc[]): string[] {
  return list.map((d) => String(d._id));
}

/** Awaits a promise that must reject and returns exactly what it rejected with (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the SDK call to reject, but it resolved');
}

/** Like `rejectionOf`, for SDK calls that reject with an SDK error object. */
export async function sdkErrorOf(promise: Promise<unknown>): Promise<SdkError> {
  const err = await rejectionOf(promise);
  return (typeof err === 'object' && err !== null ? err : { errMsg: String(err) }) as SdkError;
}

/** Removes `_id` so documents can be compared by content. */
export function withoutId(doc: Doc | undefined): Doc {
  const { _id: _ignored, ...rest } = doc ?? {};
  return rest;
}
