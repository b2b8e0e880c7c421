/**
 * Conformance: every aggregation expression operator of `db.command.aggregate`, each evaluated in a `project`
 * stage over one document, through both server SDKs. Each category is one aggregate request; each operator
 * is its own case.
 *
 * References: the operator pages under https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/
 * (AggregateCommand.abs.html, ... one page per operator) and https://docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate .
 * Where a page gives no example result for an edge (negative indexes, week numbering), the expected values are
 * MongoDB's: https://www.mongodb.com/docs/manual/reference/operator/aggregation/
 * `meta` (text-search score) is left out: CloudBase documents no text index to score against.
 */
import { type Collection, type Doc, forEachSdk, seedCollection } from './harness';

type Ops = Record<string, (...args: unknown[]) => unknown>;
/** Each case: the expression (built with `db.command.aggregate`) and its value over DOC. */
type Cases = Record<string, [build: ($: Ops) => unknown, expected: unknown]>;

/** Tuesday 5 March 2024, 06:07:08.009 UTC (14:07 in Beijing). */
const WHEN = new Date('2024-03-05T06:07:08.009Z');
const DOC: Doc = {
  _id: 'x',
  n: -2.5,
  a: 7,
  b: 2,
  arr: [1, 2, 3],
  s: 'Hello',
  cn: '中文',
  d: WHEN,
  t: true,
  f: false,
  obj: { k: 1 },
  pairs: [
    ['k', 1],
    ['m', 2],
  ],
  nil: null,
};

