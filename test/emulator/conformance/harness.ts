/**
 * Shared set-up for the database conformance suites: one local cloud per test file, and each case written
 * once and run through both server SDKs, the real, unchanged wx-server-sdk and @cloudbase/node-sdk, pointed at
 * it through environment variables only (`forEachSdk`). The types below are wx-server-sdk's shapes, narrowed
 * to what the suites drive (its own typings answer `Promise<T> | void | string` for every call);
 * node-sdk is adapted to them at the bottom of this file.
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
  bucket(v: unknown): AggregateBuilder;
  bucketAuto(v: unknown): AggregateBuilder;
  geoNear(v: unknown): AggregateBuilder;
  replaceRoot(v: unknown): AggregateBuilder;
  sample(v: unknown): AggregateBuilder;
  sortByCount(v: unknown): AggregateBuilder;
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
  /** The CloudBase code, where the SDK passes it on (node-sdk always; wx-server-sdk for errCode -1). */
  code?: string;
}

/** The two server SDKs every conformance case runs through. */
export const SDKS = ['wx-server-sdk', '@cloudbase/node-sdk'] as const;
export type SdkName = (typeof SDKS)[number];

/**
 * A refusal as both SDKs can report it: the CloudBase error code name (https://docs.cloudbase.net/error-code/basic)
 * and a message carrying the server's text. wx-server-sdk rejects with `{ errCode: -502001, errMsg:
 * 'document.update:fail -502001 database request fail. <server text>' }`; node-sdk throws a TcbError
 * `{ code: 'DATABASE_REQUEST_FAILED', message: '<server text>' }`. `code` is undefined where wx-server-sdk gives
 * no CloudBase code (its own not-found error; a code missing from its table is errCode -501001, SYS_ERR).
 * Where it reports errCode -1 (aggregate and function-call failures) it passes the code on as `code`.
 */
export interface Refusal {
  code: string | undefined;
  message: string;
}

export interface ConformanceEnv {
  readonly sdk: SdkName;
  readonly db: Database;
  readonly _: Command;
  readonly testCloud: TestCloud;
  /** wx-server-sdk itself (for `cloud.database(options)`); only meaningful when `sdk` is 'wx-server-sdk'. */
  readonly cloud: WxCloud;
}

/** The error codes wx-server-sdk's TCB_ERR_CODE table gives the CloudBase codes the local cloud answers. */
const WX_ERR_CODES: Record<number, string> = {
  [-501007]: 'INVALID_PARAM',
  [-502001]: 'DATABASE_REQUEST_FAILED',
  [-502002]: 'DATABASE_INVALID_OPERRATOR',
  [-502003]: 'DATABASE_PERMISSION_DENIED',
  [-502005]: 'DATABASE_COLLECTION_NOT_EXIST',
  [-503001]: 'STORAGE_REQUEST_FAIL',
  [-503002]: 'STORAGE_EXCEED_AUTHORITY',
  [-503003]: 'STORAGE_FILE_NONEXIST',
};

/** What either SDK rejected with, as a Refusal. */
export function asRefusal(err: unknown): Refusal {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SdkError;
  if (typeof e.errCode === 'number' || typeof e.errMsg === 'string') {
    const code = typeof e.code === 'string' ? e.code : e.errCode === undefined ? undefined : WX_ERR_CODES[e.errCode];
    return { code, message: String(e.errMsg ?? e.message ?? '') };
  }
  return { code: typeof e.code === 'string' ? e.code : undefined, message: String(e.message ?? '') };
}

/** Awaits an SDK call that must be refused, as a Refusal. */
export async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  return asRefusal(await rejectionOf(promise));
}

/**
 * Starts one local cloud before the file's tests and disposes of it after them, and runs `body` once per SDK
 * (a `describe` named after the SDK), both SDKs talking to that one cloud. The SDKs are required only after
 * the environment points at the local cloud, as a deployed function would see it.
 */
