/**
 * Learning certificates (课程证书, 系列证书), issued once a course is passed: completed, and its quiz
 * passed when it has one. A course with a quiz (a pass mark) certifies the member for that course; a series
 * certifies them once every course in it is completed and every quiz in it passed, when at least one of its
 * courses carries a quiz (a series without a pass mark certifies nothing). Each certificate is one document
 * per member and achievement, created once however many calls race (server/core/certificates.ts).
 *
 * Looked at once per passed course (the record's `certificatesEmitted`): a course completed without its
 * optional quiz is looked at again when the quiz is passed. Operations: none until the course is passed;
 * then the course certificate (insert-once), and for a course in series the series, their courses and the
 * member's records of them (3 reads) and each series certificate earned.
 */
import type { CertificateDoc, CourseDoc, LearningRecordDoc, MemberDoc, SeriesDoc } from '../../typings/domain';
import { byIds, COLLECTIONS } from '../core';
import type { Database } from '../core';
import { certificateNumber, issueCertificate } from '../core/certificates';
import { beijingDate } from '../core/time';
import { recordId } from './record';

type Holder = Pick<MemberDoc, '_id' | 'name' | 'departmentPath'>;

const hasQuiz = (course: Pick<CourseDoc, 'quiz'>): boolean => course.quiz !== null && course.quiz.questions.length > 0;

/** Completed, and the quiz passed when there is one. */
const passedCourse = (course: Pick<CourseDoc, 'quiz'>, record: Pick<LearningRecordDoc, 'completed' | 'quizPassed'> | undefined): boolean =>
  record?.completed === true && (!hasQuiz(course) || record.quizPassed);

/** Whether the record is due a look: passed, and not looked at since. */
export function certificatesDue(course: Pick<CourseDoc, 'quiz'>, record: LearningRecordDoc): boolean {
  return !record.certificatesEmitted && passedCourse(course, record);
}

/** Issues what passing `course` earned the member: its certificate and those of series it completes. */
export async function certifyPassedCourse(db: Database, member: Holder, course: CourseDoc, record: LearningRecordDoc, now: Date): Promise<CertificateDoc[]> {
  const issued: CertificateDoc[] = [];
  const holder = { memberId: member._id, memberName: member.name, departmentPath: member.departmentPath };
  const day = beijingDate(record.completedAt ?? now);
  if (hasQuiz(course)) {
    const score = record.quizBestScore ?? 0;
    issued.push(
      await issueCertificate(
        db,
        {
          kind: 'course',
          source: course._id,
          ...holder,
          achievement: course.title,
          detail: `课程测验 ${score} 分，通过`,
          number: certificateNumber('KC', day, `${course._id}:${member._id}`),
        },
        now,
      ),
    );
  }
  const seriesIds = course.seriesIds ?? [];
  if (seriesIds.length === 0) return issued;
  const series = [...(await byIds<SeriesDoc>(db, COLLECTIONS.series, seriesIds)).values()].filter((doc) => doc.status === 'published');
  const courseIds = [...new Set(series.flatMap((doc) => doc.courseIds))];
  if (courseIds.length === 0) return issued;
  const [courses, records] = await Promise.all([
    byIds<CourseDoc>(db, COLLECTIONS.courses, courseIds),
    byIds<LearningRecordDoc>(
      db,
      COLLECTIONS.learningRecords,
      courseIds.map((id) => recordId(member._id, id)),
    ),
  ]);
  // The record just saved may be newer than the one read back.
  records.set(record._id, record);
  for (const doc of series) {
    const members = doc.courseIds.map((id) => courses.get(id)).filter((found): found is CourseDoc => found !== undefined);
    if (members.length === 0 || !members.some(hasQuiz)) continue;
    if (!members.every((each) => passedCourse(each, records.get(recordId(member._id, each._id))))) continue;
    const quizzes = members.filter(hasQuiz).length;
    issued.push(
      await issueCertificate(
        db,
        {
          kind: 'series',
          source: doc._id,
          ...holder,
          achievement: doc.title,
          detail: `完成全部 ${members.length} 门课程，通过 ${quizzes} 项测验`,
          number: certificateNumber('XL', day, `${doc._id}:${member._id}`),
        },
        now,
      ),
    );
  }
  return issued;
}
