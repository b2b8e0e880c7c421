/**
 * Series (系列课): an ordered list of published courses. A course's `seriesIds` mirrors the series that hold
 * it; both sides change in one transaction so the catalogue's series filter never disagrees with the series.
 */
import { randomBytes } from 'node:crypto';
import type { CourseDoc, SeriesDoc } from '../../typings/domain';
import { authoringContracts } from '../../typings/functions/authoring';
import type { SeriesView } from '../../typings/functions/authoring';
import { AppError, COLLECTIONS, defineAction, findPage, pageOf, runTransaction, submitMediaChecks, txGet } from '../core';
import type { Database, SortKey, Tx } from '../core';
import { txPut } from './revisions';
import { seriesView } from './views';

export interface SeriesFields {
  title: string;
  summary: string;
  cover: string | null;
  courseIds: string[];
  stepUnlock: boolean;
  audiences: SeriesDoc['audiences'];
}

const NEWEST_FIRST: readonly SortKey[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

/**
 * Writes `series` with `fields` and moves the series id on the courses that join or leave it. Every listed
 * course must exist (be published at least once) and appear once.
 */
async function writeSeriesInTx(tx: Tx, previous: SeriesDoc | null, next: SeriesDoc, now: Date): Promise<SeriesView> {
  if (new Set(next.courseIds).size !== next.courseIds.length) throw new AppError('INVALID_INPUT', '系列中的课程不能重复');
  const before = new Set(previous?.courseIds ?? []);
  const after = new Set(next.courseIds);
  const courses = new Map<string, CourseDoc>();
  for (const courseId of new Set([...before, ...after])) {
    const course = await txGet<CourseDoc>(tx, COLLECTIONS.courses, courseId);
    if (!course) {
      if (after.has(courseId)) throw new AppError('INVALID_INPUT', `课程 ${courseId} 不存在或尚未发布`);
      continue;
    }
    courses.set(courseId, course);
    const has = course.seriesIds.includes(next._id);
    const wanted = after.has(courseId);
    if (has !== wanted) {
      const seriesIds = wanted ? [...course.seriesIds, next._id] : course.seriesIds.filter((id) => id !== next._id);
      await tx.collection(COLLECTIONS.courses).doc(courseId).update({ data: { seriesIds, updatedAt: now } });
    }
  }
  await txPut(tx, COLLECTIONS.series, next);
  return seriesView(next, courses);
}

/** Creates or replaces a series by id (the bulk import uses its slug ids; the app gets random ones). */
export async function saveSeries(db: Database, seriesId: string, fields: SeriesFields, status: SeriesDoc['status'] | null, now: Date): Promise<SeriesView> {
  return runTransaction(db, async (tx) => {
    const previous = await txGet<SeriesDoc>(tx, COLLECTIONS.series, seriesId);
    const next: SeriesDoc = {
      _id: seriesId,
      ...fields,
      status: status ?? previous?.status ?? 'published',
      createdAt: previous?.createdAt ?? now,
      publishedAt: previous?.publishedAt ?? now,
    };
    return writeSeriesInTx(tx, previous, next, now);
  });
}

async function courseTitles(db: Database, ids: readonly string[]): Promise<Map<string, CourseDoc>> {
  const map = new Map<string, CourseDoc>();
  if (ids.length === 0) return map;
  const result = (await db.collection(COLLECTIONS.courses).where({ _id: db.command.in([...new Set(ids)]) }).field({ title: true, status: true }).limit(1000).get()) as unknown as { data: CourseDoc[] };
  for (const course of result.data) map.set(course._id, course);
  return map;
}

export const listSeries = defineAction({
  ...authoringContracts.listSeries,
  roles: ['trainer'],
  async handler({ input, db }) {
    const filter = input.includeArchived ? {} : { status: db.command.neq('archived') };
    const found = await findPage<SeriesDoc>(db, COLLECTIONS.series, filter, NEWEST_FIRST, input);
    const titles = await courseTitles(db, found.docs.flatMap((series) => series.courseIds));
    return pageOf(found, input, (series) => seriesView(series, titles));
  },
});

export const createSeries = defineAction({
  ...authoringContracts.createSeries,
  roles: ['trainer'],
  async handler({ input, caller, db, cloud, now }) {
    const { publish, ...fields } = input;
    await submitMediaChecks(db, cloud, caller, [fields.cover], 'forum');
    return saveSeries(db, `s:${randomBytes(8).toString('hex')}`, fields, publish ? 'published' : 'draft', now());
  },
});

export const updateSeries = defineAction({
  ...authoringContracts.updateSeries,
  roles: ['trainer'],
  async handler({ input, caller, db, cloud, now }) {
    const { seriesId, ...fields } = input;
    await submitMediaChecks(db, cloud, caller, [fields.cover], 'forum');
    return runTransaction(db, async (tx) => {
      const previous = await txGet<SeriesDoc>(tx, COLLECTIONS.series, seriesId);
      if (!previous) throw new AppError('NOT_FOUND', '系列不存在');
      return writeSeriesInTx(tx, previous, { ...previous, ...fields }, now());
    });
  },
});

export const setSeriesStatus = defineAction({
  ...authoringContracts.setSeriesStatus,
  roles: ['trainer'],
  async handler({ input, db, now }) {
    return runTransaction(db, async (tx) => {
      const previous = await txGet<SeriesDoc>(tx, COLLECTIONS.series, input.seriesId);
      if (!previous) throw new AppError('NOT_FOUND', '系列不存在');
      return writeSeriesInTx(tx, previous, { ...previous, status: input.status, publishedAt: previous.publishedAt ?? now() }, now());
    });
  },
});