const CATEGORIES: Record<string, Cases> = {
  arithmetic: {
    abs: [($) => $.abs('$n'), 2.5],
    add: [($) => $.add(['$a', '$b']), 9],
    ceil: [($) => $.ceil('$n'), -2],
    divide: [($) => $.divide(['$a', '$b']), 3.5],
    exp: [($) => $.exp(0), 1],
    floor: [($) => $.floor('$n'), -3],
    ln: [($) => $.ln(1), 0],
    log: [($) => $.log([8, 2]), 3],
    log10: [($) => $.log10(100), 2],
    mod: [($) => $.mod(['$a', '$b']), 1],
    multiply: [($) => $.multiply(['$a', '$b']), 14],
    pow: [($) => $.pow(['$b', 10]), 1024],
    sqrt: [($) => $.sqrt(16), 4],
    subtract: [($) => $.subtract(['$a', '$b']), 5],
    trunc: [($) => $.trunc('$n'), -2],
  },
  array: {
    arrayElemAt: [($) => $.arrayElemAt(['$arr', -1]), 3],
    arrayToObject: [($) => $.arrayToObject('$pairs'), { k: 1, m: 2 }],
    concatArrays: [($) => $.concatArrays(['$arr', [4]]), [1, 2, 3, 4]],
    filter: [($) => $.filter({ input: '$arr', as: 'x', cond: $.gt(['$$x', 1]) }), [2, 3]],
    in: [($) => $.in([2, '$arr']), true],
    indexOfArray: [($) => $.indexOfArray(['$arr', 3]), 2],
    isArray: [($) => $.isArray('$arr'), true],
    map: [($) => $.map({ input: '$arr', as: 'x', in: $.multiply(['$$x', 10]) }), [10, 20, 30]],
    objectToArray: [($) => $.objectToArray('$obj'), [{ k: 'k', v: 1 }]],
    range: [($) => $.range([0, 6, 2]), [0, 2, 4]],
    reduce: [($) => $.reduce({ input: '$arr', initialValue: 0, in: $.add(['$$value', '$$this']) }), 6],
    reverseArray: [($) => $.reverseArray('$arr'), [3, 2, 1]],
    size: [($) => $.size('$arr'), 3],
    slice: [($) => $.slice(['$arr', 1, 1]), [2]],
    zip: [
      ($) => $.zip({ inputs: ['$arr', ['a', 'b']] }),
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
  },
  booleanAndComparison: {
    and: [($) => $.and(['$t', '$f']), false],
    not: [($) => $.not(['$f']), true],
    or: [($) => $.or(['$t', '$f']), true],
    cmp: [($) => $.cmp(['$a', '$b']), 1],
    eq: [($) => $.eq(['$a', 7]), true],
    gt: [($) => $.gt(['$a', 7]), false],
    gte: [($) => $.gte(['$a', 7]), true],
    lt: [($) => $.lt(['$b', '$a']), true],
    lte: [($) => $.lte(['$a', 6]), false],
    // The SDK sends `neq` as MongoDB's `$ne`.
    neq: [($) => $.neq(['$a', 7]), false],
  },
  conditional: {
    // biome-ignore lint/suspicious/noThenProperty: `then` is the operator's documented argument name
    cond: [($) => $.cond({ if: $.gt(['$a', 5]), then: 'big', else: 'small' }), 'big'],
    ifNull: [($) => $.ifNull(['$nil', 'fallback']), 'fallback'],
    switch: [
      ($) =>
        $.switch({
          branches: [
            // biome-ignore lint/suspicious/noThenProperty: `then` is the operator's documented argument name
            { case: $.lt(['$a', 5]), then: 'low' },
            // biome-ignore lint/suspicious/noThenProperty: `then` is the operator's documented argument name
            { case: $.lt(['$a', 10]), then: 'mid' },
          ],
          default: 'high',
        }),
      'mid',
    ],
  },
  date: {
    dateFromParts: [($) => $.dateFromParts({ year: 2024, month: 3, day: 5 }), new Date('2024-03-05T00:00:00.000Z')],
    dateFromString: [($) => $.dateFromString({ dateString: '2024-03-05T06:07:08.009Z' }), WHEN],
    dateToString: [($) => $.dateToString({ date: '$d', format: '%Y-%m-%d %H:%M:%S' }), '2024-03-05 06:07:08'],
    dayOfMonth: [($) => $.dayOfMonth('$d'), 5],
    // Sunday is 1.
    dayOfWeek: [($) => $.dayOfWeek('$d'), 3],
    dayOfYear: [($) => $.dayOfYear('$d'), 65],
    hour: [($) => $.hour('$d'), 6],
    // Beijing time, the project's day boundary: a timezone moves the hour.
    hourInBeijing: [($) => $.hour({ date: '$d', timezone: 'Asia/Shanghai' }), 14],
    isoDayOfWeek: [($) => $.isoDayOfWeek('$d'), 2],
    isoWeek: [($) => $.isoWeek('$d'), 10],
    isoWeekYear: [($) => $.isoWeekYear('$d'), 2024],
    // The ISO week-numbering year is the year of the week's Thursday.
    isoWeekYearAtYearEnd: [($) => $.isoWeekYear(new Date('2025-12-29T12:00:00.000Z')), 2026],
    isoWeekYearAtYearStart: [($) => $.isoWeekYear(new Date('2027-01-01T12:00:00.000Z')), 2026],
    millisecond: [($) => $.millisecond('$d'), 9],
    minute: [($) => $.minute('$d'), 7],
    month: [($) => $.month('$d'), 3],
    second: [($) => $.second('$d'), 8],
    // Weeks start on Sunday; days before the year's first Sunday are week 0 (7 January 2024 starts week 1).
    week: [($) => $.week('$d'), 9],
    weekBeforeTheFirstSunday: [($) => $.week(new Date('2024-01-06T12:00:00.000Z')), 0],
    weekOfTheFirstSunday: [($) => $.week(new Date('2024-01-07T12:00:00.000Z')), 1],
    year: [($) => $.year('$d'), 2024],
  },
  objectsAndLiterals: {
    literal: [($) => $.literal('$a'), '$a'],
    mergeObjects: [($) => $.mergeObjects(['$obj', { m: 2 }]), { k: 1, m: 2 }],
    let: [($) => $.let({ vars: { x: '$a' }, in: $.add(['$$x', 1]) }), 8],
  },
  set: {
    allElementsTrue: [($) => $.allElementsTrue([[true, 1]]), true],
    anyElementTrue: [($) => $.anyElementTrue([[false, 0, 1]]), true],
    setDifference: [($) => $.setDifference(['$arr', [1]]), [2, 3]],
    setEquals: [($) => $.setEquals(['$arr', [3, 2, 1, 1]]), true],
    setIntersection: [($) => $.setIntersection(['$arr', [2, 5]]), [2]],
    setIsSubset: [($) => $.setIsSubset([[1], '$arr']), true],
    // A set's order is unspecified: sorted here by an outer expression-free comparison below.
    setUnion: [($) => $.setUnion(['$arr', [4, 1]]), [1, 2, 3, 4]],
  },
  string: {
    concat: [($) => $.concat(['$s', '!']), 'Hello!'],
    indexOfBytes: [($) => $.indexOfBytes(['$s', 'l']), 2],
    // Bytes of UTF-8, not characters: '文' starts at byte 3.
    indexOfBytesUtf8: [($) => $.indexOfBytes(['$cn', '文']), 3],
    indexOfCP: [($) => $.indexOfCP(['$cn', '文']), 1],
    split: [($) => $.split(['a,b', ',']), ['a', 'b']],
    // UTF-8: each of these two characters is three bytes.
    strLenBytes: [($) => $.strLenBytes('$cn'), 6],
    strLenCP: [($) => $.strLenCP('$cn'), 2],
    strcasecmp: [($) => $.strcasecmp(['$s', 'HELLO']), 0],
    substr: [($) => $.substr(['$s', 1, 3]), 'ell'],
    substrBytes: [($) => $.substrBytes(['$cn', 3, 3]), '文'],
    substrCP: [($) => $.substrCP(['$cn', 1, 1]), '文'],
    toLower: [($) => $.toLower('$s'), 'hello'],
    toUpper: [($) => $.toUpper('$s'), 'HELLO'],
  },
};

/** Sets come back in no particular order. */
const UNORDERED = new Set(['setDifference', 'setIntersection', 'setUnion']);

forEachSdk((env) => {
  let col: Collection;
  beforeAll(async () => {
    col = await seedCollection(env.db, 'expr', [DOC]);
  });

  describe.each(Object.entries(CATEGORIES))('%s operators', (_category, cases) => {
    let row: Doc;
    beforeAll(async () => {
      const $ = env._.aggregate as unknown as Ops;
      const projection = Object.fromEntries(Object.entries(cases).map(([name, [build]]) => [name, build($)]));
      const { list } = await col
        .aggregate()
        .project({ _id: 0, ...projection })
        .end();
      row = list[0]!;
    });

    test.each(Object.entries(cases))('%s', (name, [, expected]) => {
      const value = UNORDERED.has(name) ? (row[name] as number[]).slice().sort() : row[name];
      expect(value).toEqual(expected);
    });
  });
});