export function forEachSdk(body: (env: ConformanceEnv) => void): void {
  let state: { wx: WxCloud; node: Database; testCloud: TestCloud } | undefined;
  beforeAll(async () => {
    const testCloud = await startTestCloud();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const wx = require('wx-server-sdk') as WxCloud;
    wx.init({ env: testCloud.env.TCB_ENV });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tcb = require('@cloudbase/node-sdk') as { init(options: { env: string }): { database(): NodeDb } };
    state = { wx, node: nodeSdkDatabase(tcb.init({ env: testCloud.env.TCB_ENV }).database()), testCloud };
  });
  afterAll(async () => {
    await state?.testCloud.dispose();
  });
  const current = () => {
    if (!state) throw new Error('the local cloud is not started yet (use it inside a test)');
    return state;
  };
  describe.each(SDKS)('through %s', (sdk) => {
    let wxDb: Database | undefined;
    const db = () => (sdk === 'wx-server-sdk' ? (wxDb ??= current().wx.database()) : current().node);
    body({
      sdk,
      get db() {
        return db();
      },
      get _() {
        return db().command;
      },
      get testCloud() {
        return current().testCloud;
      },
      get cloud() {
        return current().wx;
      },
    });
  });
}

/**
 * The wx-server-sdk-only set-up the strictness and unindexed suites use: one local cloud, wx-server-sdk's
 * database.
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
    sdk: 'wx-server-sdk',
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

/* ---------------------------------------------------------------------------------------------------------
 * @cloudbase/node-sdk behind the wx-server-sdk shapes the suites are written in. What differs, read from
 * node_modules/@cloudbase/database/dist/commonjs (collection.js, query.js, document.js, aggregate.js,
 * transaction/index.js) and https://docs.cloudbase.net/api-reference/server/node-sdk/database/collection:
 * - writes take the data itself (`update(data)`), not `{ data }`;
 * - `add` answers `{ id }` / `{ ids }`, not `{ _id }` / `{ _ids }`;
 * - `update` answers `{ updated }`, `remove` `{ deleted }`, `set` `{ updated, upsertedId }` (in a transaction
 *   `{ updated, upserted: [{ _id }] }`), not `{ stats }`;
 * - `doc().get()` answers a list (`[]` for a missing id, where wx-server-sdk rejects); inside a transaction it
 *   answers the document or null: the adapter answers the document, or null when there is none;
 * - `aggregate().end()` answers `{ data }`, not `{ list }`;
 * - refusals are thrown as TcbError `{ code, message }` (see Refusal);
 * - `db.Geo.Point` and the other geometries are classes that need `new` (wx-server-sdk wraps them as
 *   functions): calling `db.Geo.Point(lng, lat)` throws "Class constructor Point cannot be invoked without 'new'".
 * Everything else (commands, Geo, RegExp, serverDate, transactions' rollback) is the same library.
 * ------------------------------------------------------------------------------------------------------- */

type Raw = Record<string, (...args: unknown[]) => unknown>;
type Constructor = new (...args: unknown[]) => unknown;
type NodeDb = Raw & { command: Command; Geo: { Point: Constructor; LineString: Constructor; Polygon: Constructor } };

const AGGREGATE_STAGES = [
  'addFields',
  'bucket',
  'bucketAuto',
  'count',
  'geoNear',
  'group',
  'limit',
  'lookup',
  'match',
  'project',
  'replaceRoot',
  'sample',
  'skip',
  'sort',
  'sortByCount',
  'unwind',
] as const;

function nodeAggregate(raw: Raw): AggregateBuilder {
  const builder: Record<string, unknown> = {
    async end() {
      const res = (await raw.end()) as { data: Doc[] };
      return { list: res.data };
    },
  };
  for (const stage of AGGREGATE_STAGES) builder[stage] = (v: unknown) => nodeAggregate(raw[stage](v) as Raw);
  return builder as unknown as AggregateBuilder;
}

