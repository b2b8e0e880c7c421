/**
 * Conformance: aggregation through both server SDKs (`database.aggregateDocuments`): every stage the reference
 * documents (match, group, sort, skip, limit, project, lookup in its simple and pipeline forms, unwind, count,
 * addFields, bucket, bucketAuto, replaceRoot, sample, sortByCount, geoNear) and the group accumulators sum,
 * avg, min, max, first, last, push, addToSet, stdDevPop and stdDevSamp. Expression operators:
 * expressions.test.ts.
 *
 * References: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.group.html
 * and the sibling pages Aggregate.match/sort/skip/limit/project/lookup/unwind/count, the accumulators
 * .../database/aggregate/AggregateCommand.sum.html (avg/min/max/first/last/push/addToSet alike). Missing and
 * null values follow MongoDB's accumulators ($sum ignores non-numbers, $avg/$min/$max answer null when there
 * is no number): https://www.mongodb.com/docs/manual/reference/operator/aggregation/group/
 */
import { type Collection, type Doc, forEachSdk, orderedIds, refusalOf, seedCollection } from './harness';

forEachSdk((env) => {
  let orders: Collection;
  let users: Collection;
  beforeAll(async () => {
    users = await seedCollection(env.db, 'users', [
      { _id: 'u1', name: '甲', dept: 'd1' },
      { _id: 'u2', name: '乙', dept: 'd2' },
    ]);
    orders = await seedCollection(env.db, 'orders', [
      { _id: 'o1', user: 'u1', amount: 10, items: ['a', 'b'], status: 'paid' },
      { _id: 'o2', user: 'u1', amount: 30, items: ['b'], status: 'paid' },
      { _id: 'o3', user: 'u2', amount: 5, items: [], status: 'open' },
      { _id: 'o4', user: 'u3', status: 'paid' },
      { _id: 'o5', user: 'u2', amount: 20, items: ['c', 'a'], status: 'paid' },
    ]);
  });

  describe('pipeline stages', () => {
    test('match, sort, skip, limit and project in sequence', async () => {
      const { list } = await orders.aggregate().match({ status: 'paid' }).sort({ amount: -1 }).skip(1).limit(2).project({ _id: 0, amount: 1 }).end();
      // Paid amounts in descending order are 30, 20, 10, then the missing one (which sorts lowest).
      expect(list).toEqual([{ amount: 20 }, { amount: 10 }]);
    });

    test('match takes db.command conditions', async () => {
      const _ = env._;
      const { list } = await orders
        .aggregate()
        .match({ amount: _.gt(8), items: _.size(2) })
        .sort({ _id: 1 })
        .end();
      expect(orderedIds(list)).toEqual(['o1', 'o5']);
    });

    test('project computes expressions and can exclude fields', async () => {
      const $ = env._.aggregate;
      const { list } = await orders
        .aggregate()
        .match({ _id: env._.in(['o1', 'o2']) })
        .sort({ _id: 1 })
        .project({ double: $.multiply(['$amount', 2]), n: $.size('$items') })
        .end();
      expect(list).toEqual([
        { _id: 'o1', double: 20, n: 2 },
        { _id: 'o2', double: 60, n: 1 },
      ]);
      const excluded = await orders.aggregate().match({ _id: 'o2' }).project({ items: 0, status: 0 }).end();
      expect(excluded.list).toEqual([{ _id: 'o2', user: 'u1', amount: 30 }]);
    });

    // Aggregate.count: .../database/aggregate/Aggregate.count.html
    test('count answers one document with the number of inputs', async () => {
      const { list } = await orders.aggregate().match({ status: 'paid' }).count('paidOrders').end();
      expect(list).toEqual([{ paidOrders: 4 }]);
    });

    // Aggregate.unwind: .../database/aggregate/Aggregate.unwind.html
    test('unwind emits one document per element and drops empty or missing arrays', async () => {
      const { list } = await orders.aggregate().unwind('$items').sort({ _id: 1, items: 1 }).project({ items: 1 }).end();
      expect(list).toEqual([
        { _id: 'o1', items: 'a' },
        { _id: 'o1', items: 'b' },
        { _id: 'o2', items: 'b' },
        { _id: 'o5', items: 'a' },
        { _id: 'o5', items: 'c' },
      ]);
    });

    test('unwind with includeArrayIndex and preserveNullAndEmptyArrays keeps every document', async () => {
      const { list } = await orders
        .aggregate()
        .unwind({ path: '$items', includeArrayIndex: 'idx', preserveNullAndEmptyArrays: true })
        .sort({ _id: 1, idx: 1 })
        .project({ _id: 1, items: 1, idx: 1 })
        .end();
      expect(list).toEqual([
        { _id: 'o1', items: 'a', idx: 0 },
        { _id: 'o1', items: 'b', idx: 1 },
        { _id: 'o2', items: 'b', idx: 0 },
        { _id: 'o3', idx: null },
        { _id: 'o4', idx: null },
        { _id: 'o5', items: 'c', idx: 0 },
        { _id: 'o5', items: 'a', idx: 1 },
      ]);
    });

    // Aggregate.lookup: .../database/aggregate/Aggregate.lookup.html (equality and pipeline forms)
    test('lookup by local and foreign field; no match gives an empty array', async () => {
      const { list } = await orders
        .aggregate()
        .match({ _id: env._.in(['o1', 'o4']) })
        .lookup({ from: users.collectionName, localField: 'user', foreignField: '_id', as: 'owner' })
        .sort({ _id: 1 })
        .project({ owner: 1 })
        .end();
      expect(list).toEqual([
        { _id: 'o1', owner: [{ _id: 'u1', name: '甲', dept: 'd1' }] },
        { _id: 'o4', owner: [] },
      ]);
    });

    test('lookup with let and a sub-pipeline', async () => {
      const _ = env._;
      const $ = _.aggregate;
      const { list } = await orders
        .aggregate()
        .match({ _id: env._.in(['o3', 'o4']) })
        .lookup({
          from: users.collectionName,
          let: { uid: '$user' },
          pipeline: $.pipeline()
            .match(_.expr($.eq(['$_id', '$$uid'])))
            .project({ _id: 0, name: 1 })
            .done(),
          as: 'owner',
        })
        .sort({ _id: 1 })
        .project({ owner: 1 })
        .end();
      expect(list).toEqual([
        { _id: 'o3', owner: [{ name: '乙' }] },
        { _id: 'o4', owner: [] },
      ]);
    });

    test('lookup then unwind then group joins two collections', async () => {
      const $ = env._.aggregate;
      const { list } = await orders
        .aggregate()
        .lookup({ from: users.collectionName, localField: 'user', foreignField: '_id', as: 'owner' })
        .unwind('$owner')
        .group({ _id: '$owner.dept', total: $.sum('$amount') })
        .sort({ _id: 1 })
        .end();
      expect(list).toEqual([
        { _id: 'd1', total: 40 },
        { _id: 'd2', total: 25 },
      ]);
    });
  });

  describe('more pipeline stages', () => {
    // Aggregate.addFields: .../database/aggregate/Aggregate.addFields.html
    test('addFields adds computed fields and keeps the others', async () => {
      const $ = env._.aggregate;
      const { list } = await orders
        .aggregate()
        .match({ _id: 'o2' })
        .addFields({ double: $.multiply(['$amount', 2]), 'meta.checked': true })
        .end();
      expect(list).toEqual([{ _id: 'o2', user: 'u1', amount: 30, items: ['b'], status: 'paid', double: 60, meta: { checked: true } }]);
    });

    // Aggregate.bucket: .../database/aggregate/Aggregate.bucket.html (boundaries are [lower, upper) ranges)
    test('bucket counts into ranges, the rest into default', async () => {
      const $ = env._.aggregate;
      const { list } = await orders
        .aggregate()
        .bucket({ groupBy: '$amount', boundaries: [0, 10, 25], default: 'other', output: { count: $.sum(1), ids: $.push('$_id') } })
        .end();
      expect(list).toEqual([
        { _id: 0, count: 1, ids: ['o3'] },
        { _id: 10, count: 2, ids: ['o1', 'o5'] },
        { _id: 'other', count: 2, ids: ['o2', 'o4'] },
      ]);
    });

    // Aggregate.bucketAuto: .../database/aggregate/Aggregate.bucketAuto.html
    test('bucketAuto spreads the documents over the requested number of buckets', async () => {
      const { list } = await orders
        .aggregate()
        .match({ amount: env._.exists(true) })
        .bucketAuto({ groupBy: '$amount', buckets: 2 })
        .end();
      expect(list).toEqual([
        { _id: { min: 5, max: 20 }, count: 2 },
        { _id: { min: 20, max: 30 }, count: 2 },
      ]);
    });

    // Aggregate.replaceRoot: .../database/aggregate/Aggregate.replaceRoot.html
    test('replaceRoot promotes an embedded document', async () => {
      const { list } = await users
        .aggregate()
        .sort({ _id: 1 })
        .project({ card: { name: '$name', id: '$_id' } })
        .replaceRoot({ newRoot: '$card' })
        .end();
      expect(list).toEqual([
        { name: '甲', id: 'u1' },
        { name: '乙', id: 'u2' },
      ]);
    });

    // Aggregate.sample: .../database/aggregate/Aggregate.sample.html (random documents, each at most once)
    test('sample picks that many distinct documents', async () => {
      const { list } = await orders.aggregate().sample({ size: 3 }).end();
      expect(list).toHaveLength(3);
      expect(new Set(list.map((d) => d._id)).size).toBe(3);
    });

    // Aggregate.sortByCount: .../database/aggregate/Aggregate.sortByCount.html
    test('sortByCount groups by an expression and sorts by count, largest first', async () => {
      const { list } = await orders.aggregate().sortByCount('$status').end();
      expect(list).toEqual([
        { _id: 'paid', count: 4 },
        { _id: 'open', count: 1 },
      ]);
    });

    // Aggregate.geoNear: .../database/aggregate/Aggregate.geoNear.html (must be the first stage)
    test('geoNear orders by distance and writes it into distanceField', async () => {
      const Geo = env.db.Geo;
      const places = await seedCollection(env.db, 'geoagg', [
        { _id: 'canton', kind: 'site', location: Geo.Point(113.3245, 23.1066) },
        { _id: 'tower', kind: 'site', location: Geo.Point(113.3191, 23.1089) },
        { _id: 'shanghai', kind: 'site', location: Geo.Point(121.4737, 31.2304) },
      ]);
      const { list } = await places
        .aggregate()
        .geoNear({
          distanceField: 'distance',
          spherical: true,
          near: Geo.Point(113.3191, 23.1089),
          maxDistance: 5000,
          query: { kind: 'site' },
          key: 'location',
        })
        .project({ distance: 1 })
        .end();
      expect(list.map((d) => d._id)).toEqual(['tower', 'canton']);
      expect(list[0]!.distance).toBe(0);
      // About 0.6 km between the two points.
      expect(list[1]!.distance).toBeGreaterThan(400);
      expect(list[1]!.distance).toBeLessThan(800);
      // Anywhere but first, MongoDB refuses the stage.
      const late = await refusalOf(
        places
          .aggregate()
          .match({})
          .geoNear({ distanceField: 'distance', spherical: true, near: Geo.Point(113, 23) })
          .end(),
      );
      expect(late.message).toContain('$geoNear is only valid as the first stage');
    });
  });

  describe('group accumulators', () => {
    let byUser: Map<string, Doc>;
    beforeAll(async () => {
      const $ = env._.aggregate;
      const { list } = await orders
        .aggregate()
        .sort({ _id: 1 })
        .group({
          _id: '$user',
          total: $.sum('$amount'),
          n: $.sum(1),
          avg: $.avg('$amount'),
          min: $.min('$amount'),
          max: $.max('$amount'),
          first: $.first('$amount'),
          last: $.last('$amount'),
          ids: $.push('$_id'),
          statuses: $.addToSet('$status'),
          sdPop: $.stdDevPop('$amount'),
          sdSamp: $.stdDevSamp('$amount'),
        })
        .end();
      byUser = new Map(list.map((row) => [String(row._id), row]));
    });

    test('one row per group key', () => {
      expect([...byUser.keys()].sort()).toEqual(['u1', 'u2', 'u3']);
    });

    test('sum, avg, min and max over numbers', () => {
      expect(byUser.get('u1')).toMatchObject({ total: 40, n: 2, avg: 20, min: 10, max: 30 });
      expect(byUser.get('u2')).toMatchObject({ total: 25, n: 2, avg: 12.5, min: 5, max: 20 });
    });

    test('first and last follow the input order; push keeps every value in order', () => {
      expect(byUser.get('u1')).toMatchObject({ first: 10, last: 30, ids: ['o1', 'o2'] });
      expect(byUser.get('u2')).toMatchObject({ first: 5, last: 20, ids: ['o3', 'o5'] });
    });

    // AggregateCommand.stdDevPop / stdDevSamp: .../database/aggregate/AggregateCommand.stdDevPop.html
    test('stdDevPop and stdDevSamp over numbers; null without any number (MongoDB)', () => {
      expect(byUser.get('u1')).toMatchObject({ sdPop: 10, sdSamp: Math.sqrt(200) });
      expect(byUser.get('u2')).toMatchObject({ sdPop: 7.5 });
      expect((byUser.get('u2')!.sdSamp as number).toFixed(6)).toBe(Math.sqrt(112.5).toFixed(6));
    });

    test('addToSet keeps distinct values', () => {
      expect((byUser.get('u1')!.statuses as string[]).slice().sort()).toEqual(['paid']);
      expect((byUser.get('u2')!.statuses as string[]).slice().sort()).toEqual(['open', 'paid']);
    });

    test('a group whose field is missing: sum 0, avg/min/max/first/last null', () => {
      expect(byUser.get('u3')).toEqual({
        _id: 'u3',
        total: 0,
        n: 1,
        avg: null,
        min: null,
        max: null,
        first: null,
        last: null,
        ids: ['o4'],
        statuses: ['paid'],
        sdPop: null,
        sdSamp: null,
      });
    });

    test('group by null folds the whole collection', async () => {
      const $ = env._.aggregate;
      const { list } = await orders
        .aggregate()
        .group({ _id: null, total: $.sum('$amount'), count: $.sum(1) })
        .end();
      expect(list).toEqual([{ _id: null, total: 65, count: 5 }]);
    });
  });
});
