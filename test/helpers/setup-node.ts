/**
 * Runs after every backend test file: a query that the local cloud served by a scan of a large collection
 * (and that the test did not provoke and take on purpose) fails the file, naming the index to declare.
 */
import { takeUnexpectedUnindexedQueries } from './test-clouds';

afterAll(() => {
  const unexpected = takeUnexpectedUnindexedQueries();
  if (unexpected.length)
    throw new Error(`the local cloud served ${unexpected.length} quer${unexpected.length === 1 ? 'y' : 'ies'} without an index:\n${unexpected.join('\n')}`);
});
