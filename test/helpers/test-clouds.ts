/**
 * The test clouds of the running test file, for the file-level check in test/helpers/setup-node.ts. Kept on
 * the global object so that a fresh module registry (jest.isolateModules) still reaches the one list, and
 * apart from local-cloud.ts so that the check loads nothing of the local cloud in files that start none.
 */
import type { DatabaseService, UnindexedQuery } from '../../emulator/db';
import { unindexedWarning } from '../../emulator/stats';

const REGISTRY = Symbol.for('weike.testClouds');
type Registry = Array<{ database: Pick<DatabaseService, 'takeUnindexedQueries'> }>;
const registry = (): Registry => ((globalThis as Record<symbol, Registry | undefined>)[REGISTRY] ??= []);

export function registerTestCloud(cloud: Registry[number]): void {
  registry().push(cloud);
}

/**
 * Takes the unindexed queries (emulator/stats.ts) recorded by every test cloud of this file, as messages. A
 * test that provokes one on purpose takes it first (`cloud.database.takeUnindexedQueries()`), so whatever is
 * left came from the product's own code.
 */
export function takeUnexpectedUnindexedQueries(): string[] {
  return registry()
    .splice(0)
    .flatMap((cloud) => cloud.database.takeUnindexedQueries())
    .map((query: UnindexedQuery) => unindexedWarning(query));
}
