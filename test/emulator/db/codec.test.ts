/**
 * The local cloud parses and writes EJSON without bson's per-value walk (emulator/db/codec.ts): the same values,
 * texts and errors as bson's EJSON.parse (relaxed) and EJSON.stringify (relaxed for storage, canonical for
 * answers), shown here side by side on the SDK's shapes, every EJSON type, malformed input and generated
 * documents.
 */
import { Binary, BSONRegExp, Code, DBRef, Decimal128, Double, EJSON, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { decodeWire, encodeAnswer, encodeStored, parseEjson } from '../../../emulator/db/codec';

/** What a call returns or throws, so that errors compare by class and message. */
function outcome(call: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: call() };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

function sameParse(text: string): void {
  const ours = outcome(() => parseEjson(text));
  const bsons = outcome(() => EJSON.parse(text, { relaxed: true }));
  expect(ours).toStrictEqual(bsons);
}

function sameStringify(value: unknown): void {
  for (const relaxed of [true, false]) {
    const bsons = outcome(() => EJSON.stringify(value as object, { relaxed }));
    const ours = outcome(() => (relaxed ? encodeStored(value as Record<string, unknown>) : encodeAnswer(value)));
    expect(ours).toStrictEqual(bsons);
  }
}

/** What the SDK sends (canonical EJSON of its queries, updates and new documents) and what a data folder stores. */
const TEXTS = [
  '{"_id":"bench-1"}',
  '{"$set":{"seen":{"$numberInt":"1"}}}',
  '{"_id":"a","name":"压测","departmentId":"d1","active":true,"roles":[],"score":{"$numberDouble":"1.5"},"big":{"$numberLong":"9007199254740993"}}',
  '{"at":{"$date":{"$numberLong":"1796646777242"}},"when":{"$date":"2026-12-07T12:00:00Z"},"neg":{"$date":{"$numberLong":"-5"}}}',
  '{"due":{"$tcb_server_date":{"offset":{"$numberInt":"1000"}}}}',
  '{"name":{"$regularExpression":{"pattern":"^a","options":"i"}}}',
  '{"name":{"$regex":"^a","$options":"i"}}',
  '{"a":{"$gt":{"$numberInt":"3"},"$lte":{"$numberDouble":"-0.0"}},"$or":[{"b":{"$in":[{"$numberInt":"1"},"x",null]}},{"c":{"$exists":false}}]}',
  '{"$inc":{"n":{"$numberInt":"-2"}},"$push":{"list":{"$each":[{"$numberInt":"1"},{"k":"v"}]}}}',
  '{"n":{"$numberDouble":"Infinity"},"m":{"$numberDouble":"-Infinity"},"o":{"$numberDouble":"NaN"},"p":{"$numberInt":"12abc"}}',
  '{"n":{"$numberInt":7},"m":{"$numberDouble":2.5},"k":{"$numberInt":"1","other":2},"l":{"$numberInt":null}}',
  '{"oid":{"$oid":"5f1d7a9b2c3e4f5a6b7c8d9e"},"bin":{"$binary":{"base64":"AQID","subType":"00"}},"uuid":{"$uuid":"c8edabc3-f738-4ca3-b68d-ab92a91478a4"}}',
  '{"dec":{"$numberDecimal":"1.10"},"ts":{"$timestamp":{"t":1,"i":2}},"min":{"$minKey":1},"max":{"$maxKey":1},"sym":{"$symbol":"s"}}',
  '{"code":{"$code":"x"},"ref":{"$ref":"c","$id":"i"},"ptr":{"$dbPointer":{"$ref":"c","$id":{"$oid":"5f1d7a9b2c3e4f5a6b7c8d9e"}}},"u":{"$undefined":true}}',
  '{"id":{"$id":"only"},"r":{"$ref":"only"},"d":{"$date":null},"e":{"$date":{}}}',
  '{"a":{"b":{"c":[[{"$numberInt":"1"}],{"d":{"$date":{"$numberLong":"0"}}}]}}}',
  '{"__proto__":{"x":{"$numberInt":"1"}},"constructor":{"$numberInt":"2"}}',
  '{"__proto__":{"$numberInt":"1"}}',
  '{"a\\u0000b":1}',
  '{"x":{"$date":{}},"a\\u0000b":1}',
  '{"a\\u0000b":1,"x":{"$date":{}}}',
  '{"x":{"a\\u0000":{"$numberInt":"1"}}}',
  '{"$numberInt":"5"}',
  '[{"$numberInt":"1"},{"$numberDouble":"2"},"s",true,null,{"a":[]}]',
  '"text"',
  '42',
  'null',
  '{"a":',
  '',
  '{"a":1}x',
  '{"10":{"$numberInt":"1"},"2":"b","a":"c"}',
];

test.each(TEXTS)('parses %s as bson does', (text) => sameParse(text));

test('stores and answers the values a document holds as bson writes them', () => {
  const values: unknown[] = [
    { _id: 'a', name: '压测', n: 1, d: 1.5, neg: -0, big: 2 ** 40, huge: 2 ** 70, inf: Infinity, ninf: -Infinity, nan: Number.NaN, t: true, f: false, z: null },
    {
      at: new Date(Date.UTC(2026, 11, 7, 12, 0, 0)),
      ms: new Date(Date.UTC(2026, 11, 7, 12, 0, 0, 5)),
      old: new Date(-5),
      far: new Date(253402300800000),
      bad: new Date(Number.NaN),
    },
    { list: [1, 'a', [2, [3]], { b: undefined }, undefined, null], u: undefined },
    { nested: { deeper: { deepest: [{ x: -1 }, { y: 2 ** 31 }, { z: -(2 ** 31) - 1 }] } } },
    { re: /^a/i, bre: new BSONRegExp('^b', 'm') },
    { oid: new ObjectId('5f1d7a9b2c3e4f5a6b7c8d9e'), long: Long.fromString('9007199254740993'), i: new Int32(3), dbl: new Double(2) },
    { dec: Decimal128.fromString('1.10'), ts: new Timestamp({ t: 1, i: 2 }), min: new MinKey(), max: new MaxKey(), bin: new Binary(Buffer.from([1, 2])) },
    { code: new Code('x'), ref: new DBRef('c', new ObjectId('5f1d7a9b2c3e4f5a6b7c8d9e')) },
    { map: new Map([['a', 1]]) },
    { fn: () => 1, sym: Symbol('s'), big: BigInt(5) },
    { _bsontype: 'Int32', value: 1 },
    Object.assign(Object.create(null), { a: 1, b: [2] }),
    JSON.parse('{"__proto__":{"x":1},"y":2}'),
    { '10': 1, '2': 2, a: 3 },
    [1, { a: 2 }],
    'text',
    7,
    null,
  ];
  for (const value of values) sameStringify(value);
});

test('documents of every shape round-trip as bson parses and writes them', () => {
  // A small deterministic generator (a linear congruential sequence): the same documents on every run.
  let seed = 15;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const leaf = (): unknown => {
    switch (next(9)) {
      case 0:
        return next(2) ? next(1000) - 500 : (next(100000) - 50000) / 7;
      case 1:
        return `s${next(100)}${next(2) ? '$' : '中'}`;
      case 2:
        return next(2) === 1;
      case 3:
        return null;
      case 4:
        return new Date(Date.UTC(1960 + next(100), next(12), 1 + next(28), next(24), 0, 0, next(2) ? 0 : next(1000)));
      case 5:
        return 2 ** (30 + next(40)) * (next(2) ? 1 : -1);
      case 6:
        return [next(10), 'x'];
      default:
        return `v${next(10)}`;
    }
  };
  const value = (depth: number): unknown => {
    if (depth > 3 || next(3) === 0) return leaf();
    if (next(4) === 0) return Array.from({ length: next(4) }, () => value(depth + 1));
    const doc: Record<string, unknown> = {};
    for (let i = next(5); i > 0; i -= 1) doc[next(3) ? `f${next(20)}` : `$k${next(3)}`] = value(depth + 1);
    return doc;
  };
  for (let i = 0; i < 400; i += 1) {
    const doc = { _id: `d${i}`, ...(value(0) as object) };
    sameStringify(doc);
    const canonical = EJSON.stringify(doc, { relaxed: false });
    const relaxed = EJSON.stringify(doc, { relaxed: true });
    sameParse(canonical);
    sameParse(relaxed);
  }
});

/**
 * What decodeWire made of a text when every value was copied on its way out (the definition it keeps): the parsed
 * value with BSON regular expressions as RegExp, server dates as the time plus their offset, invalid dates refused,
 * and each object rebuilt by assignment (so a `__proto__` field becomes the copy's prototype).
 */
function copiedOut(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => copiedOut(item, now));
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('invalid date');
    return value;
  }
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options);
  if (typeof value !== 'object' || value === null || ![Object.prototype, null].includes(Object.getPrototypeOf(value))) return value;
  const doc = value as Record<string, unknown>;
  const keys = Object.keys(doc);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') return new Date(now + ((doc.$tcb_server_date as { offset?: number }).offset ?? 0));
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = copiedOut(doc[key], now);
  return out;
}

test.each([
  ...TEXTS.filter((text) => outcome(() => EJSON.parse(text, { relaxed: true })).value !== undefined),
  '{"__proto__":{"a":1},"b":2}',
  '{"x":{"__proto__":[1]},"y":{"$date":{"$numberLong":"5"}}}',
  '{"$set":{"seen":{"$numberInt":"1"}},"$push":{"l":{"$each":[{"a":{"$regularExpression":{"pattern":"x","options":"i"}}}]}}}',
])('decodes %s as the copy of every value did', (text) => {
  const now = 1_796_646_777_242;
  const ours = outcome(() => decodeWire(text, 'query', now));
  const copied = outcome(() => copiedOut(EJSON.parse(text, { relaxed: true }), now));
  expect(ours.error === undefined).toBe(copied.error === undefined);
  if (ours.error === undefined) {
    expect(ours.value).toStrictEqual(copied.value);
    const proto = (value: unknown) => (typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined);
    expect(proto(ours.value)).toStrictEqual(proto(copied.value));
  }
});
