/**
 * Series are scoped like courses (server/authoring/access.ts): a branch trainer manages the series of their
 * branch and their own, never a headquarters series (imported, or made before scoping) nor another branch's.
 */
import type { SeriesDoc } from '../../../typings/domain';
import { callAction } from '../../helpers/invoke';
import { readDoc } from '../../helpers/db';
import { dataOf as ok } from '../../helpers/envelope';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, insertAll, seedMember, testDb } from '../../helpers/db';

useTestCloud();

const HQ_TRAINER = { openid: 'o-series-hq' };
const BRANCH_TRAINER = { openid: 'o-series-branch' };
const OTHER_BRANCH_TRAINER = { openid: 'o-series-other' };

const seriesDoc = async (id: string): Promise<SeriesDoc> => (await readDoc<SeriesDoc>('series', id)) as SeriesDoc;

const FIELDS = { summary: '', cover: null, stepUnlock: false, audiences: [] };

beforeAll(async () => {
  await seedMember(HQ_TRAINER.openid, 'm:series-hq', { roles: [grant('trainer')] });
  await seedMember(BRANCH_TRAINER.openid, 'm:series-branch', {
    roles: [grant('trainer', 'dept:上海分公司')],
    departmentId: 'dept:上海分公司/销售部',
    departmentPath: ['上海分公司', '销售部'],
  });
  await seedMember(OTHER_BRANCH_TRAINER.openid, 'm:series-other', {
    roles: [grant('trainer', 'dept:北京分公司')],
    departmentId: 'dept:北京分公司',
    departmentPath: ['北京分公司'],
  });
  const course = (id: string) => ({ _id: id, title: id, status: 'published', seriesIds: [], audiences: [] });
  await insertAll('courses', [course('c:one'), course('c:two')]);
  // A series from before scoping: no owner fields at all.
  await insertAll('series', [
    {
      _id: 's:legacy',
      title: '总部系列',
      summary: '',
      cover: null,
      courseIds: ['c:one'],
      stepUnlock: false,
      audiences: [],
      status: 'published',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      publishedAt: new Date('2026-01-01T00:00:00Z'),
    },
  ]);
  await testDb()
    .collection('courses')
    .doc('c:one')
    .update({ data: { seriesIds: ['s:legacy'] } });
});

it('series scoped like courses: a branch trainer cannot edit, reorder or archive a headquarters series, and nothing changes', async () => {
  const before = await seriesDoc('s:legacy');
  expect(
    await callAction('authoring', 'updateSeries', { seriesId: 's:legacy', title: '改名', courseIds: ['c:two', 'c:one'], ...FIELDS }, BRANCH_TRAINER),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '该系列不在你的管理范围内' });
  expect(await callAction('authoring', 'setSeriesStatus', { seriesId: 's:legacy', status: 'archived' }, BRANCH_TRAINER)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect(await seriesDoc('s:legacy')).toEqual(before);
  const { data } = (await testDb().collection('courses').where({ _id: 'c:two' }).get()) as unknown as { data: { seriesIds: string[] }[] };
  expect(data[0]?.seriesIds).toEqual([]);
  expect(ok(await callAction('authoring', 'listSeries', { includeArchived: true }, BRANCH_TRAINER)).items.map((item) => item.seriesId)).not.toContain(
    's:legacy',
  );
  // An unscoped trainer manages it.
  ok(await callAction('authoring', 'setSeriesStatus', { seriesId: 's:legacy', status: 'published' }, HQ_TRAINER));
});

it('a branch series is managed by its creator and trainers over the branch, listed for them only', async () => {
  const made = ok(await callAction('authoring', 'createSeries', { title: '分公司系列', courseIds: ['c:one'], ...FIELDS }, BRANCH_TRAINER));
  expect(await seriesDoc(made.seriesId)).toMatchObject({ ownerId: 'm:series-branch', ownerDepartmentId: 'dept:上海分公司/销售部' });
  ok(await callAction('authoring', 'updateSeries', { seriesId: made.seriesId, title: '分公司系列', courseIds: ['c:two', 'c:one'], ...FIELDS }, BRANCH_TRAINER));
  expect(
    await callAction('authoring', 'updateSeries', { seriesId: made.seriesId, title: '越权', courseIds: ['c:one'], ...FIELDS }, OTHER_BRANCH_TRAINER),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await callAction('authoring', 'setSeriesStatus', { seriesId: made.seriesId, status: 'archived' }, OTHER_BRANCH_TRAINER)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect((await seriesDoc(made.seriesId)).courseIds).toEqual(['c:two', 'c:one']);
  ok(await callAction('authoring', 'setSeriesStatus', { seriesId: made.seriesId, status: 'archived' }, HQ_TRAINER));

  const listed = (who: { openid: string }) =>
    callAction('authoring', 'listSeries', { includeArchived: true }, who).then((answer) =>
      ok(answer)
        .items.map((item) => item.seriesId)
        .sort(),
    );
  expect(await listed(BRANCH_TRAINER)).toEqual([made.seriesId]);
  expect(await listed(OTHER_BRANCH_TRAINER)).toEqual([]);
  expect(await listed(HQ_TRAINER)).toEqual([made.seriesId, 's:legacy'].sort());
});
