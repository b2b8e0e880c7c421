/**
 * SQLite storage: one table per collection (`id`, `body` as relaxed EJSON, `version` = the commit sequence
 * number of the last write, `keys` = the fields the indexes read, and each indexed field's key and markers, see `Store.indexedValues`), a `meta` table holding the global commit sequence
 * as of the last close, and SQLite indexes for the declared collection indexes. All calls are synchronous (better-sqlite3), which serialises requests.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CloudError, ErrorCode } from '../protocol';
import { type Doc, decodeStored, encodeStored, encodeStoredTree, idKey } from './codec';
import { type IndexField, indexEntry, type Json, indexField, keyExpressions } from './index-keys';
import { MAX_DOCUMENT_BYTES } from '../limits';
import { DATABASE_REQUEST_FAILED, Matcher } from './matcher';
import { type Condition, conditionSql, fieldConditions, idValues, queryShape, suggestedIndex } from './planner';

export interface IndexDeclaration {
  name: string;
  /**
   * Field path → direction (1 or -1). An index serves equality on a prefix of its fields, then a range,
   * a membership or the ordering on the next field (see `Store.choosePlan`).
   */
  keys: Record<string, number>;
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  indexes?: IndexDeclaration[];
}

/** One write of `Store.write`: the document's new state, or null to delete it. */
export interface StoredChange {
  collection: string;
  id: unknown;
  doc: Doc | null;
  /** A new document (an insert): written as a new row at once, refused (`duplicateId`) if its `_id` is stored. */
  fresh?: boolean;
}

