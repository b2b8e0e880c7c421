/** Drives the database service's protocol actions directly (no HTTP), with EJSON on the wire like the SDK. */
import { EJSON } from 'bson';
import { CollectionDeclaration, DatabaseService, openDatabase } from '../../../emulator/db';
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
