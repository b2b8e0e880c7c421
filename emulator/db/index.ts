/** Placeholder contract, replaced by the database service: SQLite storage with MongoDB semantics. */
import { ActionTable } from '../protocol';

export interface DatabaseOptions {
  dataDir: string;
}

export interface DatabaseService {
  actions: ActionTable;
  close(): void;
}

export function openDatabase(_options: DatabaseOptions): DatabaseService {
  return { actions: {}, close() {} };
}