function nodeQuery(raw: Raw): Query {
  return {
    where: (condition) => nodeQuery(raw.where(condition) as Raw),
    orderBy: (field, direction) => nodeQuery(raw.orderBy(field, direction) as Raw),
    limit: (n) => nodeQuery(raw.limit(n) as Raw),
    skip: (n) => nodeQuery(raw.skip(n) as Raw),
    field: (projection) => nodeQuery(raw.field(projection) as Raw),
    get: async () => ({ data: ((await raw.get()) as { data: Doc[] }).data }),
    count: async () => ({ total: ((await raw.count()) as { total: number }).total }),
    update: async ({ data }) => ({ stats: { updated: ((await raw.update(data)) as { updated: number }).updated } }),
    remove: async () => ({ stats: { removed: ((await raw.remove()) as { deleted: number }).deleted } }),
  };
}

function nodeDocument(raw: Raw, id: string | number): DocumentRef {
  return {
    field: (projection) => nodeDocument(raw.field(projection) as Raw, id),
    async get() {
      const { data } = (await raw.get()) as { data: Doc[] | Doc | null };
      return { data: (Array.isArray(data) ? (data[0] ?? null) : data) as Doc };
    },
    async set({ data }) {
      const res = (await raw.set(data)) as { updated: number; upsertedId?: string; upserted?: { _id: string }[] };
      const created = res.upsertedId ?? res.upserted?.[0]?._id;
      return { _id: created ?? id, stats: { updated: res.updated, created: created === undefined ? 0 : 1 } };
    },
    update: async ({ data }) => ({ stats: { updated: ((await raw.update(data)) as { updated: number }).updated } }),
    remove: async () => ({ stats: { removed: ((await raw.remove()) as { deleted: number }).deleted } }),
  };
}

async function nodeAdd(raw: Raw, data: Doc | Doc[]): Promise<{ _id: string | number } & { _ids: (string | number)[] }> {
  const res = (await raw.add(data)) as { id?: string; ids?: string[] };
  return (Array.isArray(data) ? { _ids: res.ids } : { _id: res.id }) as unknown as { _id: string } & { _ids: string[] };
}

function nodeCollection(raw: Raw, name: string): Collection {
  return {
    ...nodeQuery(raw),
    collectionName: name,
    doc: (id) => nodeDocument(raw.doc(id) as Raw, id),
    add: ({ data }: { data: Doc | Doc[] }) => nodeAdd(raw, data),
    aggregate: () => nodeAggregate(raw.aggregate() as Raw),
  } as Collection;
}

function nodeTransaction(raw: Raw): Transaction {
  return {
    collection(name) {
      const col = raw.collection(name) as Raw;
      return {
        doc: (id) => nodeDocument(col.doc(id) as Raw, id),
        add: ({ data }: { data: Doc }) => nodeAdd(col, data),
      };
    },
    commit: () => raw.commit() as Promise<unknown>,
    rollback: (reason) => raw.rollback(reason) as Promise<unknown>,
  };
}

function nodeSdkDatabase(raw: NodeDb): Database {
  return {
    command: raw.command,
    Geo: {
      Point: (longitude, latitude) => new raw.Geo.Point(longitude, latitude),
      LineString: (points) => new raw.Geo.LineString(points),
      Polygon: (lines) => new raw.Geo.Polygon(lines),
    },
    serverDate: (options) => raw.serverDate(options),
    RegExp: (options) => raw.RegExp(options),
    collection: (name) => nodeCollection(raw.collection(name) as Raw, name),
    createCollection: (name) => raw.createCollection(name) as Promise<unknown>,
    runTransaction: <T>(run: (transaction: Transaction) => Promise<T>, times?: number) =>
      raw.runTransaction((t: unknown) => run(nodeTransaction(t as Raw)), times) as Promise<T>,
    startTransaction: async () => nodeTransaction((await raw.startTransaction()) as Raw),
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
