/**
 * Actions of function `authoring` for authors as creators (创作激励): 我的创作 (each course's figures, the
 * author's level and progress, points earned by authoring), the author-level ladder an admin sets (作者等级,
 * default 黄带 / 蓝带 / 黑带) with the standard a course's rating must reach to pay its author, and the manual
 * run of the authoring rewards (the timer runs it too). The points themselves are earning rules (积分规则).
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import type { CourseStatus } from '../domain';
import { requiredText } from '../schema';
import type { AuthorAwardBadge } from './author-awards';

export const AUTHOR_LIMITS = {
  levels: 6,
  levelName: 10,
  /** Upper bound of every count threshold (courses, categories, quiz courses, learners). */
  count: 1_000_000,
} as const;

/**
 * One rung of the author ladder: a member reaches it when every threshold is met by their published courses
 * (课程数), the categories they span (覆盖类别), how many carry a quiz (难度: a course with a quiz asks more of
 * its learners), their learners (学员数) and the average rating over all their ratings (平均评分, 0 = any).
 */
export interface AuthorLevelRule {
  name: string;
  minCourses: number;
  minCategories: number;
  minQuizCourses: number;
  minLearners: number;
  minAverageRating: number;
}

export interface AuthorSettings {
  /** Lowest first; each rung at least as demanding as the one below. */
  levels: AuthorLevelRule[];
  /** A course pays its author the `course_rated` points once its average reaches this with enough ratings. */
  ratedCourse: { minAverage: number; minRatings: number };
}

export interface AuthorSettingsView extends AuthorSettings {
  /** ISO 8601, or null while the defaults apply. */
  updatedAt: string | null;
}

/** An author's figures over their published courses. */
export interface AuthorFigures {
  courses: number;
  categories: number;
  quizCourses: number;
  learners: number;
  ratingCount: number;
  /** Over every rating of every published course, 2 decimals; null without ratings. */
  averageRating: number | null;
}

/** One level change, kept for ever (a level once reached is never taken away). */
export interface AuthorLevelChange {
  /** 1 = the lowest rung. */
  rank: number;
  name: string;
  /** ISO 8601. */
  at: string;
  /** Why, in Chinese: the figures that met the rung's thresholds that day. */
  reason: string;
}

/** One threshold of the next rung and how far the author is. */
export interface LevelProgressItem {
  label: string;
  current: number;
  required: number;
}

export interface AuthorLevelView {
  /** 0 before the first rung. */
  rank: number;
  name: string | null;
  reachedAt: string | null;
  /** The next rung under today's rules, or null at the top. */
  next: { name: string; items: LevelProgressItem[] } | null;
  history: AuthorLevelChange[];
}

/** One course in 我的创作. */
export interface CreationCourseView {
  courseId: string;
  title: string;
  status: CourseStatus;
  learners: number;
  completions: number;
  /** Percent of learners who completed, or null without learners. */
  completionRate: number | null;
  /** Valid study time over all learners, minutes (from the report rollup, updated every 15 minutes). */
  studyMinutes: number;
  ratingAverage: number | null;
  ratingCount: number;
  comments: number;
  /** Percent of quiz takers who passed, or null without a quiz or takers. */
  quizPassRate: number | null;
}

export interface MyCreationsView {
  level: AuthorLevelView;
  figures: AuthorFigures;
  /** Points paid by the authoring earning rules, in total. */
  pointsEarned: number;
  /** Published and archived courses, newest first (at most 100). */
  courses: CreationCourseView[];
  /** Annual author awards won (published years), newest first. */
  awards: AuthorAwardBadge[];
}

export interface AuthorRewardsRunResult {
  /** Points entries paid in this run, by kind. */
  learners: number;
  rated: number;
  awards: number;
  /** Authors whose level was looked at again. */
  authors: number;
  /** True when the run stopped for time with work left (the next run continues). */
  more: boolean;
}

const count = z.int().check(z.gte(0), z.lte(AUTHOR_LIMITS.count));
const rating = z.number().check(z.gte(0), z.lte(5));

export const authorContracts = {
  /** 我的创作: the caller's own courses and level. */
  myCreations: contract<MyCreationsView>()(z.strictObject({})),
  getAuthorSettings: contract<AuthorSettingsView>()(z.strictObject({})),
  /** Company-wide admins only; new thresholds apply from now on (levels reached stay). */
  setAuthorSettings: contract<AuthorSettingsView>()(
    z.strictObject({
      levels: z
        .array(
          z.strictObject({
            name: requiredText(AUTHOR_LIMITS.levelName),
            minCourses: count,
            minCategories: count,
            minQuizCourses: count,
            minLearners: count,
            minAverageRating: rating,
          }),
        )
        .check(z.minLength(1), z.maxLength(AUTHOR_LIMITS.levels)),
      ratedCourse: z.strictObject({ minAverage: rating.check(z.gte(1)), minRatings: z.int().check(z.gte(1), z.lte(10_000)) }),
    }),
  ),
  /** Pays what authoring earned since the last run and looks at authors' levels again (admin; the timer runs it hourly). */
  runAuthorRewards: contract<AuthorRewardsRunResult>()(z.strictObject({})),
};
