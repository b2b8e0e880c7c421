/**
 * Runs before every backend test file. Its tests may take 30 s of wall time, as mini-program tests may
 * (test/miniprogram/setup.ts): jest runs a worker per core, beside the local clouds' function instances and
 * whatever else the machine runs, so a test's wall time says little about its cost; a hang still fails.
 * Files that need longer set their own.
 *
 * After every backend test file: a query that the local cloud served by a scan of a large collection
 * (and that the test did not provoke and take on purpose) fails the file, naming the index to declare.
 */
import { takeUnexpectedUnindexedQueries } from './test-clouds';

jest.setTimeout(30_000);

afterAll(() => {
  const unexpected = takeUnexpectedUnindexedQueries();
  if (unexpected.length)
    throw new Error(`the local cloud served ${unexpected.length} quer${unexpected.length === 1 ? 'y' : 'ies'} without an index:\n${unexpected.join('\n')}`);
});
