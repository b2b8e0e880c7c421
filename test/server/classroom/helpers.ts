/** Shared set-up of the classroom tests: departments, a published course with a quiz, a session's fields. */
import { insertAll } from '../../helpers/db';

export const HQ = 'dept:总部';
export const A = 'dept:甲分公司';
export const B = 'dept:乙分公司';

export const QUIZ_COURSE = 'c:cls-quiz';
export const READING_COURSE = 'c:cls-reading';

export async function seedClassroomWorld(): Promise<void> {
  await insertAll('departments', [
    { _id: HQ, name: '总部', path: ['总部'], parentId: null },
    { _id: `${HQ}/信息技术部`, name: '信息技术部', path: ['总部', '信息技术部'], parentId: HQ },
    { _id: A, name: '甲分公司', path: ['甲分公司'], parentId: null },
    { _id: B, name: '乙分公司', path: ['乙分公司'], parentId: null },
  ]);
  const course = (id: string, title: string, quiz: boolean) => ({
    _id: id,
    title,
    status: 'published',
    seriesIds: [],
    audiences: [],
    format: 'article',
    category: 'general_skills',
    durationMinutes: 5,
    tags: [],
    summary: '',
    cover: null,
    authorId: 'm:author',
    revision: 1,
    content: { blocks: [] },
    quiz: quiz
      ? {
          passMark: 60,
          attemptLimit: 0,
          requiredForCompletion: true,
          shuffle: false,
          questions: [
            {
              id: 'q1',
              kind: 'true_false',
              prompt: '沟通要倾听',
              options: [
                { id: 't', text: '对' },
                { id: 'f', text: '错' },
              ],
              answer: ['t'],
            },
          ],
        }
      : null,
    stats: { learners: 0, completions: 0, ratingCount: 0, ratingSum: 0 },
    createdAt: new Date(),
    updatedAt: new Date(),
    publishedAt: new Date(),
  });
  await insertAll('courses', [course(QUIZ_COURSE, '沟通课前测验', true), course(READING_COURSE, '沟通的四个层次', false)]);
}

/** A session's fields for `save`, on `day` from 14:00 to 16:00 Beijing. */
export function sessionFields(day: string, overrides: Record<string, unknown> = {}) {
  return {
    title: '高效沟通工作坊',
    summary: '面对面练习反馈与倾听',
    place: '总部 3 楼培训室',
    day,
    startTime: '14:00',
    endTime: '16:00',
    capacity: 30,
    ...overrides,
  };
}

/** A learning record of `memberId` for `courseId` whose quiz is passed (or not). */
export function quizRecord(memberId: string, courseId: string, passed: boolean) {
  const at = new Date();
  return {
    _id: `${memberId}:${courseId}`,
    memberId,
    courseId,
    position: 0,
    furthest: 100,
    percent: 100,
    studyMs: 60_000,
    creditedUntil: null,
    completed: passed,
    completedAt: passed ? at : null,
    completionEmitted: false,
    quizAttempts: 1,
    quizPassed: passed,
    quizBestScore: passed ? 100 : 0,
    quizPassEmitted: false,
    startedAt: at,
    lastStudiedAt: at,
    updatedAt: at,
  };
}
