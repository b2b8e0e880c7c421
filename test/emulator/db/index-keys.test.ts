/**
 * The index columns computed in JavaScript when a row is written (emulator/db/index-keys.ts `indexEntry`) hold
 * what the SQL definition over the `keys` column (`keyExpressions`, SQLite's JSON functions) computes, over
 * generated documents: dates of 20 and 24 characters and look-alikes, empty and filled arrays on the path and
 * at its end, nested paths through arrays, booleans, nulls, numbers, strings and other objects.
 * One difference, on purpose: SQLite's conversion of a JSON number's text to a double is not always the nearest
 * double (it can be one or two units in the last place off for magnitudes far from 1), where JavaScript's is;
 * the column holds the document's own number, which is what a query's bound parameter is compared with.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { indexEntry, indexField, type Json, keyExpressions } from '../../../emulator/db/index-keys';

const FIELDS = ['a', 'a.b', 'a.b.c', 'x'];

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'a', '0', '2024-01-01T00:00:00Z'));
const dateLike: fc.Arbitrary<Json> = fc.oneof(
  // As relaxed EJSON stores dates: with and without milliseconds, or as $numberLong outside 1970-9999.
  fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => ({ $date: d.toISOString() })),
  fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => ({ $date: `${d.toISOString().slice(0, 19)}Z` })),
  fc.integer().map((n) => ({ $date: { $numberLong: String(n) } })),
  // Look-alikes: other lengths, other characters of the right length, another key beside it.
  fc.string({ minLength: 18, maxLength: 26 }).map((s) => ({ $date: s })),
  fc.string({ unit: 'grapheme', minLength: 19, maxLength: 25 }).map((s) => ({ $date: s })),
  fc
    .constantFrom(
      'aaaaaaaaaaaaaaaaaaa\n',
      'aaaaaaaaaaaaaaaaaaaaaaa\u0000',
      'aaaaaaaaaaaaaaaaaaa\u0000bbbb',
      'aaaaaaaaaaaaaaaaaaaa\u0000bbb',
      '2024-01-01T00:00:00é',
    )
    .map((s) => ({ $date: s })),
  fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => ({ $date: d.toISOString(), other: 1 })),
);
const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 2 ** 53 + 2, 2 ** 63, 1e21, -1e-7),
  text,
  dateLike,
);
const value: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'x', '$date'), tie('node'), { maxKeys: 3 }),
  ),
})).node;
const documents = fc.dictionary(fc.constantFrom('a', 'x', '_id'), value, { maxKeys: 3 });

test('the JavaScript index entry of every field equals the SQL expressions over the stored JSON', () => {
  const db = new Database(':memory:');
  try {
    const statements = FIELDS.map((field) => {
      const { key, marks } = keyExpressions(field);
      return { field: indexField(field), select: db.prepare(`SELECT ${key} AS key, ${marks} AS marks FROM (SELECT ? AS keys)`) };
    });
    fc.assert(
      fc.property(documents, (doc) => {
        const stored = JSON.stringify(doc);
        const tree = JSON.parse(stored) as Json;
        for (const { field, select } of statements) {
          const expected = select.get(stored) as { key: unknown; marks: number };
          const entry = indexEntry(tree, field);
          if (typeof entry.key === 'number' && typeof expected.key === 'number' && entry.key !== expected.key) {
            expect(Math.abs(entry.key - expected.key)).toBeLessThanOrEqual(Math.abs(entry.key) * 4 * Number.EPSILON);
            expected.key = entry.key;
          }
          expect({ field: field.field, ...entry }).toEqual({ field: field.field, key: expected.key, marks: expected.marks });
        }
      }),
      { numRuns: 3000 },
    );
  } finally {
    db.close();
  }
});