/** MongoDB's refusal of a second document with an `_id` already stored (CloudBase answers it so). */
export function duplicateId(collection: string, id: unknown): CloudError {
  return new CloudError(DATABASE_REQUEST_FAILED, `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
}

export interface StoredDoc {
  id: string;
  doc: Doc;
  version: number;
}

/** How the last query found its candidates, for tests and benchmarks. */
export interface QueryStats {
  collection: string;
  /** Rows read from SQLite (and decoded) for the last query. */
  rowsScanned: number;
  /** `scan`, `id`, or `index:<name>` (`+sort` when the index also ordered the rows). */
  plan: string;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** CloudBase's answer for a read or write on a collection that was never created (-502005 in the SDK). */
export const COLLECTION_NOT_EXIST = 'DATABASE_COLLECTION_NOT_EXIST';

/**
 * A write that would make a document larger than MAX_DOCUMENT_BYTES (emulator/limits.ts). CloudBase documents
 * no code for it; DATABASE_REQUEST_FAILED (-502001, "database request fail" in wx-server-sdk's table) is the
 * generic refusal of a database request, which we chose. Nothing of the request is written.
 */
export const DOCUMENT_TOO_LARGE = 'DATABASE_REQUEST_FAILED';

/** Management API refusals (emulator/management answers them as the API's error codes). */
export const COLLECTION_EXISTS = 'ResourceInUse';
export const INDEX_EXISTS = 'ResourceInUse.Index';
export const INDEX_NOT_EXIST = 'ResourceNotFound.Index';

export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new CloudError(ErrorCode.invalidParam, 'collectionName must be 1-64 letters, digits, "_" or "-"');
  }
  return name;
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
const tableOf = (collection: string): string => quote(`coll:${collection}`);

/** A query served by a scan of a large collection (see `Store.candidates`), with the index that would serve it. */
export interface UnindexedQuery {
  collection: string;
  /** The filter's fields and operators, values left out, and the sort. */
  shape: string;
  /** Documents in the collection when first seen. */
  documents: number;
  /** The index that would serve it (equality fields, then sort fields, then one range field), named as declared. */
  index: { name: string; keys: Record<string, 1 | -1> } | null;
  /** Queries of this shape served by a scan since. */
  count: number;
  firstAt: string;
}

/** CloudBase-sized collections: above this many documents a scan is what an index would have spared. */
export const UNINDEXED_WARNING_ABOVE = 10_000;

interface PlannedIndex {
  /** `<collection>:<index name>`, as in QueryStats.plan. */
  name: string;
  fields: IndexField[];
}

interface Plan {
  index: PlannedIndex;
  /** Leading fields with equality conditions. */
  prefix: number;
  /** The condition on the field after the prefix, if any. */
  next?: Condition;
  /** Whether the field after the prefix is the sort's first key (and a page size is known). */
  sorted: boolean;
}

/** How a collection's rows are written: what `keys` holds, the indexed fields' columns, the statements. */
interface RowShape {
  /** The first step of every indexed path: the fields `keys` holds. */
  tops: string[];
  /** The indexed fields, each once, in the order of their columns in `insert`. */
  fields: IndexField[];
  /** Writes a new row: id, body, version, then `Store.indexedValues`. */
  create: string;
  /** Writes a row whole, new or not, with the parameters of `create`. */
  insert: string;
  /** Writes body and version of a row whose `keys` is as given. */
  keep: string;
  remove: string;
}

interface Row {
  r: number;
  id: string;
  body: string;
}

/** SQLite hands BLOB keys back as Buffers: equal keys are equal bytes. */
function sameKey(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return a === b;
}

/** The plain value of a field, as the unique key below compares it. */
const plainValue = (field: string): string => `json_extract(keys, '$.${field}')`;

/**
 * The key a unique index compares, for one field, as MongoDB's unique indexes do: null and a missing field
 * are the same key (SQLite's UNIQUE would let any number of NULLs through), so at most one document may
 * lack the field; booleans stay distinct from 1 and 0; arrays and objects (dates included) compare whole,
 * as blobs that equal no string. Not MongoDB: an array is one key, not one key per element, and a path
 * through an array counts as missing. The plain expression index beside it still serves queries.
 */
function uniqueKey(expr: string): string {
  const type = expr.replace(/^json_extract\(/, 'json_type(');
  return `(CASE ${type} WHEN 'true' THEN X'01' WHEN 'false' THEN X'02' WHEN 'array' THEN CAST(${expr} AS BLOB) WHEN 'object' THEN CAST(${expr} AS BLOB) ELSE COALESCE(${expr}, X'00') END)`;
}

const MAX_CACHED_STATEMENTS = 500;
/** WAL pages between automatic checkpoints (see the Store constructor). */
const WAL_CHECKPOINT_PAGES = 10_000;

export class Store {
  readonly db: Database.Database;
  private readonly known = new Set<string>();
  private readonly declared = new Map<string, CollectionDeclaration>();
  private readonly planned = new Map<string, PlannedIndex[]>();
  /** How each collection's rows are written (see `RowShape`), made when it is first written. */
  private readonly shapes = new Map<string, RowShape>();
  private readonly unindexed = new Map<string, UnindexedQuery>();
  /** Scans of collections above this many documents are recorded (UnindexedQuery). */
  unindexedWarningAbove = UNINDEXED_WARNING_ABOVE;
  /** Told once per shape when an unindexed query is first recorded (the local cloud logs it). */
  onUnindexed?: (query: UnindexedQuery) => void;
  private lastStats: QueryStats = { collection: '', rowsScanned: 0, plan: 'scan' };
  private seq: number;
  /** Prepared statements by SQL text: preparing is costlier than running a simple statement. */
  private readonly statements = new Map<string, Database.Statement>();
  /** `writeChanges` in one SQLite transaction. */
  private readonly applyWrites: (changes: StoredChange[]) => number;

  constructor(dataDir: string, declarations: CollectionDeclaration[]) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'db.sqlite'));
    // One process owns the data folder: in EXCLUSIVE locking mode the connection takes its file locks once and
    // keeps them, so a read or a commit makes no locking system calls, and, set before WAL mode is first
    // entered, the WAL index lives in the process's heap instead of a shared-memory file
    // (https://www.sqlite.org/pragma.html#pragma_locking_mode, https://www.sqlite.org/wal.html#noshm).
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('journal_mode = WAL');
    // In WAL mode a commit is one write() of the WAL frames into the OS page cache before SQLite returns;
    // a killed process (kill -9) cannot lose it, only an OS crash or power loss could, so NORMAL is enough
    // for the guarantee we give (acknowledged writes survive a crash of the local cloud process).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // A checkpoint copies the WAL's pages into the database file and, with synchronous = NORMAL, syncs both
    // (https://www.sqlite.org/wal.html#ckpt). An insert writes a WAL page for its row and one for each index it
    // enters, so at SQLite's default of a checkpoint every 1000 WAL pages inserts paid for frequent syncs. Every
    // WAL_CHECKPOINT_PAGES pages instead (https://www.sqlite.org/c3ref/wal_autocheckpoint.html): the WAL file
    // grows to that many pages (40 MB at the default 4 KB page), and a page written often is copied once per
    // checkpoint.
    this.db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    // Made once: better-sqlite3's transaction() builds four wrapper functions and defines their properties.
    this.applyWrites = this.db.transaction((changes: StoredChange[]) => this.writeChanges(changes));
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)');
    this.db.exec('CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY)');
    // Indexes created through the management API (emulator/management), kept across restarts.
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS managed_indexes (collection TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (collection, name))',
    );
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'seq'").get() as { value: number } | undefined;
    this.seq = row?.value ?? 0;
    for (const { name } of this.db.prepare('SELECT name FROM collections').all() as Array<{ name: string }>) {
      this.known.add(name);
      // Commits do not write `meta` (one page less per commit): after a crash the sequence resumes above every
      // row's version, which is all a transaction's snapshot compares (transactions do not outlive the process).
      const newest = this.db.prepare(`SELECT max(version) AS v FROM ${tableOf(name)}`).get() as { v: number | null };
      this.seq = Math.max(this.seq, newest.v ?? 0);
    }
    for (const declaration of declarations) this.declare(declaration);
    const managed = this.db.prepare('SELECT collection, spec FROM managed_indexes ORDER BY rowid').all() as Array<{ collection: string; spec: string }>;
    for (const { collection, spec } of managed) {
      if (!this.known.has(collection)) continue;
      const current = this.declared.get(collection) ?? { name: collection, indexes: [] };
      this.declare({ name: collection, indexes: [...(current.indexes ?? []), JSON.parse(spec) as IndexDeclaration] });
    }
  }

  /** Documents in the collection. */
  size(collection: string): number {
    return (this.statement(`SELECT count(*) AS n FROM ${tableOf(this.existing(collection))}`).get() as { n: number }).n;
  }

  /** The collection's indexes (declared or created since), as declared. */
  indexes(collection: string): IndexDeclaration[] {
    return [...(this.declared.get(this.existing(collection))?.indexes ?? [])];
  }

  /**
   * Creates a collection (the management API's CreateTable). Refuses an existing one, as CloudBase does.
   */
  createCollection(name: string): void {
    checkCollectionName(name);
    if (this.known.has(name)) throw new CloudError(COLLECTION_EXISTS, `collection ${name} already exists`);
    this.ensure(name);
  }

  /** Deletes a collection and its documents (the management API's DeleteTable). */
  dropCollection(name: string): void {
    const table = tableOf(this.existing(name));
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      this.statement('DELETE FROM collections WHERE name = ?').run(name);
      this.statement('DELETE FROM managed_indexes WHERE collection = ?').run(name);
    })();
    // Prepared statements may name the dropped table.
    this.statements.clear();
    this.known.delete(name);
    this.declared.delete(name);
    this.planned.delete(name);
    this.shapes.delete(name);
  }

  /**
   * Adds an index to an existing collection (the management API's UpdateTable CreateIndexes). A unique
   * index over documents that already repeat a key is refused and leaves nothing behind.
   */
  createIndex(collection: string, index: IndexDeclaration): void {
    const current = this.declared.get(this.existing(collection)) ?? { name: collection, indexes: [] };
    if ((current.indexes ?? []).some((i) => i.name === index.name)) throw new CloudError(INDEX_EXISTS, `index ${collection}.${index.name} already exists`);
    const next = { name: collection, indexes: [...(current.indexes ?? []), index] };
    try {
      this.declare(next);
    } catch (err) {
      this.dropSqlIndexes(collection, index);
      this.declare(current);
      throw new CloudError(ErrorCode.invalidParam, `index ${collection}.${index.name} cannot be created: ${(err as Error).message}`);
    }
    this.statement('INSERT OR REPLACE INTO managed_indexes (collection, name, spec) VALUES (?, ?, ?)').run(collection, index.name, JSON.stringify(index));
  }

  /** Removes an index (the management API's UpdateTable DropIndexes). */
  dropIndex(collection: string, name: string): void {
    const current = this.declared.get(this.existing(collection)) ?? { name: collection, indexes: [] };
    const index = (current.indexes ?? []).find((i) => i.name === name);
    if (!index) throw new CloudError(INDEX_NOT_EXIST, `index ${collection}.${name} does not exist`);
    this.dropSqlIndexes(collection, index);
    this.statement('DELETE FROM managed_indexes WHERE collection = ? AND name = ?').run(collection, name);
    this.declare({ name: collection, indexes: (current.indexes ?? []).filter((i) => i.name !== name) });
  }

  private dropSqlIndexes(collection: string, index: IndexDeclaration): void {
    for (const prefix of ['ox', 'ix', 'cx', 'irr', 'ux']) this.db.exec(`DROP INDEX IF EXISTS ${quote(`${prefix}:${collection}:${index.name}`)}`);
    this.statements.clear();
  }

  /** A cached prepared statement (tables are never dropped, so a statement stays valid). */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      // Query shapes vary (an $in of n values has n placeholders): keep the cache bounded.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.statement("INSERT INTO meta (key, value) VALUES ('seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(this.seq);
    } finally {
      this.db.close();
    }
  }

  get sequence(): number {
    return this.seq;
  }

  stats(): QueryStats {
    return { ...this.lastStats };
  }

  private declare(declaration: CollectionDeclaration): void {
    const name = checkCollectionName(declaration.name);
    this.declared.set(name, declaration);
    for (const index of declaration.indexes ?? []) {
      const fields = Object.keys(index.keys);
      if (!fields.length || !fields.every((field) => FIELD_PATH.test(field))) {
        throw new Error(`index ${name}.${index.name}: fields must be dotted names (got ${fields.join(', ')})`);
      }
    }
    this.planned.set(
      name,
      (declaration.indexes ?? []).map((index) => ({ name: `${name}:${index.name}`, fields: Object.keys(index.keys).map(indexField) })),
    );
    this.shapes.delete(name);
    this.ensure(name);
  }

  hasCollection(name: string): boolean {
    return this.known.has(name);
  }

  /** Refuses any access to a collection that was neither declared nor created, as CloudBase does. */
  private existing(collection: string): string {
    if (!this.known.has(collection))
      throw new CloudError(COLLECTION_NOT_EXIST, `collection ${collection} does not exist (db.createCollection or database/collections.json creates it)`);
    return collection;
  }

  collections(): string[] {
    return [...this.known].sort();
  }

  /** The indexed fields of a collection's declared indexes, each once, in a fixed order. */
  private indexedFields(name: string): IndexField[] {
    const fields = (this.declared.get(name)?.indexes ?? []).flatMap((index) => Object.keys(index.keys));
    return [...new Set(fields)].sort().map(indexField);
  }

  /** How rows of an existing collection are written (made once per declaration). */
  private shapeOf(collection: string): RowShape {
    let shape = this.shapes.get(collection);
    if (!shape) {
      const table = tableOf(this.existing(collection));
      const fields = this.indexedFields(collection);
      const columns = ['keys', ...fields.flatMap((f) => [f.keyColumn, f.marksColumn])];
      const create = `INSERT INTO ${table} (id, body, version, ${columns.join(', ')}) VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')})`;
      shape = {
        tops: [...new Set(fields.map((f) => f.steps[0]))].sort(),
        fields,
        create,
        insert: `${create} ON CONFLICT(id) DO UPDATE SET body = excluded.body, version = excluded.version, ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`,
        keep: `UPDATE ${table} SET body = ?, version = ? WHERE id = ? AND keys IS ?`,
        remove: `DELETE FROM ${table} WHERE id = ?`,
      };
      this.shapes.set(collection, shape);
    }
    return shape;
  }

  /**
   * The `keys` column of a document: its fields that the collection's indexes read (the first step of each
   * indexed path, whole), as stored, with the JSON tree of that text; null when nothing is indexed.
   */
  private keysOf(shape: RowShape, doc: Doc): { text: string; tree: unknown } | null {
    if (!shape.tops.length) return null;
    const indexed: Doc = {};
    for (const field of shape.tops) if (Object.hasOwn(doc, field)) indexed[field] = doc[field];
    return encodeStoredTree(indexed);
  }

  /**
   * What a row stores for the indexes, in the order of `RowShape.create`'s columns after `version`: the `keys`
   * column, then each indexed field's key and markers (./index-keys.ts). Every index reads these columns, not
   * `body`, and they follow from `keys`, so a write that leaves `keys` as it was leaves every index untouched
   * (see `write`).
   */
  private indexedValues(shape: RowShape, keys: { text: string; tree: unknown } | null): Array<string | number | Buffer | null> {
    if (!keys) return [null];
    const values: Array<string | number | Buffer | null> = [keys.text];
    for (const field of shape.fields) {
      const entry = indexEntry(keys.tree as Json, field);
      values.push(entry.key, entry.marks);
    }
    return values;
  }

  /** Creates the collection's table and indexes if missing; returns false when it already existed. */
  ensure(name: string): boolean {
    checkCollectionName(name);
    const existed = this.known.has(name);
    const table = tableOf(name);
    const create = this.db.transaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL, keys TEXT)`);
      // Data folders of older versions have no `keys` column (their indexes read `body`; replaced below).
      const columns = this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
      if (!columns.some((column) => column.name === 'keys')) this.db.exec(`ALTER TABLE ${table} ADD COLUMN keys TEXT`);
      // Each indexed field's key and markers (./index-keys.ts); a column added here is filled below, with the
      // indexes that read it, which are new.
      const fields = this.indexedFields(name);
      for (const f of fields) {
        for (const [column, type] of [
          [`k:${f.field}`, ''],
          [`m:${f.field}`, ' INTEGER'],
        ]) {
          if (!columns.some((c) => c.name === column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${quote(column)}${type}`);
        }
      }
      this.statement('INSERT OR IGNORE INTO collections (name) VALUES (?)').run(name);
      // Every index as it should be: SQLite keeps each one's CREATE statement in sqlite_master, and one that
      // is missing or differs (an older version's expressions, which the plans' `INDEXED BY` SQL would no
      // longer match) is made anew.
      const wanted = new Map<string, string>();
      /** The fields whose columns each index reads. */
      const reads = new Map<string, IndexField[]>();
      const index = (sqlName: string, definition: string, read: IndexField[], unique = false): void => {
        wanted.set(sqlName, `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quote(sqlName)} ${definition}`);
        reads.set(sqlName, read);
      };
      const declaration = this.declared.get(name);
      for (const declared of declaration?.indexes ?? []) {
        const sqlName = `${name}:${declared.name}`;
        const fields = Object.keys(declared.keys).map(indexField);
        // One ordered index per declared index (`ox:`); data directories of older versions had plain
        // expression indexes (`ix:`, `cx:`, `irr:`), replaced here.
        for (const prefix of ['ix', 'cx', 'irr']) this.db.exec(`DROP INDEX IF EXISTS ${quote(`${prefix}:${sqlName}`)}`);
        // Their per-field array markers (`arr:`) also held empty arrays; `arrs:` holds non-empty ones only.
        for (const f of fields) this.db.exec(`DROP INDEX IF EXISTS ${quote(`arr:${name}:${f.field}`)}`);
        index(`ox:${sqlName}`, `ON ${table} (${fields.map((f) => f.key).join(', ')})`, fields);
        for (const f of fields) {
          index(`arrs:${name}:${f.field}`, `ON ${table} (id) WHERE ${f.arrayOnPath}`, [f]);
          index(`ord:${name}:${f.field}`, `ON ${table} (id) WHERE ${f.unordered}`, [f]);
        }
        if (declared.unique) index(`ux:${sqlName}`, `ON ${table} (${fields.map((f) => uniqueKey(plainValue(f.field))).join(', ')})`, [], true);
      }
      const existing = new Map(
        (
          this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").all(`coll:${name}`) as Array<{
            name: string;
            sql: string | null;
          }>
        ).map((row) => [row.name, row.sql]),
      );
      const stale = [...wanted].filter(([sqlName, sql]) => existing.get(sqlName) !== sql);
      if (!stale.length) return;
      for (const [sqlName] of stale) this.db.exec(`DROP INDEX IF EXISTS ${quote(sqlName)}`);
      // A new index is built from `keys`, which rows written before it may lack: each row gets its whole
      // body there (a superset of its indexed fields; its next write stores the exact ones).
      this.db.exec(`UPDATE ${table} SET keys = body WHERE keys IS NOT body`);
      // The columns the new indexes read, for rows written before them, from `keys` by the same definition in SQL.
      const refill = new Map(stale.flatMap(([sqlName]) => reads.get(sqlName) ?? []).map((f) => [f.field, f]));
      if (refill.size) {
        const sets = [...refill.values()].map((f) => {
          const { key, marks } = keyExpressions(f.field);
          return `${f.keyColumn} = ${key}, ${f.marksColumn} = ${marks}`;
        });
        this.db.exec(`UPDATE ${table} SET ${sets.join(', ')}`);
      }
      for (const [, sql] of stale) this.db.exec(sql);
    });
    create();
    this.known.add(name);
    return !existed;
  }

  /** Reads one document by `_id` (current committed state). */
  get(collection: string, id: unknown): StoredDoc | undefined {
    const row = this.statement(`SELECT id, body, version FROM ${tableOf(this.existing(collection))} WHERE id = ?`).get(idKey(id)) as
      | { id: string; body: string; version: number }
      | undefined;
    return row && { id: row.id, doc: decodeStored(row.body), version: row.version };
  }

  /** Every document of a collection, in insertion order. */
  all(collection: string): Doc[] {
    const rows = this.statement(`SELECT body FROM ${tableOf(this.existing(collection))} ORDER BY rowid`).all() as Array<{ body: string }>;
    return rows.map((row) => decodeStored(row.body));
  }

  /**
   * Candidates for a filter: a superset of the matching documents, read through the primary key or a
   * declared index when the filter allows, else the whole collection. `order` and `want` (skip + limit)
   * let an index on the sort key, or a scan without a sort, stop early. A scan that an index could have
   * served, on a collection above `unindexedWarningAbove` documents, is recorded once per query shape.
   */
  candidates(collection: string, filter: Doc, order?: Doc, want?: number): Doc[] {
    const stats: QueryStats = { collection, rowsScanned: 0, plan: 'scan' };
    this.lastStats = stats;
    const table = tableOf(this.existing(collection));
    const ids = idValues(filter);
    if (ids) {
      stats.plan = 'id';
      const keys = [...new Set(ids.map(idKey))];
      const select = this.statement(`SELECT rowid AS r, id, body FROM ${table} WHERE id = ?`);
      const rows = inRowOrder(keys.map((key) => select.get(key) as Row | undefined).filter((row) => row !== undefined));
      stats.rowsScanned = rows.length;
      return rows.map((row) => decodeStored(row.body));
    }
    const conditions = fieldConditions(filter);
    const sorted = order !== undefined && Object.keys(order).length > 0;
    const plan = this.choosePlan(collection, table, conditions, sorted ? order : undefined, want);
    if (plan) return this.indexCandidates(table, collection, plan, conditions, filter, sorted ? order : undefined, want, stats);

    let docs: Doc[];
    let complete = true;
    if (want !== undefined && !sorted) {
      // No sort: the first `want` matches in insertion order are all a page needs (MongoDB's natural order).
      const matcher = new Matcher(filter);
      docs = [];
      for (const row of this.statement(`SELECT body FROM ${table} ORDER BY rowid`).iterate() as Iterable<{ body: string }>) {
        stats.rowsScanned += 1;
        const doc = decodeStored(row.body);
        if (!matcher.test(doc)) continue;
        docs.push(doc);
        if (docs.length >= want) {
          complete = false;
          break;
        }
      }
    } else {
      const rows = this.statement(`SELECT body FROM ${table} ORDER BY rowid`).all() as Array<{ body: string }>;
      stats.rowsScanned = rows.length;
      docs = rows.map((row) => decodeStored(row.body));
    }
    if (Object.keys(filter).length > 0 || sorted) this.noteScan(collection, filter, sorted ? order : undefined, complete ? stats.rowsScanned : undefined);
    return docs;
  }

  /** Queries served by a scan of a large collection, once per shape, oldest first. */
  unindexedQueries(): UnindexedQuery[] {
    return [...this.unindexed.values()].map((entry) => ({ ...entry, index: entry.index && { ...entry.index } }));
  }

  /** Returns the recorded unindexed queries and forgets them (a test that expects one takes it). */
  takeUnindexedQueries(): UnindexedQuery[] {
    const taken = this.unindexedQueries();
    this.unindexed.clear();
    return taken;
  }

  private noteScan(collection: string, filter: Doc, order: Doc | undefined, knownSize: number | undefined): void {
    const shape = `${collection} ${queryShape(filter, order)}`;
    const seen = this.unindexed.get(shape);
    if (seen) {
      seen.count += 1;
      return;
    }
    const documents = knownSize ?? this.size(collection);
    if (documents <= this.unindexedWarningAbove) return;
    const keys = suggestedIndex(filter, order);
    const entry: UnindexedQuery = {
      collection,
      shape: queryShape(filter, order),
      documents,
      index: keys
        ? {
            name: Object.entries(keys)
              .map(([field, direction]) => `${field}_${direction}`)
              .join('_'),
            keys,
          }
        : null,
      count: 1,
      firstAt: new Date().toISOString(),
    };
    this.unindexed.set(shape, entry);
    this.onUnindexed?.(entry);
  }

  /**
   * The declared index that serves a query best. Every index whose first field has a condition (or that
   * orders by the sort's first key, when a page size is known) is a candidate; like MongoDB's plan race, in
   * miniature, the one whose key selects the fewest entries (counted up to PLAN_PROBE_ROWS; a plan that
   * orders a page stops after `want`) wins, ties going to the longer equality prefix, then to the plan that
   * orders, then to one with a condition after the prefix. Undefined when no index is a candidate.
   */
  private choosePlan(
    collection: string,
    table: string,
    conditions: Map<string, Condition>,
    order: Doc | undefined,
    want: number | undefined,
  ): Plan | undefined {
    const sortField = order ? Object.keys(order)[0] : undefined;
    const plans: Array<{ plan: Plan; score: number }> = [];
    for (const index of this.planned.get(collection) ?? []) {
      let prefix = 0;
      while (prefix < index.fields.length && conditions.get(index.fields[prefix].field)?.kind === 'eq') prefix += 1;
      const nextField = index.fields[prefix];
      const next = nextField ? conditions.get(nextField.field) : undefined;
      const sorted = want !== undefined && nextField !== undefined && nextField.field === sortField;
      const score = prefix * 4 + (sorted ? 2 : 0) + (next ? 1 : 0);
      if (score > 0) plans.push({ plan: { index, prefix, next, sorted }, score });
    }
    if (plans.length <= 1) return plans[0]?.plan;
    let best: { plan: Plan; score: number; cost: number } | undefined;
    for (const { plan, score } of plans) {
      const { where, params } = planSql(plan, conditions);
      const entries = (
        this.statement(
          `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} INDEXED BY ${quote(`ox:${plan.index.name}`)} WHERE ${where} LIMIT ${PLAN_PROBE_ROWS})`,
        ).get(...params) as { n: number }
      ).n;
      const cost = plan.sorted && want !== undefined ? Math.min(entries, want) : entries;
      if (!best || cost < best.cost || (cost === best.cost && score > best.score)) best = { plan, score, cost };
    }
    return best?.plan;
  }

  /**
   * Candidates through one index: the regular documents its key selects (equality on the prefix, the next
   * field's condition), plus, found through the partial indexes, every document with an array on a prefix
   * path (its match may hide in an element) and every document whose next-field key does not order like
   * MongoDB's (it may satisfy the condition, or belong anywhere in the sort).
   * When the plan orders by the sort's first key, rows stream in index order, tested against the filter,
   * until `want` matched and the key changes (ties may be reordered by later sort keys): the caller's exact
   * sort over the candidates yields the same first `want` documents as over the collection.
   */
  private indexCandidates(
    table: string,
    collection: string,
    plan: Plan,
    conditions: Map<string, Condition>,
    filter: Doc,
    order: Doc | undefined,
    want: number | undefined,
    stats: QueryStats,
  ): Doc[] {
    const { index, prefix: k, next, sorted } = plan;
    const prefixFields = index.fields.slice(0, k);
    const nextField = index.fields[k];
    const { where, params, equalWhere, equalParams } = planSql(plan, conditions);

    const out: Array<{ r: number; doc: Doc }> = [];
    const seen = new Set<string>();
    const indexedBy = `INDEXED BY ${quote(`ox:${index.name}`)}`;
    if (sorted && order && want !== undefined) {
      stats.plan = `index:${index.name}+sort`;
      const direction = order[nextField.field] === -1 ? 'DESC' : 'ASC';
      const statement = this.statement(
        `SELECT rowid AS r, id, body, ${nextField.key} AS k, ${nextField.unordered} AS u FROM ${table} ${indexedBy} WHERE ${where} ORDER BY ${nextField.key} ${direction}`,
      );
      const matcher = new Matcher(filter);
      let matched = 0;
      let boundary: unknown;
      for (const row of statement.iterate(...params) as Iterable<Row & { k: unknown; u: number | null }>) {
        if (matched >= want && !sameKey(row.k, boundary)) break;
        seen.add(row.id);
        stats.rowsScanned += 1;
        const doc = decodeStored(row.body);
        if (!matcher.test(doc)) continue;
        out.push({ r: row.r, doc });
        // An unordered key sits at the wrong place in the stream: it neither counts nor sets the boundary.
        if (row.u) continue;
        matched += 1;
        boundary = row.k;
      }
    } else {
      stats.plan = `index:${index.name}`;
      for (const row of this.statement(`SELECT rowid AS r, id, body FROM ${table} ${indexedBy} WHERE ${where}`).all(...params) as Row[])
        addRow(out, seen, stats, row);
    }
    if (next || sorted) {
      const unordered = this.statement(
        `SELECT rowid AS r, id, body FROM ${table} INDEXED BY ${quote(`ord:${collection}:${nextField.field}`)} WHERE ${nextField.unordered} AND ${equalWhere}`,
      );
      for (const row of unordered.all(...equalParams) as Row[]) addRow(out, seen, stats, row);
    }
    for (const f of prefixFields) {
      for (const row of this.statement(
        `SELECT rowid AS r, id, body FROM ${table} INDEXED BY ${quote(`arrs:${collection}:${f.field}`)} WHERE ${f.arrayOnPath}`,
      ).all() as Row[])
        addRow(out, seen, stats, row);
    }
    return inRowOrder(out).map((entry) => entry.doc);
  }

  /**
   * Applies writes atomically: one SQLite transaction, one new commit sequence number for all of them.
   * `doc === null` deletes. Returns the sequence number used.
   */
  write(changes: StoredChange[]): number {
    try {
      this.seq = this.applyWrites(changes);
    } catch (err) {
      // Duck-typed: the native addon keeps the SqliteError class of the first module instance that loaded it,
      // so under a test runner's fresh module registries `instanceof` can miss.
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
        throw new CloudError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error: ${(err as Error).message}`);
      }
      throw err;
    }
    return this.seq;
  }

  /** The body of `write`, run inside the transaction `applyWrites`. */
  private writeChanges(changes: StoredChange[]): number {
    const seq = this.seq + 1;
    for (const change of changes) {
      const shape = this.shapeOf(change.collection);
      const key = idKey(change.id);
      if (change.doc === null) {
        this.statement(shape.remove).run(key);
      } else {
        const body = encodeStored(change.doc);
        // A UTF-16 unit is at most 3 UTF-8 bytes: most documents are cleared without measuring.
        if (body.length * 3 > MAX_DOCUMENT_BYTES && Buffer.byteLength(body) > MAX_DOCUMENT_BYTES) {
          throw new CloudError(
            DOCUMENT_TOO_LARGE,
            `document ${key} of ${change.collection} would be ${Buffer.byteLength(body)} bytes, over the ${MAX_DOCUMENT_BYTES}-byte document limit`,
          );
        }
        const keys = this.keysOf(shape, change.doc);
        // An update that leaves the indexed fields as they were sets only `body` and `version`, which no
        // index reads, so SQLite maintains no index; otherwise (a new document, or indexed fields changed)
        // the row is written whole.
        if (change.fresh) {
          try {
            this.statement(shape.create).run(key, body, seq, ...this.indexedValues(shape, keys));
          } catch (err) {
            if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw duplicateId(change.collection, change.id);
            throw err;
          }
          continue;
        }
        const kept = this.statement(shape.keep).run(body, seq, key, keys?.text ?? null).changes;
        if (!kept) this.statement(shape.insert).run(key, body, seq, ...this.indexedValues(shape, keys));
      }
    }
    return seq;
  }
}

/** Index entries a plan choice counts at most per candidate plan (see `Store.choosePlan`). */
const PLAN_PROBE_ROWS = 1000;

/** The SQL of a plan: equality on the prefix, and the next field's condition if any. */
function planSql(
  plan: Plan,
  conditions: Map<string, Condition>,
): { where: string; params: Array<string | number | Buffer>; equalWhere: string; equalParams: Array<string | number | Buffer> } {
  const equal = plan.index.fields.slice(0, plan.prefix).map((f) => conditionSql(f.key, conditions.get(f.field) as Condition));
  const equalWhere = equal.map((p) => p.sql).join(' AND ') || '1';
  const equalParams = equal.flatMap((p) => p.params);
  const ranged = plan.next ? conditionSql(plan.index.fields[plan.prefix].key, plan.next) : undefined;
  return { where: ranged ? `${equalWhere} AND ${ranged.sql}` : equalWhere, params: [...equalParams, ...(ranged?.params ?? [])], equalWhere, equalParams };
}

/**
 * Adds a row read through an index to a query's candidates unless another read of the plan added it. At module
 * level, not a closure per query: see `scalarId` in planner.ts.
 */
function addRow(out: Array<{ r: number; doc: Doc }>, seen: Set<string>, stats: QueryStats, row: Row): void {
  if (seen.has(row.id)) return;
  seen.add(row.id);
  stats.rowsScanned += 1;
  out.push({ r: row.r, doc: decodeStored(row.body) });
}

/**
 * Candidates in insertion order, as a scan reads them: mingo's sort is stable, so ties then come out in
 * the same order with or without an index.
 */
function inRowOrder<T extends { r: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.r - b.r);
}
