/**
 * The local cloud's database service: CloudBase's document database protocol on SQLite, with MongoDB
 * semantics from mingo, declared indexes as SQLite expression indexes, and real transactions.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ActionTable } from '../protocol';
import { databaseActions, newDocumentId } from './actions';
import type { Doc } from './codec';
import { CloudError } from '../protocol';
import { COLLECTION_NOT_EXIST, type CollectionDeclaration, type QueryStats, Store, UNINDEXED_WARNING_ABOVE, type UnindexedQuery } from './store';
import { TransactionManager } from './transactions';

export { TopLevelAnswer, DEFAULT_LIMIT, MAX_LIMIT, newDocumentId } from './actions';
export type { CollectionDeclaration, IndexDeclaration, QueryStats, UnindexedQuery } from './store';
export { UNINDEXED_WARNING_ABOVE } from './store';

export interface DatabaseOptions {
  dataDir: string;
  /**
   * Collections and their indexes. Defaults to `database/collections.json` at the project root when that
   * file exists (`{ "collections": [ { "name", "indexes": [ { "name", "keys", "unique" } ] } ] }`).
   */
  collections?: CollectionDeclaration[];
  /** An open transaction untouched for this long is discarded (CloudBase also expires idle ones). */
  transactionIdleTimeoutMs?: number;
  /** Clock for transaction expiry (tests inject one). */
  clock?: () => number;
  /** Scans of collections above this many documents are recorded as unindexed queries; default 10,000. */
  unindexedWarningAbove?: number;
  /** Told once per query shape when an unindexed query is first recorded. */
  onUnindexed?: (query: UnindexedQuery) => void;
}

export interface DatabaseService {
  actions: ActionTable;
  close(): void;
  /** How the last query or aggregation read its candidates (rows scanned, plan). */
  stats(): QueryStats;
  /**
   * Queries, counts, updates, removals and `$match` stages served by a scan of a collection above the
   * threshold, once per shape, with the index that would serve each.
   */
  unindexedQueries(): UnindexedQuery[];
  /** The same, forgotten once returned: a test that provokes one on purpose takes it. */
  takeUnindexedQueries(): UnindexedQuery[];
  /**
   * Direct, committed-state access for tests, seeding and benchmarks. Reads of a missing collection find
   * nothing; `insertDocuments` into one throws DATABASE_COLLECTION_NOT_EXIST like the protocol, so a seed
   * cannot create a collection that the declarations (and so a deployed environment) do not have.
   */
  getDocument(collection: string, id: string | number): Doc | undefined;
  listDocuments(collection: string): Doc[];
  insertDocuments(collection: string, docs: Doc[]): void;
  collections(): string[];
  openTransactions(): number;
  /** What the management API (emulator/management) changes: collections and their indexes. */
  management: Pick<Store, 'createCollection' | 'dropCollection' | 'createIndex' | 'dropIndex' | 'indexes' | 'size' | 'hasCollection' | 'collections'>;
  /** The commit sequence number: it grows by one with every committed write, and only then (tests use it to see that nothing was written). */
  commitSequence(): number;
}

export const DEFAULT_TRANSACTION_IDLE_TIMEOUT_MS = 30_000;

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Reads the project's collection declarations, if the file exists. */
export function loadCollectionDeclarations(file = path.join(PROJECT_ROOT, 'database', 'collections.json')): CollectionDeclaration[] {
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: CollectionDeclaration[] };
  return Array.isArray(parsed.collections) ? parsed.collections : [];
}

export function openDatabase(options: DatabaseOptions): DatabaseService {
  const store = new Store(path.resolve(options.dataDir), options.collections ?? loadCollectionDeclarations());
  store.unindexedWarningAbove = options.unindexedWarningAbove ?? UNINDEXED_WARNING_ABOVE;
  store.onUnindexed = options.onUnindexed;
  const transactions = new TransactionManager(store, options.transactionIdleTimeoutMs ?? DEFAULT_TRANSACTION_IDLE_TIMEOUT_MS, options.clock);
  return {
    actions: databaseActions(store, transactions),
    close() {
      transactions.close();
      store.close();
    },
    stats: () => store.stats(),
    unindexedQueries: () => store.unindexedQueries(),
    takeUnindexedQueries: () => store.takeUnindexedQueries(),
    getDocument: (collection, id) => (store.hasCollection(collection) ? store.get(collection, id)?.doc : undefined),
    listDocuments: (collection) => (store.hasCollection(collection) ? store.all(collection) : []),
    insertDocuments(collection, docs) {
      if (!store.hasCollection(collection))
        throw new CloudError(
          COLLECTION_NOT_EXIST,
          `collection ${collection} does not exist (declare it in database/collections.json or the collections option)`,
        );
      transactions.commitChanges(
        docs.map((doc) => {
          const id = doc._id ?? newDocumentId();
          return { collection, id, doc: { ...doc, _id: id } };
        }),
      );
    },
    collections: () => store.collections(),
    openTransactions: () => transactions.openCountNow(),
    commitSequence: () => store.sequence,
    management: {
      createCollection: (name) => store.createCollection(name),
      dropCollection: (name) => store.dropCollection(name),
      createIndex: (collection, index) => store.createIndex(collection, index),
      dropIndex: (collection, name) => store.dropIndex(collection, name),
      indexes: (collection) => store.indexes(collection),
      size: (collection) => store.size(collection),
      hasCollection: (name) => store.hasCollection(name),
      collections: () => store.collections(),
    },
  };
}
