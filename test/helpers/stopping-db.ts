/** A database that stops answering after some operations, as a function stopped there (timeout, crash) would. */
import type { Database } from '../../server/core';

/** The SDK calls that send one request to the database. */
const TERMINAL = new Set(['get', 'update', 'set', 'add', 'remove', 'count', 'end']);

/** A database whose operations fail from the `after`+1st on (`after` = Infinity: a counting database). */
export function stoppingDb(db: Database, after: number) {
  let operations = 0;
  const inFlight = new Set<Promise<unknown>>();
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (TERMINAL.has(property as string)) {
            operations += 1;
            if (operations > after) return Promise.reject(new Error('stopped'));
            const result = value.apply(object, args) as Promise<unknown>;
            inFlight.add(result);
            return result;
          }
          const result = value.apply(object, args);
          return result !== null && typeof result === 'object' && !(result instanceof Promise) ? wrap(result as object) : result;
        };
      },
    });
  return {
    db: wrap(db),
    operations: () => operations,
    /** Operations sent before the stop still complete (as they would on the database). */
    settled: async () => {
      await Promise.allSettled([...inFlight]);
    },
  };
}
