/**
 * Who sees what: a learner sees published courses and series meant for one of their audiences, or for
 * everyone (no audience). The catalogue, progress reports and shares apply the same rule.
 */
import type { Audience, CourseDoc, MemberDoc } from '../../typings/domain';
import { deriveAudiences } from './audiences';
import type { Database } from './cloud';
import { COLLECTIONS } from './collections';
import { findById } from './db';
import { AppError } from './errors';

export function audiencesOf(member: MemberDoc, now: Date): Audience[] {
  return deriveAudiences(member, now);
}

/** A query condition: published, and for everyone or for one of `audiences`. */
export function visibleCondition(db: Database, audiences: readonly Audience[]): Record<string, unknown> {
  const _ = db.command;
  // Field-level or (documented for db.command.or): no audience, or any of mine.
  const everyone = _.size(0);
  return { status: 'published', audiences: audiences.length > 0 ? _.or([everyone, _.in([...audiences])]) : everyone };
}

export function isVisible(doc: Pick<CourseDoc, 'status' | 'audiences'>, audiences: readonly Audience[]): boolean {
  return doc.status === 'published' && (doc.audiences.length === 0 || doc.audiences.some((audience) => audiences.includes(audience)));
}

/** The course if the member may see it; NOT_FOUND otherwise (a hidden course is not revealed). */
export async function loadVisibleCourse(db: Database, member: MemberDoc, courseId: string, now: Date): Promise<CourseDoc> {
  const course = await findById<CourseDoc>(db, COLLECTIONS.courses, courseId);
  if (!course || !isVisible(course, audiencesOf(member, now))) throw new AppError('NOT_FOUND', '课程不存在或未对你开放');
  return course;
}
