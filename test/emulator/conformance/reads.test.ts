/**
 * Conformance: reads and inserts through both server SDKs: default and maximum limits, `field`
 * include/exclude, `orderBy` on several keys (missing fields, mixed types), `skip`, `count`, `serverDate`,
 * Date and value round trips, `doc().get()` of a missing id, `add` of a duplicate `_id`, and a collection that
 * was never created.
 */
import { type Collection, type Doc, idsOf, orderedIds, seedCollection, refusalOf, forEachSdk, withoutId } from './harness';

forEachSdk((env) => {
  describe('limits, skip and count', () => {
    let big: Collection;
    beforeAll(async () => {
      const docs: Doc[] = Array.from({ length: 1200 }, (_unused, i) => ({ _id: `d${String(i).padStart(4, '0')}`, i, even: i % 2 === 0 }));
      big = await seedCollection(env.db, 'big', docs);
    });

    // Read guide: "云函数端 ... 默认 100 条" https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/read.html
    // Collection.limit: "在云函数端 ... 最大上限为 1000"
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.limit.html
    // (both SDKs ask for 100 when no limit is given and clamp explicit limits to 1000.)
    test('get() without a limit returns 100 documents', async () => {
      expect((await big.get()).data).toHaveLength(100);
    });

    test('an explicit limit is honoured up to 1000', async () => {
      expect((await big.limit(7).get()).data).toHaveLength(7);
      expect((await big.limit(1000).get()).data).toHaveLength(1000);
      expect((await big.limit(5000).get()).data).toHaveLength(1000);
    });

    test('skip pages through an ordered result', async () => {
      const page = await big.orderBy('i', 'asc').skip(1150).limit(100).get();
      expect(page.data).toHaveLength(50);
      expect(page.data[0]).toEqual({ _id: 'd1150', i: 1150, even: true });
      const second = await big.orderBy('i', 'desc').skip(2).limit(2).get();
      expect(orderedIds(second.data)).toEqual(['d1197', 'd1196']);
    });

    // Collection.count: .../database/collection/Collection.count.html (not limited to 100/1000)
    test('count counts every match, beyond any limit', async () => {
      expect((await big.count()).total).toBe(1200);
      expect((await big.where({ even: true }).count()).total).toBe(600);
      expect((await big.where({ i: env._.gte(1190) }).count()).total).toBe(10);
    });
  });

  describe('field projection', () => {
    let col: Collection;
    beforeAll(async () => {
      col = await seedCollection(env.db, 'field', [{ _id: 'f', a: 1, b: 'x', nested: { x: 1, y: 2 }, big: 'blob' }]);
    });

    // Collection.field: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.field.html
    test('include keeps the listed fields and _id', async () => {
      const { data } = await col.field({ a: true, 'nested.x': true }).get();
      expect(data).toEqual([{ _id: 'f', a: 1, nested: { x: 1 } }]);
    });

    test('exclude drops the listed fields', async () => {
      const { data } = await col.field({ big: false, 'nested.y': false }).get();
      expect(data).toEqual([{ _id: 'f', a: 1, b: 'x', nested: { x: 1 } }]);
    });

    test('_id can be excluded from an include projection', async () => {
      const { data } = await col.field({ _id: false, b: true }).get();
      expect(data).toEqual([{ b: 'x' }]);
    });

    // Command.project.slice / Command.project.elemMatch: projection operators inside field()
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.project.slice.html
    // A slice alone keeps the other fields; elemMatch alone is an inclusion (MongoDB's projection rules).
    test('project.slice keeps part of an array; project.elemMatch keeps the first matching element', async () => {
      const _ = env._ as unknown as { project: Record<string, (v: unknown) => object>; gte: (v: unknown) => unknown };
      const arrays = await seedCollection(env.db, 'slice', [{ _id: 's', list: [1, 2, 3, 4], items: [{ q: 1 }, { q: 5 }, { q: 7 }] }]);
      expect((await arrays.field({ list: _.project.slice(2) }).get()).data).toEqual([{ _id: 's', list: [1, 2], items: [{ q: 1 }, { q: 5 }, { q: 7 }] }]);
      expect((await arrays.field({ list: _.project.slice([-3, 2]) }).get()).data).toEqual([{ _id: 's', list: [2, 3], items: [{ q: 1 }, { q: 5 }, { q: 7 }] }]);
      expect((await arrays.field({ items: _.project.elemMatch({ q: 5 }) }).get()).data).toEqual([{ _id: 's', items: [{ q: 5 }] }]);
      // MongoDB leaves the field out when no element matches.
      expect((await arrays.field({ items: _.project.elemMatch({ q: 6 }) }).get()).data).toEqual([{ _id: 's' }]);
    });

    // The SDK mangles a command inside project.elemMatch: field() serialises the projection with plain EJSON,
    // so `_.gte(5)` travels as the command object's own fields instead of `{ $gte: 5 }` (both SDKs share
    // @cloudbase/database's document.js field()). Such a condition then matches no element, as CloudBase's
    // MongoDB would read it; a plain value works.
    test('project.elemMatch with a command inside: the SDK sends the command object, not $gte', async () => {
      const _ = env._ as unknown as { project: Record<string, (v: unknown) => object>; gte: (v: unknown) => unknown };
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { stringifyByEJSON } = require('@cloudbase/database/dist/commonjs/utils/utils') as { stringifyByEJSON(v: unknown): string };
      expect(JSON.parse(stringifyByEJSON({ items: _.project.elemMatch({ q: _.gte(5) }) }))).toEqual({
        items: { $elemMatch: { q: { operator: 'gte', operands: [{ $numberInt: '5' }], fieldName: {} } } },
      });
      const arrays = await seedCollection(env.db, 'slice', [{ _id: 's', items: [{ q: 1 }, { q: 5 }] }]);
      expect((await arrays.field({ items: _.project.elemMatch({ q: _.gte(5) }) }).get()).data).toEqual([{ _id: 's' }]);
    });

    test('doc().field() projects a single document', async () => {
      const { data } = await col.doc('f').field({ b: true }).get();
      expect(data).toEqual({ _id: 'f', b: 'x' });
    });
  });

  describe('orderBy', () => {
    // Collection.orderBy: .../database/collection/Collection.orderBy.html. The order of mixed types is not
    // documented; chosen: MongoDB's BSON order (missing = null < numbers < strings < objects < booleans < dates)
    // https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
    let col: Collection;
    const when = new Date('2024-03-01T00:00:00.000Z');
    beforeAll(async () => {
      col = await seedCollection(env.db, 'order', [
        { _id: 'o1', v: 10, g: 'b' },
        { _id: 'o2', v: 'a', g: 'a' },
        { _id: 'o3', g: 'a' },
        { _id: 'o4', v: null, g: 'b' },
        { _id: 'o5', v: 2, g: 'a' },
        { _id: 'o6', v: 'B', g: 'b' },
        { _id: 'o7', v: true, g: 'a' },
        { _id: 'o8', v: when, g: 'b' },
        { _id: 'o9', v: { k: 1 }, g: 'a' },
      ]);
    });

    test('ascending across types, missing and null first, ties broken by the next key', async () => {
      const { data } = await col.orderBy('v', 'asc').orderBy('_id', 'asc').get();
      expect(orderedIds(data)).toEqual(['o3', 'o4', 'o5', 'o1', 'o6', 'o2', 'o9', 'o7', 'o8']);
    });

    test('descending across types', async () => {
      const { data } = await col.orderBy('v', 'desc').orderBy('_id', 'asc').get();
      expect(orderedIds(data)).toEqual(['o8', 'o7', 'o9', 'o2', 'o6', 'o1', 'o5', 'o3', 'o4']);
    });

    test('several keys: the first key wins, the second orders within it', async () => {
      const { data } = await col
        .where({ v: env._.in([2, 10, 'a', 'B', null]) })
        .orderBy('g', 'desc')
        .orderBy('v', 'asc')
        .get();
      // g 'b': o4 (null), o1 (10), o6 ('B'); g 'a': o3 (missing, matched by null), o5 (2), o2 ('a').
      expect(orderedIds(data)).toEqual(['o4', 'o1', 'o6', 'o3', 'o5', 'o2']);
    });
  });

  describe('dates and value round trips', () => {
    // Database.serverDate: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.serverDate.html
    test('serverDate is stored as a Date, offset in milliseconds', async () => {
      const db = env.db;
      const col = await seedCollection(env.db, 'sdate');
      const before = Date.now();
      const { _id } = await col.add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 3_600_000 }) } });
      const after = Date.now();
      const { data } = await col.doc(_id).get();
      expect(data.at).toBeInstanceOf(Date);
      expect(data.later).toBeInstanceOf(Date);
      const at = (data.at as Date).getTime();
      const later = (data.later as Date).getTime();
      // The local cloud runs on this machine's clock; allow a second either side for clock granularity.
      expect(at).toBeGreaterThanOrEqual(before - 1000);
      expect(at).toBeLessThanOrEqual(after + 1000);
      expect(later - at).toBeGreaterThanOrEqual(3_600_000 - 1000);
      expect(later - at).toBeLessThanOrEqual(3_600_000 + 1000);
    });

    test('serverDate in update and in doc().set() is stored as a Date too', async () => {
      const db = env.db;
      const col = await seedCollection(env.db, 'sdate', [{ _id: 'x', n: 1 }]);
      await col.doc('x').update({ data: { touched: db.serverDate() } });
      await col.doc('y').set({ data: { created: db.serverDate({ offset: -60_000 }) } });
      expect((await col.doc('x').get()).data.touched).toBeInstanceOf(Date);
      expect((await col.doc('y').get()).data.created).toBeInstanceOf(Date);
      // Stored as real dates, so they are queryable as dates.
      expect(idsOf((await col.where({ touched: env._.gt(new Date(0)) }).get()).data)).toEqual(['x']);
    });

    test('Dates round-trip with millisecond precision, also nested, and are queryable by range', async () => {
      const d1 = new Date('2024-02-29T15:59:59.999Z');
      const d2 = new Date('2024-03-01T16:00:00.001Z');
      const col = await seedCollection(env.db, 'dates', [
        { _id: 'one', at: d1, nested: { list: [d1, d2] } },
        { _id: 'two', at: d2 },
      ]);
      const { data } = await col.doc('one').get();
      expect(data.at).toBeInstanceOf(Date);
      expect((data.at as Date).toISOString()).toBe(d1.toISOString());
      expect(data.nested).toEqual({ list: [d1, d2] });
      expect(idsOf((await col.where({ at: env._.gt(d1) }).get()).data)).toEqual(['two']);
      expect(idsOf((await col.where({ at: env._.lte(d2) }).get()).data)).toEqual(['one', 'two']);
    });

    test('numbers, strings, nulls, empty containers and deep nesting round-trip unchanged', async () => {
      const value: Doc = {
        int: 42,
        neg: -7,
        double: 1.25,
        big: 2 ** 40,
        zero: 0,
        text: '中文 emoji 🎉 "quotes" \\ slash',
        empty: '',
        nil: null,
        t: true,
        f: false,
        arr: [],
        obj: {},
        deep: { a: { b: { c: [1, { d: [null, 'x'] }] } } },
      };
      const col = await seedCollection(env.db, 'roundtrip');
      await col.doc('r').set({ data: value });
      expect(withoutId((await col.doc('r').get()).data)).toEqual(value);
    });
  });

  describe('single documents and inserts', () => {
    // Document.get: wx-server-sdk rejects a missing id with "document with _id ... does not exist" unless the
    // database was opened with throwOnNotFound: false
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/document/Document.get.html
    // node-sdk answers an empty list instead (https://docs.cloudbase.net/api-reference/server/node-sdk/database/doc):
    // the same server answer, read differently by each SDK.
    test('doc().get() of a missing id: wx-server-sdk rejects with its not-found error, node-sdk answers nothing', async () => {
      const col = await seedCollection(env.db, 'single', [{ _id: 'here', a: 1 }]);
      if (env.sdk === 'wx-server-sdk') {
        const refusal = await refusalOf(col.doc('nope').get());
        expect(refusal.message).toMatch(/document\.get:fail document with _id nope does not exist/);
      } else {
        expect((await col.doc('nope').get()).data).toBeNull();
      }
    });

    (env.sdk === 'wx-server-sdk' ? test : test.skip)('with throwOnNotFound: false, wx-server-sdk answers null for a missing id', async () => {
      const col = await seedCollection(env.db, 'single', [{ _id: 'here', a: 1 }]);
      const lenient = env.cloud.database({ throwOnNotFound: false });
      expect((await lenient.collection(col.collectionName).doc('nope').get()).data).toBeNull();
      expect((await lenient.collection(col.collectionName).doc('here').get()).data).toEqual({ _id: 'here', a: 1 });
    });

    // Collection.add: .../database/collection/Collection.add.html (the _id is generated when not given)
    test('add generates distinct string ids and stores the document', async () => {
      const col = await seedCollection(env.db, 'add');
      const first = await col.add({ data: { a: 1 } });
      const second = await col.add({ data: { a: 2 } });
      expect(typeof first._id).toBe('string');
      expect(String(first._id).length).toBeGreaterThan(0);
      expect(first._id).not.toBe(second._id);
      expect((await col.doc(first._id).get()).data).toEqual({ _id: first._id, a: 1 });
    });

    test('add of an array inserts every document and answers their ids in order', async () => {
      const col = await seedCollection(env.db, 'add');
      const res = await col.add({ data: [{ _id: 'k1', n: 1 }, { n: 2 }, { _id: 'k3', n: 3 }] });
      expect(res._ids).toHaveLength(3);
      expect(res._ids[0]).toBe('k1');
      expect(res._ids[2]).toBe('k3');
      expect((await col.count()).total).toBe(3);
    });

    // A duplicate _id violates the unique _id index (undocumented error text; chosen: the SDK rejects and the
    // stored document is left as it was, as MongoDB's duplicate key error does).
    test('add of a duplicate _id rejects and leaves the stored document unchanged', async () => {
      const col = await seedCollection(env.db, 'dup', [{ _id: 'same', v: 'original' }]);
      const refusal = await refusalOf(col.add({ data: { _id: 'same', v: 'intruder' } }));
      expect(refusal).toEqual({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('duplicate key') });
      expect((await col.doc('same').get()).data).toEqual({ _id: 'same', v: 'original' });
      expect((await col.count()).total).toBe(1);
    });

    // Error code table https://docs.cloudbase.net/error-code/basic : DATABASE_COLLECTION_NOT_EXIST (-502005),
    // which wx-server-sdk reports as errCode -502005 and node-sdk as the code itself.
    test('reading a collection that was never created fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
      const refusal = await refusalOf(env.db.collection('never_created_anywhere').get());
      expect(refusal.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    });
  });
});
