/**
 * Quizzes (测验): each attempt's questions and options come in an order derived from the attempt id alone
 * (so the same attempt always shows the same order, and nothing is stored before submission); grading is
 * on the server; a question is right when exactly its answer options are chosen. Submitting an attempt id
 * again answers the stored result and counts once.
 */
import { createHash } from 'node:crypto';
import type { CourseDoc, LearningRecordDoc, QuizAttemptDoc, QuizDoc, QuizQuestion } from '../../typings/domain';
import { courseContracts, type QuizAttemptView, type QuizResult } from '../../typings/functions/course';
import { AppError, COLLECTIONS, defineAction, findById, ownValue, runTransaction, txGet } from '../core';
import { isoDate } from '../core/published';
import { assertUnlocked, emitPendingEvents, newRecord, recordId, saveRecord, settle } from '../learning';
import { loadVisibleCourse } from '../core/visibility';
import { attemptsLeft, hasQuiz, quizInfo } from './views';

/** A small seeded generator (mulberry32) from the attempt id's SHA-256. */
function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** The attempt's questions without answers; true/false options keep their order. */
export function attemptQuestions(quiz: QuizDoc, attemptId: string): QuizAttemptView['questions'] {
  const random = quiz.shuffle ? seededRandom(attemptId) : null;
  const questions = random ? shuffled(quiz.questions, random) : quiz.questions;
  return questions.map((question) => ({
    id: question.id,
    kind: question.kind,
    prompt: question.prompt,
    options: (random && question.kind !== 'true_false' ? shuffled(question.options, random) : question.options).map((option) => ({
      id: option.id,
      text: option.text,
    })),
  }));
}

function isRight(question: QuizQuestion, chosen: readonly string[] | undefined): boolean {
  const picked = new Set(chosen ?? []);
  return picked.size === question.answer.length && question.answer.every((id) => picked.has(id));
}

function attemptKey(memberId: string, courseId: string, attemptId: string): string {
  return `${recordId(memberId, courseId)}:${attemptId}`;
}

function resultView(quiz: QuizDoc, attempt: QuizAttemptDoc, record: LearningRecordDoc): QuizResult {
  const left = attemptsLeft(quiz, record);
  // Answers are revealed only when they can no longer help another attempt.
  const reveal = record.quizPassed || left === 0;
  const right = new Set(attempt.correctIds);
  return {
    attemptId: attempt.attemptId,
    score: attempt.score,
    passed: attempt.passed,
    correctCount: attempt.correctIds.length,
    questionCount: attempt.questionCount,
    attemptsUsed: record.quizAttempts,
    attemptsLeft: left,
    questions: quiz.questions.map((question) => ({
      questionId: question.id,
      correct: right.has(question.id),
      answer: reveal ? question.answer : null,
      explanation: reveal ? (question.explanation ?? null) : null,
    })),
    courseCompleted: record.completed,
    submittedAt: isoDate(attempt.submittedAt) ?? '',
  };
}

function quizOf(course: CourseDoc): QuizDoc {
  if (!hasQuiz(course.quiz)) throw new AppError('NOT_FOUND', '该课程没有测验');
  return course.quiz;
}

export const quiz = defineAction({
  ...courseContracts.quiz,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }): Promise<QuizAttemptView> => {
    const member = caller.member;
    const course = await loadVisibleCourse(db, member, input.courseId, now());
    const doc = quizOf(course);
    await assertUnlocked(db, member._id, course);
    const [record, attempt] = await Promise.all([
      findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, recordId(member._id, course._id)),
      findById<QuizAttemptDoc>(db, COLLECTIONS.quizAttempts, attemptKey(member._id, course._id, input.attemptId)),
    ]);
    return {
      ...quizInfo(doc, record),
      courseId: course._id,
      attemptId: input.attemptId,
      questions: attemptQuestions(doc, input.attemptId),
      submitted: attempt !== null,
      result: attempt && record ? resultView(doc, attempt, record) : null,
    };
  },
});

export const submitQuiz = defineAction({
  ...courseContracts.submitQuiz,
  roles: ['learner'],
  handler: async ({ db, caller, input, now }): Promise<QuizResult> => {
    const at = now();
    const member = caller.member;
    const course = await loadVisibleCourse(db, member, input.courseId, at);
    const doc = quizOf(course);
    await assertUnlocked(db, member._id, course);
    const key = attemptKey(member._id, course._id, input.attemptId);
    const { attempt, record } = await runTransaction(db, async (tx) => {
      const before = await txGet<LearningRecordDoc>(tx, COLLECTIONS.learningRecords, recordId(member._id, course._id));
      const existing = await txGet<QuizAttemptDoc>(tx, COLLECTIONS.quizAttempts, key);
      if (existing && before) return { attempt: existing, record: before };
      const base = before ?? newRecord(member._id, course._id, at);
      if (doc.attemptLimit > 0 && base.quizAttempts >= doc.attemptLimit) throw new AppError('QUIZ_ATTEMPTS_USED');
      const correctIds = doc.questions.filter((question) => isRight(question, ownValue(input.answers, question.id))).map((question) => question.id);
      const score = Math.round((correctIds.length / doc.questions.length) * 100);
      const passed = score >= doc.passMark;
      const submitted: QuizAttemptDoc = {
        _id: key,
        memberId: member._id,
        courseId: course._id,
        attemptId: input.attemptId,
        revision: course.revision,
        // Only known question ids are stored (keys come from the app).
        answers: Object.fromEntries(doc.questions.map((question) => [question.id, ownValue(input.answers, question.id) ?? []])),
        correctIds,
        questionCount: doc.questions.length,
        score,
        passed,
        attemptNo: base.quizAttempts + 1,
        submittedAt: at,
      };
      const { _id: _key, ...data } = submitted;
      await tx.collection(COLLECTIONS.quizAttempts).doc(key).set({ data });
      const after = settle(
        course,
        {
          ...base,
          quizAttempts: base.quizAttempts + 1,
          quizPassed: base.quizPassed || passed,
          quizBestScore: Math.max(base.quizBestScore ?? 0, score),
          lastStudiedAt: at,
        },
        at,
      );
      await saveRecord(tx, before, after);
      return { attempt: submitted, record: after };
    });
    await emitPendingEvents(db, record, at, { course, member });
    return resultView(doc, attempt, record);
  },
});
