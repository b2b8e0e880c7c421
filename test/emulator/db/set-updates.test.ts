/**
 * An update that only `$set`s top-level fields is applied by emulator/db/matcher.ts without going through mingo's
 * update operators, with mingo's own equality and deep copy. Here both ways side by side over generated documents
 * and updates: `{ $set }` alone takes the short way; the same `$set` beside an empty `$inc` (which changes nothing)
 * takes mingo's. Same document, same field order, same errors, and no value shared with the update.
 */
import { cloneValue } from '../../../emulator/db/codec';
import { applyUpdate } from '../../../emulator/db/matcher';

type Doc = Record<string, unknown>;

/**
 * A value written out in full: key order, undefined, -0, NaN, dates and prototypes included (toStrictEqual would
 * compare a field named `constructor` as the objects' constructors).
 */
function written(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[${value.map(written).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? '' : '(other prototype)';
    return `${proto}{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${written((value as Doc)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Sets an own property, `__proto__` included (as JSON.parse makes it). */
function put(target: Doc, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function outcome(call: () => Doc): { value?: Doc; written?: string; error?: string } {
  try {
    const value = call();
    return { value, written: written(value) };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

test('a $set of top-level fields gives what mingo’s $set gives, over generated documents and updates', () => {
  // A small deterministic generator (a linear congruential sequence): the same cases on every run.
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // The high bits: the low bits of this sequence repeat with short periods.
    return Math.floor(seed / 65536) % n;
  };
  const pick = <T>(list: readonly T[]): T => list[next(list.length)];
  const value = (depth: number): unknown => {
    switch (next(depth > 1 ? 7 : 9)) {
      case 0:
        return next(5) - 2;
      case 1:
        return pick(['a', 'b', '', '中']);
      case 2:
        return next(2) === 1;
      case 3:
        return null;
      case 4:
        return new Date(Date.UTC(2026, 0, 1 + next(3)));
      case 5:
        return pick([0.5, -0, Number.NaN, 2 ** 40]);
      case 6:
        return undefined;
      case 7:
        return Array.from({ length: next(3) }, () => value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: next(3) }, () => [pick(['x', 'y', 'z']), value(depth + 1)]));
    }
  };
  const fields = ['a', 'b', 'c', 'seen', 'name', 'constructor', 'toString', 'hasOwnProperty', '10', '2', '_id', '__proto__', '', 'a.b', '$x', 'a$'];
  let short = 0;
  for (let round = 0; round < 3000; round += 1) {
    const doc: Doc = { _id: `d${round}` };
    for (let i = next(5); i > 0; i -= 1) put(doc, pick(fields.slice(0, 5)), value(0));
    const set: Doc = {};
    for (let i = 1 + next(3); i > 0; i -= 1) {
      const field = next(6) ? pick(fields.slice(0, 10)) : pick(fields);
      // Half the time the value already there, or an equal copy of it.
      put(set, field, next(2) && Object.hasOwn(doc, field) ? cloneValue(doc[field]) : value(0));
    }
    const ours = outcome(() => applyUpdate(doc, { $set: set }, {}));
    const mingos = outcome(() => applyUpdate(doc, { $set: set, $inc: {} }, {}));
    expect({ doc: written(doc), set: written(set), result: ours.written ?? ours.error }).toEqual({
      doc: written(doc),
      set: written(set),
      result: mingos.written ?? mingos.error,
    });
    if (ours.value) {
      short += 1;
      for (const [field, given] of Object.entries(set)) {
        if (typeof given === 'object' && given !== null && Object.hasOwn(ours.value, field)) expect(ours.value[field]).not.toBe(given);
      }
    }
  }
  expect(short).toBeGreaterThan(1500);
});
