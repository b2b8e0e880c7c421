/** What the app sees of courses and series: never a quiz answer (only counts and rules of the quiz). */
import type { CourseDoc, CourseStats, LearningRecordDoc, QuizDoc, SeriesDoc } from '../../typings/domain';
import type { CourseSummary, QuizInfo, SeriesSummary } from '../../typings/functions/course';
import { isoDate } from '../core/published';
import { type UrlMap, urlOf } from '../core';

/** Average rating with one decimal, or null before the first rating. */
export function averageRating(stats: Pick<CourseStats, 'ratingCount' | 'ratingSum'> | undefined): number | null {
  if (!stats || stats.ratingCount <= 0) return null;
  return Math.round((stats.ratingSum / stats.ratingCount) * 10) / 10;
}

export function courseSummary(doc: CourseDoc, urls: UrlMap): CourseSummary {
  return {
    id: doc._id,
    title: doc.title,
    summary: doc.summary,
    coverUrl: urlOf(urls, doc.cover),
    category: doc.category,
    format: doc.format,
    durationMinutes: doc.durationMinutes,
    tags: doc.tags,
    audiences: doc.audiences,
    learners: doc.stats?.learners ?? 0,
    rating: averageRating(doc.stats),
    hasQuiz: hasQuiz(doc.quiz),
    publishedAt: isoDate(doc.publishedAt),
  };
}

export function hasQuiz(quiz: QuizDoc | null | undefined): quiz is QuizDoc {
  return !!quiz && quiz.questions.length > 0;
}

export function attemptsLeft(quiz: QuizDoc, record: Pick<LearningRecordDoc, 'quizAttempts'> | null): number | null {
  return quiz.attemptLimit > 0 ? Math.max(0, quiz.attemptLimit - (record?.quizAttempts ?? 0)) : null;
}

export function quizInfo(quiz: QuizDoc, record: Pick<LearningRecordDoc, 'quizAttempts'> | null): QuizInfo {
  return {
    questionCount: quiz.questions.length,
    passMark: quiz.passMark,
    attemptLimit: quiz.attemptLimit,
    attemptsLeft: attemptsLeft(quiz, record),
    requiredForCompletion: quiz.requiredForCompletion,
  };
}

export function seriesSummary(series: SeriesDoc, urls: UrlMap, completed: ReadonlySet<string>): SeriesSummary {
  return {
    id: series._id,
    title: series.title,
    summary: series.summary,
    coverUrl: urlOf(urls, series.cover),
    courseCount: series.courseIds.length,
    stepUnlock: series.stepUnlock,
    completedCount: series.courseIds.filter((id) => completed.has(id)).length,
  };
}
