/**
 * Who takes part in a course's discussion. A member who can see the course (published, for one of their
 * audiences or everyone: ../access.ts) reads, asks, answers and likes. The course's author, and trainers
 * and admins whose scope covers the author's department (as for editing the course, server/authoring), also
 * take part when the course is not meant for them, hide posts and mark answers; their posts carry a badge.
 * Posts copy the course's author and the author's department when written, so deciding on a post needs no
 * read beyond the post and the course.
 */
import type { CourseAuthoringDoc, CourseDoc, DiscussionBadge, DiscussionPostDoc, MemberDoc } from '../../../typings/domain';
import { AppError, COLLECTIONS, findById, inScope, scopeFor } from '../../core';
import type { Database } from '../../core';
import { audiencesOf, isVisible } from '../../core/visibility';

/** The course a post or a question belongs to, as the discussion needs it. */
export interface CourseStanding {
  courseAuthorId: string;
  /** The author's department ('' when unknown: then only unscoped staff cover it). */
  scopeDepartmentId: string;
}

/** The member's standing in the course: its author, a covering trainer or admin, or null (a learner). */
export function badgeOf(member: Pick<MemberDoc, '_id' | 'roles'>, standing: CourseStanding): DiscussionBadge | null {
  if (member._id === standing.courseAuthorId) return 'author';
  if (inScope(standing.scopeDepartmentId, scopeFor(member, 'trainer'))) return 'trainer';
  if (inScope(standing.scopeDepartmentId, scopeFor(member, 'admin'))) return 'admin';
  return null;
}

const NOT_OPEN = '课程不存在或未对你开放';

/** The published course, if the member may take part in its discussion; NOT_FOUND otherwise (never revealed). */
export function assertTakesPart(course: CourseDoc | null, member: MemberDoc, badge: DiscussionBadge | null, now: Date): CourseDoc {
  if (course?.status !== 'published') throw new AppError('NOT_FOUND', NOT_OPEN);
  if (badge === null && !isVisible(course, audiencesOf(member, now))) throw new AppError('NOT_FOUND', NOT_OPEN);
  return course;
}

/** Whether the member holds a trainer or admin grant at all (only they need the author's department read). */
const isStaff = (member: MemberDoc): boolean => member.roles.some((grant) => grant.role === 'trainer' || grant.role === 'admin');

/**
 * The course and the member's standing in it, from the course (and, for a staff member or a new question,
 * the course's authoring record, which holds the author's department).
 */
export async function courseStanding(
  db: Database,
  member: MemberDoc,
  courseId: string,
  now: Date,
  needDepartment = false,
): Promise<{ course: CourseDoc; standing: CourseStanding; badge: DiscussionBadge | null }> {
  const course = await findById<CourseDoc>(db, COLLECTIONS.courses, courseId);
  let scopeDepartmentId = '';
  if (course && (needDepartment || (isStaff(member) && course.authorId !== member._id))) {
    scopeDepartmentId = (await findById<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, courseId))?.authorDepartmentId ?? '';
  }
  const standing: CourseStanding = { courseAuthorId: course?.authorId ?? '', scopeDepartmentId };
  const badge = course ? badgeOf(member, standing) : null;
  return { course: assertTakesPart(course, member, badge, now), standing, badge };
}

/** A visible post and the course it belongs to, if the member takes part; NOT_FOUND otherwise. */
export async function postStanding(
  db: Database,
  member: MemberDoc,
  postId: string,
  now: Date,
): Promise<{ post: DiscussionPostDoc; course: CourseDoc; badge: DiscussionBadge | null }> {
  const post = await findById<DiscussionPostDoc>(db, COLLECTIONS.discussionPosts, postId);
  if (post?.status !== 'visible') throw new AppError('NOT_FOUND', '内容不存在或已删除');
  const badge = badgeOf(member, post);
  const course = assertTakesPart(await findById<CourseDoc>(db, COLLECTIONS.courses, post.courseId), member, badge, now);
  return { post, course, badge };
}
