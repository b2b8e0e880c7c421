/** Drives the database service's protocol actions directly (no HTTP), with EJSON on the wire like the SDK. */
import fs from 'node:fs';
import { EJSON } from 'bson';
import { type CollectionDeclaration, type DatabaseService, type IndexDeclaration, openDatabase } from '../../../emulator/db';
import { makeTempDir } from '../../helpers/local-cloud';

export const wire = (value: unknown): string => EJSON.stringify(value as Record<string, unknown>, { relaxed: false });

export interface DirectDb {
  service: DatabaseService;
  dataDir: string;
  call(action: string, params: Record<string, unknown>): Promise<unknown>;
  query(collection: string, filter: unknown, extra?: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
}

export function openDirect(collections: CollectionDeclaration[], dataDir = makeTempDir('weike-db-')): DirectDb {
  const service = openDatabase({ dataDir, collections });
  const call = (action: string, params: Record<string, unknown>) => service.actions[action](params, { envName: 'local', requestId: 'test' });
  return {
    service,
    dataDir,
    call,
    async query(collection, filter, extra = {}) {
      const answer = (await call('database.getDocument', { collectionName: collection, query: wire(filter), limit: 1000, ...extra })) as { list: string[] };
      return answer.list.map((item) => EJSON.parse(item) as Record<string, unknown>);
    },
  };
}

/**
 * The same documents in a collection with `indexes` and in one without: a plan's answers are compared with
 * a scan's. Opens before the file's tests and closes (deleting the data) after them.
 */
export function useIndexedAndPlain(indexed: string, plain: string, indexes: IndexDeclaration[], docs: () => Array<Record<string, unknown>>): DirectDb {
  let db: DirectDb | undefined;
  beforeAll(() => {
    db = openDirect([{ name: indexed, indexes }, { name: plain }]);
    const all = docs();
    db.service.insertDocuments(indexed, all);
    db.service.insertDocuments(plain, all);
  });
  afterAll(() => {
    db?.service.close();
    if (db) fs.rmSync(db.dataDir, { recursive: true, force: true });
  });
  return new Proxy({} as DirectDb, {
    get(_target, key) {
      if (!db) throw new Error('the database opens in beforeAll: use it inside tests');
      return Reflect.get(db, key);
    },
  });
}
