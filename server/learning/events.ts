/**
 * The completion hooks: completing a course and passing its quiz are paid by the points module, a
 * completion advances the member's required assignments and counts as a conversion of the share that
 * brought the member (server/share/conversions.ts). `onCourseCompleted` and
 * `awardPointsForEvent` are idempotent per member and course (and type); the record's flags only save calls once
 * an event was handed over, so a crash between the commit and the hand-over is repaired by the next report
 * or submission. A course passed also issues its certificates (./certificates.ts), once.
 */
import type { CourseDoc, LearningRecordDoc, MemberDoc } from '../../typings/domain';
import { COLLECTIONS, type Database } from '../core';
import { awardPointsForEvent } from '../points';
import { onCourseCompleted } from '../assignment';
import { recordCourseConversion } from '../share';
import { certificatesDue, certifyPassedCourse } from './certificates';

export async function emitPendingEvents(db: Database, record: LearningRecordDoc, now: Date, passed?: { course: CourseDoc; member: MemberDoc }): Promise<void> {
  const flags: Partial<Pick<LearningRecordDoc, 'completionEmitted' | 'quizPassEmitted' | 'certificatesEmitted'>> = {};
  if (record.quizPassed && !record.quizPassEmitted) {
    await awardPointsForEvent(db, { type: 'quiz_passed', memberId: record.memberId, sourceId: record.courseId, occurredAt: now });
    flags.quizPassEmitted = true;
  }
  if (record.completed && !record.completionEmitted) {
    const occurredAt = record.completedAt ? new Date(record.completedAt) : now;
    await awardPointsForEvent(db, { type: 'course_completed', memberId: record.memberId, sourceId: record.courseId, occurredAt });
    // Required assignments (必修) count the completion too; also idempotent per member and course.
    await onCourseCompleted(db, record.memberId, record.courseId, now);
    // A colleague's share that brought the member to the course (or to a series holding it) converted.
    await recordCourseConversion(db, record.memberId, record.courseId, occurredAt);
    flags.completionEmitted = true;
  }
  // A course passed (completed, its quiz passed when it has one) certifies it and the series it completes.
  if (passed && certificatesDue(passed.course, record)) {
    await certifyPassedCourse(db, passed.member, passed.course, record, now);
    flags.certificatesEmitted = true;
  }
  if (Object.keys(flags).length > 0) await db.collection(COLLECTIONS.learningRecords).doc(record._id).update({ data: flags });
}
