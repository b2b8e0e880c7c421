/** What the app sees of revisions, authored courses, queues and series (dates as ISO strings). */
import type { CourseAuthoringDoc, CourseDoc, CourseRevisionDoc, SeriesDoc } from '../../typings/domain';
import type { AuthoredCourseView, ReviewQueueItem, RevisionView, SeriesView } from '../../typings/functions/authoring';
import { isoDate } from '../core/published';

/**
 * Whether `viewerId` must not yet see the other reviewers' scores: they review this round and have not
 * submitted their own (blind review). Authors, editors and trainers are never reviewers of the revision
 * (server/authoring/actions.ts refuses it), so once decided everyone who may open it sees every note.
 */
function sealedFor(revision: CourseRevisionDoc, viewerId: string): boolean {
  return revision.pendingReviewerIds.includes(viewerId);
}

export function revisionView(revision: CourseRevisionDoc, authoring: CourseAuthoringDoc, viewerId: string): RevisionView {
  const sealed = sealedFor(revision, viewerId);
  return {
    revisionId: revision._id,
    courseId: revision.courseId,
    revision: revision.revision,
    status: revision.status,
    courseStatus: authoring.courseStatus,
    authorId: revision.authorId,
    authorName: authoring.authorName,
    fields: revision.fields,
    reviews: revision.reviews.map((review) => {
      const hidden = sealed && review.reviewerId !== viewerId;
      return {
        reviewerId: review.reviewerId,
        reviewerName: review.reviewerName,
        scores: hidden ? null : review.scores,
        average: hidden ? null : review.average,
        notes: hidden ? '' : review.notes,
        scoredAt: hidden ? null : isoDate(review.scoredAt),
        sealed: hidden,
      };
    }),
    finalScore: revision.finalScore,
    rubric: revision.rubric,
    updatedAt: isoDate(revision.updatedAt) as string,
    submittedAt: isoDate(revision.submittedAt),
    decidedAt: isoDate(revision.decidedAt),
  };
}

export function authoredCourseView(authoring: CourseAuthoringDoc): AuthoredCourseView {
  return {
    courseId: authoring._id,
    title: authoring.title,
    format: authoring.format,
    category: authoring.category,
    courseStatus: authoring.courseStatus,
    publishedRevision: authoring.publishedRevision,
    openRevision: authoring.openRevision !== null && authoring.openStatus !== null ? { revision: authoring.openRevision, status: authoring.openStatus } : null,
    updatedAt: isoDate(authoring.updatedAt) as string,
  };
}

export function queueItem(revision: CourseRevisionDoc, reviewerId: string, authorName: string): ReviewQueueItem {
  return {
    revisionId: revision._id,
    courseId: revision.courseId,
    revision: revision.revision,
    title: revision.fields.title,
    format: revision.fields.format,
    authorName,
    submittedAt: isoDate(revision.submittedAt) as string,
    scored: !revision.pendingReviewerIds.includes(reviewerId),
  };
}

export function seriesView(series: SeriesDoc, courses: Map<string, Pick<CourseDoc, 'title' | 'status'>>): SeriesView {
  return {
    seriesId: series._id,
    title: series.title,
    summary: series.summary,
    cover: series.cover,
    courses: series.courseIds.map((courseId) => {
      const course = courses.get(courseId);
      return { courseId, title: course?.title ?? '（课程已删除）', courseStatus: course?.status ?? null };
    }),
    stepUnlock: series.stepUnlock,
    audiences: series.audiences,
    status: series.status,
    createdAt: isoDate(series.createdAt) as string,
  };
}
