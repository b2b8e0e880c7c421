/**
 * Revisions (版本): a course document holds the published revision; drafts and revisions under review live in
 * `courseRevisions/<courseId>:<n>`, and `courseAuthoring/<courseId>` says which revision is open. Publishing
 * copies a revision's fields into the course in the same transaction that closes the revision, so learners
 * never see a half-published course, and learner records (keyed by member and course) survive revisions.
 */
import type { CourseAuthoringDoc, CourseDoc, CourseFieldsDoc, CourseRevisionDoc } from '../../typings/domain';
import { COLLECTIONS, releaseDroppedFiles, runTransaction, txGet, txPut } from '../core';
import type { Database, Tx } from '../core';
import { pickFields } from './fields';

export function revisionId(courseId: string, revision: number): string {
  return `${courseId}:${revision}`;
}

/** Splits `<courseId>:<n>` (course ids may contain colons themselves). */
export function parseRevisionId(id: string): { courseId: string; revision: number } | null {
  const at = id.lastIndexOf(':');
  const revision = Number(id.slice(at + 1));
  if (at <= 0 || !Number.isInteger(revision) || revision < 1) return null;
  return { courseId: id.slice(0, at), revision };
}

export interface Author {
  memberId: string;
  name: string;
  departmentId: string;
}

/** Who may not review `revision`: whoever created or changed it, and the course's author. */
export function editorsOf(revision: Pick<CourseRevisionDoc, 'authorId' | 'editorIds'>): string[] {
  return [...new Set([revision.authorId, ...(revision.editorIds ?? [])])];
}

/** A fresh draft revision document, created by `editorId` (the author, or a trainer editing for them). */
export function draftRevision(
  courseId: string,
  revision: number,
  authorId: string,
  fields: CourseFieldsDoc,
  now: Date,
  editorId: string = authorId,
): CourseRevisionDoc {
  return {
    _id: revisionId(courseId, revision),
    courseId,
    revision,
    status: 'draft',
    authorId,
    editorIds: [editorId],
    fields: pickFields(fields),
    reviewerIds: [],
    pendingReviewerIds: [],
    reviews: [],
    rubric: null,
    finalScore: null,
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
    decidedAt: null,
  };
}

export function newAuthoring(courseId: string, author: Author, fields: CourseFieldsDoc, now: Date): CourseAuthoringDoc {
  return {
    _id: courseId,
    authorId: author.memberId,
    authorName: author.name,
    authorDepartmentId: author.departmentId,
    title: fields.title,
    format: fields.format,
    category: fields.category,
    courseStatus: 'draft',
    publishedRevision: 0,
    latestRevision: 0,
    openRevision: null,
    openStatus: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Makes `revision` the live one: copies its fields into `courses/<id>` (keeping the course's counters,
 * series and creation time), marks it published and closes it on the authoring document. An archived course
 * stays archived (its new content shows when it is restored).
 */
export async function publishInTx(tx: Tx, authoring: CourseAuthoringDoc, revision: CourseRevisionDoc, now: Date): Promise<CourseAuthoringDoc> {
  const existing = await txGet<CourseDoc>(tx, COLLECTIONS.courses, authoring._id);
  const status = existing?.status === 'archived' ? 'archived' : 'published';
  const course: CourseDoc = {
    _id: authoring._id,
    ...pickFields(revision.fields),
    authorId: revision.authorId,
    seriesIds: existing?.seriesIds ?? [],
    status,
    revision: revision.revision,
    stats: existing?.stats ?? { learners: 0, completions: 0, ratingCount: 0, ratingSum: 0 },
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    publishedAt: now,
  };
  await txPut(tx, COLLECTIONS.courses, course);
  await releaseDroppedFiles(tx, authoring._id, existing?.files, course.files, now);
  await tx
    .collection(COLLECTIONS.courseRevisions)
    .doc(revision._id)
    .update({ data: { status: 'published', decidedAt: now, updatedAt: now } });
  const next: CourseAuthoringDoc = {
    ...authoring,
    title: revision.fields.title,
    format: revision.fields.format,
    category: revision.fields.category,
    courseStatus: status,
    publishedRevision: revision.revision,
    latestRevision: Math.max(authoring.latestRevision, revision.revision),
    openRevision: authoring.openRevision === revision.revision ? null : authoring.openRevision,
    openStatus: authoring.openRevision === revision.revision ? null : authoring.openStatus,
    updatedAt: now,
  };
  await txPut(tx, COLLECTIONS.courseAuthoring, next);
  return next;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

function sameFields(a: CourseFieldsDoc, b: CourseFieldsDoc): boolean {
  return JSON.stringify(pickFields(a)) === JSON.stringify(pickFields(b));
}

/**
 * Publishes `fields` as the next revision of `courseId` without review (the bulk import, run by whoever holds
 * the environment's keys). Idempotent: the same fields again change nothing. A revision open in the app is
 * left alone (it goes through review on its own).
 */
export async function publishDirectly(db: Database, courseId: string, fields: CourseFieldsDoc, author: Author, now: Date): Promise<ImportOutcome> {
  return runTransaction(db, async (tx) => {
    const found = await txGet<CourseAuthoringDoc>(tx, COLLECTIONS.courseAuthoring, courseId);
    if (found && found.publishedRevision > 0) {
      const live = await txGet<CourseDoc>(tx, COLLECTIONS.courses, courseId);
      if (live && sameFields(live, fields)) return 'unchanged';
    }
    const authoring = found ?? newAuthoring(courseId, author, fields, now);
    const number = authoring.latestRevision + 1;
    const revision = draftRevision(courseId, number, authoring.authorId, fields, now);
    await txPut(tx, COLLECTIONS.courseRevisions, { ...revision, status: 'published', decidedAt: now });
    await publishInTx(tx, { ...authoring, latestRevision: number }, revision, now);
    return found ? 'updated' : 'created';
  });
}
