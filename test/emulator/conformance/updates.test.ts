/**
 * Conformance: every update command of `db.command`, nested-object merge in `update`, `doc().set()`
 * replacement, and the `stats` the SDK reports for update, set and remove.
 *
 * References: update commands https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.set.html
 * (and the sibling pages Command.inc/mul/min/max/rename/push/pop/shift/unshift/addToSet/pull/pullAll/remove),
 * the update guide https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html and
 * https://docs.cloudbase.net/api-reference/server/node-sdk/database/command . Edge cases the pages do not
 * cover (missing fields, wrong types) follow MongoDB's update operators, which CloudBase runs:
 * https://www.mongodb.com/docs/manual/reference/operator/update/
 */
import { type Collection, type Doc, seedCollection, refusalOf, forEachSdk, withoutId } from './harness';

forEachSdk((env) => {
  /** Seeds one document `u`, applies `data` with `doc('u').update`, and returns the stored document. */
  async function afterUpdate(doc: Doc, data: Doc): Promise<Doc> {
    const col = await seedCollection(env.db, 'upd', [{ _id: 'u', ...doc }]);
    const res = await col.doc('u').update({ data });
    expect(res.stats.updated).toBe(1);
    return withoutId((await col.doc('u').get()).data);
  }

  describe('merge versus set', () => {
    test('update merges a nested object field by field; _.set replaces it', async () => {
      const _ = env._;
      const col = await seedCollection(env.db, 'merge', [{ _id: 'u', style: { color: 'blue', size: 's' }, n: 1 }]);
      await col.doc('u').update({ data: { style: { color: 'red' } } });
      expect(withoutId((await col.doc('u').get()).data)).toEqual({ style: { color: 'red', size: 's' }, n: 1 });
      await col.doc('u').update({ data: { style: _.set({ color: 'green' }) } });
      expect(withoutId((await col.doc('u').get()).data)).toEqual({ style: { color: 'green' }, n: 1 });
    });

    test('dotted paths create missing intermediate objects and address array elements', async () => {
      expect(await afterUpdate({ arr: ['a', 'b'] }, { 'x.y.z': 1, 'arr.1': 'B' })).toEqual({ x: { y: { z: 1 } }, arr: ['a', 'B'] });
    });

    test('update can set null, arrays and nested objects as values', async () => {
      expect(await afterUpdate({ a: 1 }, { a: null, b: [1, { c: 2 }] })).toEqual({ a: null, b: [1, { c: 2 }] });
    });

    // Document.set: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/document/Document.set.html
    test('doc().set() replaces the whole document and reports updated', async () => {
      const col = await seedCollection(env.db, 'set', [{ _id: 'u', a: 1, nested: { b: 2, c: 3 } }]);
      const res = await col.doc('u').set({ data: { nested: { b: 9 } } });
      expect(res).toMatchObject({ _id: 'u', stats: { updated: 1, created: 0 } });
      expect((await col.doc('u').get()).data).toEqual({ _id: 'u', nested: { b: 9 } });
    });

    test('doc().set() on a missing id creates the document and reports created', async () => {
      const col = await seedCollection(env.db, 'set');
      const res = await col.doc('fresh').set({ data: { a: 1 } });
      expect(res).toMatchObject({ _id: 'fresh', stats: { updated: 0, created: 1 } });
      expect((await col.doc('fresh').get()).data).toEqual({ _id: 'fresh', a: 1 });
    });
  });

  describe('field update commands', () => {
    test('remove deletes a field, a nested field, and ignores a missing one', async () => {
      const _ = env._;
      expect(await afterUpdate({ a: 1, b: { c: 1, d: 2 }, keep: true }, { a: _.remove(), 'b.c': _.remove(), nope: _.remove() })).toEqual({
        b: { d: 2 },
        keep: true,
      });
    });

    test('inc adds to numbers, creates a missing field, works on nested paths', async () => {
      const _ = env._;
      expect(await afterUpdate({ n: 5, stats: { views: 1 } }, { n: _.inc(-2), 'stats.views': _.inc(10), fresh: _.inc(3) })).toEqual({
        n: 3,
        stats: { views: 11 },
        fresh: 3,
      });
    });

    test('inc on a non-number fails and leaves the document unchanged (MongoDB)', async () => {
      const col = await seedCollection(env.db, 'inc', [{ _id: 'u', s: 'text', n: 1 }]);
      const refusal = await refusalOf(col.doc('u').update({ data: { s: env._.inc(1), n: env._.inc(1) } }));
      expect(refusal).toEqual({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('Cannot apply $inc') });
      expect((await col.doc('u').get()).data).toEqual({ _id: 'u', s: 'text', n: 1 });
    });

    test('type errors of other update commands fail and change nothing (MongoDB)', async () => {
      const _ = env._;
      const col = await seedCollection(env.db, 'types', [{ _id: 'u', s: 'text', n: 1, list: [1] }]);
      for (const data of [{ s: _.push('x') }, { s: _.addToSet('x') }, { s: _.mul(2) }, { s: _.pull('t') }, { 's.inner': 1 }, { n: _.inc(1), 'n.deep': 1 }]) {
        expect((await refusalOf(col.doc('u').update({ data }))).code).toBe('DATABASE_REQUEST_FAILED');
      }
      expect((await col.doc('u').get()).data).toEqual({ _id: 'u', s: 'text', n: 1, list: [1] });
    });

    test('a multi-document update failing on one document changes none of them', async () => {
      const col = await seedCollection(env.db, 'multi', [
        { _id: 'a', g: 1, n: 1 },
        { _id: 'b', g: 1, n: 'oops' },
        { _id: 'c', g: 1, n: 3 },
      ]);
      expect((await refusalOf(col.where({ g: 1 }).update({ data: { n: env._.inc(1) } }))).code).toBe('DATABASE_REQUEST_FAILED');
      expect((await col.orderBy('_id', 'asc').get()).data.map((d) => d.n)).toEqual([1, 'oops', 3]);
    });

    test('mul multiplies, and sets 0 on a missing field (MongoDB)', async () => {
      const _ = env._;
      expect(await afterUpdate({ n: 3, f: 1.5 }, { n: _.mul(2), f: _.mul(-2), fresh: _.mul(7) })).toEqual({ n: 6, f: -3, fresh: 0 });
    });

    test('min and max keep the smaller or larger value and create missing fields', async () => {
      const _ = env._;
      expect(
        await afterUpdate({ lo: 5, lo2: 5, hi: 5, hi2: 5 }, { lo: _.min(1), lo2: _.min(10), hi: _.max(10), hi2: _.max(1), m: _.min(4), x: _.max(8) }),
      ).toEqual({ lo: 1, lo2: 5, hi: 10, hi2: 5, m: 4, x: 8 });
    });

    test('min and max compare dates', async () => {
      const _ = env._;
      const early = new Date('2024-01-01T00:00:00.000Z');
      const late = new Date('2024-06-01T00:00:00.000Z');
      const doc = await afterUpdate({ first: late, last: early }, { first: _.min(early), last: _.max(late) });
      expect(doc.first).toEqual(early);
      expect(doc.last).toEqual(late);
    });

    test('rename moves a value to a new name; renaming a missing field does nothing', async () => {
      const _ = env._;
      expect(await afterUpdate({ old: { v: 1 }, other: 2 }, { old: _.rename('renamed'), ghost: _.rename('ghost2') })).toEqual({
        renamed: { v: 1 },
        other: 2,
      });
    });
  });

  describe('array update commands', () => {
    // Command.push: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.push.html
    test('push appends values and creates a missing array', async () => {
      const _ = env._;
      expect(await afterUpdate({ tags: ['a'] }, { tags: _.push(['b', 'c']), fresh: _.push('x') })).toEqual({
        tags: ['a', 'b', 'c'],
        fresh: ['x'],
      });
    });

    test('push with each and position inserts at the position; a negative position counts from the end', async () => {
      const _ = env._;
      expect(await afterUpdate({ a: [1, 2, 3], b: [1, 2, 3] }, { a: _.push({ each: [8, 9], position: 1 }), b: _.push({ each: [0], position: -1 }) })).toEqual({
        a: [1, 8, 9, 2, 3],
        b: [1, 2, 0, 3],
      });
    });

    test('push with sort orders the whole array, by a field for objects', async () => {
      const _ = env._;
      expect(
        await afterUpdate(
          { nums: [3, 1], objs: [{ s: 3 }, { s: 1 }] },
          { nums: _.push({ each: [2], sort: -1 }), objs: _.push({ each: [{ s: 2 }], sort: { s: 1 } }) },
        ),
      ).toEqual({ nums: [3, 2, 1], objs: [{ s: 1 }, { s: 2 }, { s: 3 }] });
    });

    test('push with slice keeps the first n (positive), the last n (negative) or nothing (0)', async () => {
      const _ = env._;
      expect(
        await afterUpdate(
          { a: [1, 2, 3], b: [1, 2, 3], c: [1] },
          { a: _.push({ each: [4, 5], slice: 3 }), b: _.push({ each: [4, 5], slice: -2 }), c: _.push({ each: [2], slice: 0 }) },
        ),
      ).toEqual({ a: [1, 2, 3], b: [4, 5], c: [] });
    });

    test('push with each, sort and slice together keeps a top-n list', async () => {
      const _ = env._;
      expect(await afterUpdate({ top: [50, 10] }, { top: _.push({ each: [30, 70], sort: -1, slice: 3 }) })).toEqual({ top: [70, 50, 30] });
    });

    test('pop removes the last element and shift the first', async () => {
      const _ = env._;
      expect(await afterUpdate({ a: [1, 2, 3], b: [1, 2, 3], e: [] }, { a: _.pop(), b: _.shift(), e: _.pop() })).toEqual({
        a: [1, 2],
        b: [2, 3],
        e: [],
      });
    });

    test('unshift prepends values in the given order', async () => {
      const _ = env._;
      expect(await afterUpdate({ a: [3], b: [3] }, { a: _.unshift(1, 2), b: _.unshift([0]) })).toEqual({ a: [1, 2, 3], b: [0, 3] });
    });

    // Command.addToSet: .../database/command/Command.addToSet.html (a value, or { each: [...] })
    test('addToSet adds a value only when absent; with each it adds every absent value', async () => {
      const _ = env._;
      expect(
        await afterUpdate(
          { a: ['x', 'y'], b: ['x'], c: [{ k: 1 }] },
          { a: _.addToSet('x'), b: _.addToSet({ each: ['x', 'z', 'z'] }), c: _.addToSet({ k: 1 }), d: _.addToSet('new') },
        ),
      ).toEqual({ a: ['x', 'y'], b: ['x', 'z'], c: [{ k: 1 }], d: ['new'] });
      // The documentation's second example spells it `$each`: both forms work.
      expect(await afterUpdate({ b: ['x'] }, { b: _.addToSet({ $each: ['x', 'y'] }) })).toEqual({ b: ['x', 'y'] });
    });

    // Command.pull: .../database/command/Command.pull.html
    test('pull removes every equal element, or every element meeting a condition', async () => {
      const _ = env._;
      expect(
        await afterUpdate(
          { a: ['x', 'y', 'x'], n: [1, 5, 7, 2], objs: [{ q: 1 }, { q: 5 }, { q: 9 }] },
          { a: _.pull('x'), n: _.pull(_.gt(3)), objs: _.pull({ q: _.gte(5) }) },
        ),
      ).toEqual({ a: ['y'], n: [1, 2], objs: [{ q: 1 }] });
    });

    // Command.pullAll: .../database/command/Command.pullAll.html
    test('pullAll removes every listed value', async () => {
      const _ = env._;
      expect(await afterUpdate({ a: [1, 2, 3, 1, 4] }, { a: _.pullAll([1, 4]) })).toEqual({ a: [2, 3] });
    });
  });

  describe('stats of update, set and remove', () => {
    let col: Collection;
    beforeEach(async () => {
      col = await seedCollection(env.db, 'stats', [
        { _id: 'p', group: 1, n: 1 },
        { _id: 'q', group: 1, n: 2 },
        { _id: 'r', group: 2 },
      ]);
    });

    // Collection.update: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.update.html
    test('where().update() updates every match and reports how many', async () => {
      const res = await col.where({ group: 1 }).update({ data: { n: env._.inc(10), seen: true } });
      expect(res.stats.updated).toBe(2);
      const { data } = await col.orderBy('_id', 'asc').get();
      expect(data).toEqual([
        { _id: 'p', group: 1, n: 11, seen: true },
        { _id: 'q', group: 1, n: 12, seen: true },
        { _id: 'r', group: 2 },
      ]);
    });

    test('where().update() matching nothing reports 0 and creates nothing', async () => {
      const res = await col.where({ group: 9 }).update({ data: { n: 1 } });
      expect(res.stats.updated).toBe(0);
      expect((await col.count()).total).toBe(3);
    });

    test('doc().update() of a missing id reports 0 and does not upsert', async () => {
      const res = await col.doc('missing').update({ data: { n: 1 } });
      expect(res.stats.updated).toBe(0);
      expect((await col.where({ _id: 'missing' }).get()).data).toEqual([]);
    });

    // Collection.remove / Document.remove: .../database/collection/Collection.remove.html
    test('where().remove() removes every match and reports how many', async () => {
      const res = await col.where({ group: 1 }).remove();
      expect(res.stats.removed).toBe(2);
      expect((await col.get()).data).toEqual([{ _id: 'r', group: 2 }]);
    });

    test('doc().remove() reports 1, then 0 for an id that no longer exists', async () => {
      expect((await col.doc('p').remove()).stats.removed).toBe(1);
      expect((await col.doc('p').remove()).stats.removed).toBe(0);
      expect((await col.count()).total).toBe(2);
    });

    test('a remove on a condition with nulls removes missing-field documents too (MongoDB)', async () => {
      const res = await col.where({ n: null }).remove();
      expect(res.stats.removed).toBe(1);
      expect((await col.count()).total).toBe(2);
    });
  });
});
