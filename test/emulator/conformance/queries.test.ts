/**
 * Conformance: every query command of `db.command` through both server SDKs, on edge data (missing
 * fields, null, arrays, nested objects, mixed types).
 *
 * Reference: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Command.html
 * (one page per command, e.g. .../database/command/Command.eq.html) and the CloudBase operator list
 * https://docs.cloudbase.net/api-reference/server/node-sdk/database/command . Where those pages are silent
 * (null versus missing, array traversal, comparison across types) the expected results are MongoDB's, which
 * is what CloudBase's document database runs: https://www.mongodb.com/docs/manual/reference/operator/query/
 */
import { type Collection, type Doc, idsOf, orderedIds, seedCollection, forEachSdk } from './harness';

forEachSdk((env) => {
  const EDGE_DOCS: Doc[] = [
    {
      _id: 'a',
      n: 1,
      s: 'apple',
      tags: ['x', 'y'],
      nested: { k: 1, deep: { v: 'p' } },
      items: [
        { q: 1, w: 'a' },
        { q: 5, w: 'b' },
      ],
      mixed: 1,
    },
    { _id: 'b', n: 5, s: 'Banana', tags: ['y'], nested: { k: 2 }, items: [{ q: 2, w: 'c' }], mixed: '1' },
    { _id: 'c', n: null, s: 'cherry', tags: [], nested: null, mixed: null },
    { _id: 'd', s: 'date', tags: ['x', 'y', 'z'], mixed: [1, 2] },
    { _id: 'e', n: 10, tags: 'x', nested: { k: 3, deep: { v: 'q' } }, mixed: true },
  ];

  let col: Collection;
  beforeAll(async () => {
    col = await seedCollection(env.db, 'queries', EDGE_DOCS);
  });

  async function find(condition: unknown): Promise<string[]> {
    return idsOf((await col.where(condition).get()).data);
  }

  describe('comparison commands', () => {
    // Command.eq: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.eq.html
    test('a plain value matches equal scalars and arrays containing it, never another type', async () => {
      const _ = env._;
      expect(await find({ n: 5 })).toEqual(['b']);
      expect(await find({ n: _.eq(5) })).toEqual(['b']);
      // 1 (number) does not equal '1' (string) nor true; the array [1, 2] contains 1.
      expect(await find({ mixed: 1 })).toEqual(['a', 'd']);
      expect(await find({ tags: 'x' })).toEqual(['a', 'd', 'e']);
    });

    test('eq(null) matches null and missing fields (MongoDB)', async () => {
      expect(await find({ n: env._.eq(null) })).toEqual(['c', 'd']);
    });

    test('a nested object literal matches by its fields; eq(object) needs the whole object', async () => {
      const _ = env._;
      // Documented on Command.eq: a plain object is compared field by field (the SDK flattens it to
      // `nested.k`), while eq(object) requires the field to equal the object exactly.
      expect(await find({ nested: { k: 1 } })).toEqual(['a']);
      expect(await find({ nested: _.eq({ k: 1 }) })).toEqual([]);
      expect(await find({ nested: _.eq({ k: 2 }) })).toEqual(['b']);
    });

    // Command.neq: .../database/command/Command.neq.html
    test('neq also matches documents where the field is null or missing', async () => {
      expect(await find({ n: env._.neq(5) })).toEqual(['a', 'c', 'd', 'e']);
    });

    // Command.lt/lte/gt/gte: .../database/command/Command.gt.html and siblings
    test('range commands compare within one type only', async () => {
      const _ = env._;
      expect(await find({ n: _.gt(1) })).toEqual(['b', 'e']);
      expect(await find({ n: _.gte(5) })).toEqual(['b', 'e']);
      expect(await find({ n: _.lt(5) })).toEqual(['a']);
      expect(await find({ n: _.lte(5) })).toEqual(['a', 'b']);
      // '1' (string), true and null are not numbers; the array [1, 2] has an element > 0.
      expect(await find({ mixed: _.gt(0) })).toEqual(['a', 'd']);
    });

    test('strings compare by code point (upper case sorts before lower case)', async () => {
      expect(await find({ s: env._.lt('b') })).toEqual(['a', 'b']);
    });

    test('range commands on arrays match when any element satisfies them', async () => {
      expect(await find({ 'items.q': env._.gte(5) })).toEqual(['a']);
    });

    // Command.in / Command.nin: .../database/command/Command.in.html, Command.nin.html
    test('in and nin, including null (which stands for missing as well)', async () => {
      const _ = env._;
      expect(await find({ n: _.in([1, null]) })).toEqual(['a', 'c', 'd']);
      expect(await find({ n: _.nin([1, null]) })).toEqual(['b', 'e']);
      expect(await find({ tags: _.in(['z']) })).toEqual(['d']);
      expect(await find({ tags: _.nin(['x']) })).toEqual(['b', 'c']);
    });
  });

  describe('logical commands', () => {
    // Command.and: .../database/command/Command.and.html
    test('and on one field and across fields', async () => {
      const _ = env._;
      expect(await find({ n: _.and(_.gt(1), _.lt(10)) })).toEqual(['b']);
      expect(await find(_.and([{ n: _.gt(0) }, { s: _.exists(true) }]))).toEqual(['a', 'b']);
    });

    // Command.or: .../database/command/Command.or.html
    test('or on one field and across fields', async () => {
      const _ = env._;
      expect(await find({ n: _.or(_.lt(2), _.gt(9)) })).toEqual(['a', 'e']);
      expect(await find(_.or([{ n: 1 }, { s: 'date' }]))).toEqual(['a', 'd']);
    });

    // Command.nor: .../database/command/Command.nor.html ("also matches documents without the field")
    test('nor matches documents failing every branch, missing fields included', async () => {
      const _ = env._;
      expect(await find(_.nor([{ n: 1 }, { n: 5 }]))).toEqual(['c', 'd', 'e']);
    });

    // Command.not: .../database/command/Command.not.html
    test('not inverts a field condition and so matches null and missing', async () => {
      const _ = env._;
      expect(await find({ n: _.not(_.gt(4)) })).toEqual(['a', 'c', 'd']);
    });
  });

  describe('field and array commands', () => {
    // Command.exists: .../database/command/Command.exists.html
    test('exists counts a null value as present', async () => {
      const _ = env._;
      expect(await find({ n: _.exists(true) })).toEqual(['a', 'b', 'c', 'e']);
      expect(await find({ n: _.exists(false) })).toEqual(['d']);
      expect(await find({ 'nested.deep': _.exists(true) })).toEqual(['a', 'e']);
    });

    // Command.size: .../database/command/Command.size.html
    test('size matches arrays of exactly that length, never scalars', async () => {
      const _ = env._;
      expect(await find({ tags: _.size(2) })).toEqual(['a']);
      expect(await find({ tags: _.size(0) })).toEqual(['c']);
      expect(await find({ tags: _.size(1) })).toEqual(['b']);
    });

    // Command.all: .../database/command/Command.all.html
    test('all needs every listed element', async () => {
      expect(await find({ tags: env._.all(['x', 'y']) })).toEqual(['a', 'd']);
      expect(await find({ tags: env._.all(['z']) })).toEqual(['d']);
    });

    // Command.elemMatch: .../database/command/Command.elemMatch.html
    test('elemMatch needs one element to meet every condition, unlike separate dotted conditions', async () => {
      const _ = env._;
      expect(await find({ items: _.elemMatch({ q: _.gt(1), w: 'a' }) })).toEqual([]);
      expect(await find({ items: _.elemMatch({ q: _.gt(1), w: 'b' }) })).toEqual(['a']);
      // Without elemMatch, each condition may be met by a different element of the array.
      expect(await find({ 'items.q': _.gt(1), 'items.w': 'a' })).toEqual(['a']);
    });

    // Command.mod: .../database/command/Command.mod.html (mod(divisor, remainder))
    test('mod matches numbers with that remainder and skips null and missing', async () => {
      expect(await find({ n: env._.mod(4, 1) })).toEqual(['a', 'b']);
      expect(await find({ n: env._.mod(5, 0) })).toEqual(['b', 'e']);
    });

    // Command.expr: .../database/command/Command.expr.html (aggregation expressions inside a query)
    test('expr compares fields of the same document', async () => {
      const _ = env._;
      const $ = _.aggregate;
      expect(await find(_.expr($.gt(['$n', 4])))).toEqual(['b', 'e']);
      expect(await find(_.and([{ n: _.gt(0) }, _.expr($.eq(['$n', '$nested.k']))]))).toEqual(['a']);
    });
  });

  describe('regular expressions', () => {
    // Database.RegExp: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.RegExp.html
    test('db.RegExp with options and JavaScript regex literals', async () => {
      const db = env.db;
      expect(await find({ s: db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['b']);
      expect(await find({ s: db.RegExp({ regexp: '^b' }) })).toEqual([]);
      expect(await find({ s: /an/ })).toEqual(['b']);
      expect(await find({ s: /^A/ })).toEqual([]);
      expect(await find({ s: /^A/i })).toEqual(['a']);
    });

    test('a regex matches string elements of arrays and ignores other types', async () => {
      expect(await find({ tags: /^z$/ })).toEqual(['d']);
      expect(await find({ mixed: /1/ })).toEqual(['b']);
    });
  });

  describe('paths', () => {
    test('dot notation into nested objects', async () => {
      expect(await find({ 'nested.deep.v': 'q' })).toEqual(['e']);
      expect(await find({ nested: { deep: { v: 'p' } } })).toEqual(['a']);
    });

    test('array index paths and traversal of arrays of objects', async () => {
      expect(await find({ 'items.1.q': 5 })).toEqual(['a']);
      expect(await find({ 'tags.0': 'x' })).toEqual(['a', 'd']);
      expect(await find({ 'items.q': 2 })).toEqual(['b']);
    });

    test('_id is queryable like any other field', async () => {
      expect(await find({ _id: env._.in(['a', 'e', 'zz']) })).toEqual(['a', 'e']);
    });
  });

  /**
   * Geo commands travel on the wire as MongoDB geo operators (`$nearSphere` with `$geometry`/`$maxDistance`,
   * `$geoWithin`, `$geoIntersects`), with points as GeoJSON. References:
   * .../database/command/Command.geoNear.html, Command.geoWithin.html, Command.geoIntersects.html.
   * CloudBase requires a geo index on the field for geoNear; undocumented for a local cloud, so chosen: the
   * local cloud answers geo queries without an index declaration.
   */
  describe('geo commands', () => {
    let places: Collection;
    beforeAll(async () => {
      const Geo = env.db.Geo;
      places = await seedCollection(env.db, 'geo', [
        { _id: 'canton', location: Geo.Point(113.3245, 23.1066) },
        { _id: 'tower', location: Geo.Point(113.3191, 23.1089) },
        { _id: 'shanghai', location: Geo.Point(121.4737, 31.2304) },
        { _id: 'nowhere' },
      ]);
    });

    const square = () => {
      const Geo = env.db.Geo;
      return Geo.Polygon([Geo.LineString([Geo.Point(113, 23), Geo.Point(114, 23), Geo.Point(114, 24), Geo.Point(113, 24), Geo.Point(113, 23)])]);
    };

    test('a Point round-trips as a Geo.Point', async () => {
      const { data } = await places.doc('shanghai').get();
      expect(data.location).toMatchObject({ longitude: 121.4737, latitude: 31.2304 });
    });

    test('geoNear returns the points within maxDistance (metres), nearest first', async () => {
      const Geo = env.db.Geo;
      const { data } = await places.where({ location: env._.geoNear({ geometry: Geo.Point(113.3191, 23.1089), maxDistance: 5000 }) }).get();
      expect(orderedIds(data)).toEqual(['tower', 'canton']);
    });

    test('geoWithin a polygon and within a sphere', async () => {
      expect(idsOf((await places.where({ location: env._.geoWithin({ geometry: square() }) }).get()).data)).toEqual(['canton', 'tower']);
      // centerSphere radius is in radians: 20 km over the Earth's radius.
      const sphere = env._.geoWithin({ centerSphere: [[113.32, 23.1], 20 / 6378.1] });
      expect(idsOf((await places.where({ location: sphere }).get()).data)).toEqual(['canton', 'tower']);
    });

    test('geoIntersects a polygon', async () => {
      const { data } = await places.where({ location: env._.geoIntersects({ geometry: square() }) }).get();
      expect(idsOf(data)).toEqual(['canton', 'tower']);
    });
  });
});
