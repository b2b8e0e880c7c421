/**
 * Series (系列课): an ordered list of published courses. A course's `seriesIds` mirrors the series that hold
 * it; both sides change in one transaction so the catalogue's series filter never disagrees with the series.
 */
import { randomBytes } from 'node:crypto';
import type { CourseDoc, SeriesDoc } from '../../typings/domain';
import { authoringContracts } from '../../typings/functions/authoring';
import type { SeriesView } from '../../typings/functions/authoring';
import {
  AppError,
  assertOwnUploads,
  checkTexts,
  COLLECTIONS,
  defineAction,
  findById,
  findPage,
  pageOf,
  runTransaction,
  submitMediaChecks,
  txGet,
} from '../core';
import type { Database, SortKey, Tx } from '../core';
import { assertManagesSeries, managedSeriesCondition } from './access';
import { txPut } from '../core/transaction';
import { seriesView } from './views';
import { importedSeriesId } from './imports';

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
      await tx
        .collection(COLLECTIONS.courses)
        .doc(courseId)
        .update({ data: { seriesIds, updatedAt: now } });
    }
  }
  await txPut(tx, COLLECTIONS.series, next);
  return seriesView(next, courses);
}

/** Who manages a new series (see server/authoring/access.ts); the bulk import makes headquarters series. */
export interface SeriesOwner {
  ownerId: string | null;
  ownerDepartmentId: string | null;
}

const HEADQUARTERS: SeriesOwner = { ownerId: null, ownerDepartmentId: null };

/** Creates or replaces a series by id (the bulk import uses its slug ids; the app gets random ones). */
export async function saveSeries(
  db: Database,
  seriesId: string,
  fields: SeriesFields,
  status: SeriesDoc['status'] | null,
  now: Date,
  owner: SeriesOwner = HEADQUARTERS,
  /** Refuse (CONFLICT, with this message) instead of replacing a series that exists: a keyed import's create. */
  existsMessage?: string,
): Promise<SeriesView> {
  return runTransaction(db, async (tx) => {
    const previous = await txGet<SeriesDoc>(tx, COLLECTIONS.series, seriesId);
    if (previous && existsMessage) throw new AppError('CONFLICT', existsMessage);
    const next: SeriesDoc = {
      _id: seriesId,
      ...fields,
      status: status ?? previous?.status ?? 'published',
      createdAt: previous?.createdAt ?? now,
      publishedAt: previous?.publishedAt ?? now,
      // A replaced series keeps its owner.
      ownerId: previous ? (previous.ownerId ?? null) : owner.ownerId,
      ownerDepartmentId: previous ? (previous.ownerDepartmentId ?? null) : owner.ownerDepartmentId,
    };
    return writeSeriesInTx(tx, previous, next, now);
  });
}

async function courseTitles(db: Database, ids: readonly string[]): Promise<Map<string, CourseDoc>> {
  const map = new Map<string, CourseDoc>();
  if (ids.length === 0) return map;
  const result = (await db
    .collection(COLLECTIONS.courses)
    .where({ _id: db.command.in([...new Set(ids)]) })
    .field({ title: true, status: true })
    .limit(1000)
    .get()) as unknown as { data: CourseDoc[] };
  for (const course of result.data) map.set(course._id, course);
  return map;
}

export const listSeries = defineAction({
  ...authoringContracts.listSeries,
  roles: ['trainer'],
  async handler({ input, caller, db }) {
    const status = input.includeArchived ? null : { status: db.command.neq('archived') };
    const managed = managedSeriesCondition(db, caller.member);
    const parts = [status, managed].filter((part): part is Record<string, unknown> => part !== null);
    const filter = parts.length === 2 ? (db.command.and(parts) as unknown as Record<string, unknown>) : (parts[0] ?? {});
    const found = await findPage<SeriesDoc>(db, COLLECTIONS.series, filter, NEWEST_FIRST, input);
    const titles = await courseTitles(
      db,
      found.docs.flatMap((series) => series.courseIds),
    );
    return pageOf(found, input, (series) => seriesView(series, titles));
  },
});

export const createSeries = defineAction({
  ...authoringContracts.createSeries,
  roles: ['trainer'],
  async handler({ input, caller, db, cloud, now }) {
    const { publish, importKey, ...fields } = input;
    assertOwnUploads(caller.openid, [fields.cover]);
    await checkTexts(cloud, caller.openid, [fields.title, fields.summary], 'forum');
    const owner = { ownerId: caller.member._id, ownerDepartmentId: caller.member.departmentId };
    const seriesId = importKey ? importedSeriesId(caller.member._id, importKey) : `s:${randomBytes(8).toString('hex')}`;
    const exists = importKey ? `导入标识 ${importKey} 的系列已导入过` : undefined;
    const saved = await saveSeries(db, seriesId, fields, publish ? 'published' : 'draft', now(), owner, exists);
    // After the save, so a refused series (an unknown course, say) writes nothing.
    await submitMediaChecks(db, cloud, caller, [fields.cover], 'forum');
    return saved;
  },
});

export const updateSeries = defineAction({
  ...authoringContracts.updateSeries,
  roles: ['trainer'],
  async handler({ input, caller, db, cloud, now }) {
    const { seriesId, ...fields } = input;
    // Refusals come before anything is written: the media check records a document per new file.
    const stored = await findById<SeriesDoc>(db, COLLECTIONS.series, seriesId);
    if (!stored) throw new AppError('NOT_FOUND', '系列不存在');
    assertManagesSeries(caller, stored);
    assertOwnUploads(caller.openid, [fields.cover], { kept: [stored.cover] });
    await checkTexts(cloud, caller.openid, [fields.title, fields.summary], 'forum');
    await submitMediaChecks(db, cloud, caller, [fields.cover], 'forum');
    return runTransaction(db, async (tx) => {
      const previous = await txGet<SeriesDoc>(tx, COLLECTIONS.series, seriesId);
      if (!previous) throw new AppError('NOT_FOUND', '系列不存在');
      assertManagesSeries(caller, previous);
      assertOwnUploads(caller.openid, [fields.cover], { kept: [previous.cover] });
      return writeSeriesInTx(tx, previous, { ...previous, ...fields }, now());
    });
  },
});

export const setSeriesStatus = defineAction({
  ...authoringContracts.setSeriesStatus,
  roles: ['trainer'],
  async handler({ input, caller, db, now }) {
    return runTransaction(db, async (tx) => {
      const previous = await txGet<SeriesDoc>(tx, COLLECTIONS.series, input.seriesId);
      if (!previous) throw new AppError('NOT_FOUND', '系列不存在');
      assertManagesSeries(caller, previous);
      return writeSeriesInTx(tx, previous, { ...previous, status: input.status, publishedAt: previous.publishedAt ?? now() }, now());
    });
  },
});
