/**
 * Author levels (作者等级): a ladder an admin sets (default 黄带 / 蓝带 / 黑带), reached from the author's
 * published courses, the categories they span, how many carry a quiz, their learners and average rating.
 *
 * A level once reached is kept: each look at an author compares the rung today's rules give with the rung
 * held, and only ever moves up, recording the change with its date and the figures that earned it. So a
 * later change of thresholds applies from then on and never takes a level away (`advance` is the whole rule;
 * a property test replays random histories of figures and rule changes through it).
 */
import sumBy from 'lodash/sumBy';
import type { CourseAuthoringDoc, CourseDoc, MemberDoc } from '../../typings/domain';
import type { AuthorFigures, AuthorLevelChange, AuthorLevelRule, AuthorLevelView, AuthorSettings, AuthorSettingsView } from '../../typings/functions/authors';
import { AppError, byIds, COLLECTIONS, docsOf, findById, runTransaction, txGet } from '../core';
import type { Database } from '../core';
import { txPut } from '../core/transaction';
import { certificateNumber, issueCertificate } from '../core/certificates';
import { beijingDate } from '../core/time';
import { notify } from '../core/notify';
import type { NotificationDraft } from '../core/notify';
import type { AuthorLevelDoc, AuthorSettingsDoc } from '../../typings/docs/authoring';

/** 我的创作 (packageStudio/creations), where the level and its progress show. */
export const CREATIONS_PAGE = 'packageStudio/creations/index';

/**
 * 升级提醒 of an author level: one per member and rung (source `rank<N>`, so its id is deterministic and a
 * rung reached by two reviews at once is notified once), created after the change is committed.
 */
export function authorLevelNotice(memberId: string, rank: number, name: string): NotificationDraft {
  return { memberId, kind: 'author_level', source: `rank${rank}`, title: `升级为「${name}」作者`, body: `恭喜达到作者等级「${name}」`, page: CREATIONS_PAGE };
}

export const AUTHOR_SETTINGS_ID = 'authors';

/** Chosen defaults: a first course makes a 黄带; 蓝带 and 黑带 ask for breadth, quizzes, reach and quality. */
export const DEFAULT_AUTHOR_SETTINGS: AuthorSettings = {
  levels: [
    { name: '黄带', minCourses: 1, minCategories: 1, minQuizCourses: 0, minLearners: 0, minAverageRating: 0 },
    { name: '蓝带', minCourses: 5, minCategories: 2, minQuizCourses: 2, minLearners: 100, minAverageRating: 4 },
    { name: '黑带', minCourses: 15, minCategories: 3, minQuizCourses: 8, minLearners: 1000, minAverageRating: 4.5 },
  ],
  ratedCourse: { minAverage: 4.5, minRatings: 10 },
};

export async function readAuthorSettings(db: Database): Promise<AuthorSettingsView> {
  const doc = await findById<AuthorSettingsDoc>(db, COLLECTIONS.authoringSettings, AUTHOR_SETTINGS_ID);
  if (!doc) return { ...DEFAULT_AUTHOR_SETTINGS, updatedAt: null };
  return { levels: doc.levels, ratedCourse: doc.ratedCourse, updatedAt: doc.updatedAt.toISOString() };
}

/** Each rung must ask at least what the one below asks, or a member could hold a rung above one they miss. */
export function assertLadder(levels: readonly AuthorLevelRule[]): void {
  const names = new Set(levels.map((level) => level.name));
  if (names.size !== levels.length) throw new AppError('INVALID_INPUT', '等级名称不能重复');
  const keys = ['minCourses', 'minCategories', 'minQuizCourses', 'minLearners', 'minAverageRating'] as const;
  levels.forEach((level, index) => {
    const below = levels[index - 1];
    if (below && keys.some((key) => level[key] < below[key])) throw new AppError('INVALID_INPUT', `「${level.name}」的各项门槛不能低于「${below.name}」`);
  });
}

export async function saveAuthorSettings(db: Database, settings: AuthorSettings, adminId: string, at: Date): Promise<AuthorSettingsView> {
  assertLadder(settings.levels);
  const doc: AuthorSettingsDoc = { _id: AUTHOR_SETTINGS_ID, levels: settings.levels, ratedCourse: settings.ratedCourse, updatedAt: at, updatedBy: adminId };
  await runTransaction(db, (tx) => txPut(tx, COLLECTIONS.authoringSettings, doc));
  return { levels: doc.levels, ratedCourse: doc.ratedCourse, updatedAt: at.toISOString() };
}

/** The figures of a set of courses (the author's published ones). */
export function figuresOf(courses: readonly Pick<CourseDoc, 'category' | 'quiz' | 'stats'>[]): AuthorFigures {
  const ratingCount = sumBy(courses, (course) => course.stats.ratingCount);
  const ratingSum = sumBy(courses, (course) => course.stats.ratingSum);
  return {
    courses: courses.length,
    categories: new Set(courses.map((course) => course.category)).size,
    quizCourses: courses.filter((course) => course.quiz !== null && course.quiz.questions.length > 0).length,
    learners: sumBy(courses, (course) => course.stats.learners),
    ratingCount,
    averageRating: ratingCount > 0 ? Math.round((ratingSum / ratingCount) * 100) / 100 : null,
  };
}

function meets(rule: AuthorLevelRule, figures: AuthorFigures): boolean {
  return (
    figures.courses >= rule.minCourses &&
    figures.categories >= rule.minCategories &&
    figures.quizCourses >= rule.minQuizCourses &&
    figures.learners >= rule.minLearners &&
    (rule.minAverageRating === 0 || (figures.averageRating ?? 0) >= rule.minAverageRating)
  );
}

/** The rung (1-based, 0 for none) the rules give for these figures: the highest whose thresholds are all met. */
export function rungFor(levels: readonly AuthorLevelRule[], figures: AuthorFigures): number {
  for (let index = levels.length - 1; index >= 0; index -= 1) if (meets(levels[index] as AuthorLevelRule, figures)) return index + 1;
  return 0;
}

export type AuthorLevelState = Pick<AuthorLevelDoc, 'rank' | 'name' | 'reachedAt' | 'history'>;

function reasonOf(figures: AuthorFigures): string {
  const rating = figures.averageRating === null ? '暂无评分' : `平均评分 ${figures.averageRating}`;
  return `已发布 ${figures.courses} 门课程，覆盖 ${figures.categories} 个类别，${figures.quizCourses} 门带测验，学员 ${figures.learners} 人，${rating}`;
}

/** The state after looking at the author on `at`, or null when it stays as it is (never lower). */
export function advance(held: AuthorLevelState | null, figures: AuthorFigures, levels: readonly AuthorLevelRule[], at: Date): AuthorLevelState | null {
  const rank = rungFor(levels, figures);
  if (rank <= (held?.rank ?? 0)) return null;
  const name = (levels[rank - 1] as AuthorLevelRule).name;
  return { rank, name, reachedAt: at, history: [...(held?.history ?? []), { rank, name, at, reason: reasonOf(figures) }] };
}

/** The author's published courses (their authoring records name them; at most 1000 courses per author). */
export async function publishedCoursesOf(db: Database, authorId: string): Promise<{ authoring: CourseAuthoringDoc[]; courses: Map<string, CourseDoc> }> {
  const authoring = await docsOf<CourseAuthoringDoc>(db.collection(COLLECTIONS.courseAuthoring).where({ authorId }).orderBy('updatedAt', 'desc').limit(1000));
  const shown = authoring.filter((doc) => doc.publishedRevision > 0).map((doc) => doc._id);
  return { authoring, courses: await byIds<CourseDoc>(db, COLLECTIONS.courses, shown) };
}

/**
 * Looks at one author again: raises their level when today's rules give a higher rung, in a transaction so
 * two looks at once record the change once. Answers the state held afterwards (null: no rung yet).
 */
export async function reviewAuthorLevel(
  db: Database,
  authorId: string,
  figures: AuthorFigures,
  levels: readonly AuthorLevelRule[],
  at: Date,
): Promise<AuthorLevelDoc | null> {
  const held = await findById<AuthorLevelDoc>(db, COLLECTIONS.authorLevels, authorId);
  if (!advance(held, figures, levels, at)) return held;
  const { doc, raised } = await runTransaction(db, async (tx) => {
    const current = await txGet<AuthorLevelDoc>(tx, COLLECTIONS.authorLevels, authorId);
    const next = advance(current, figures, levels, at);
    if (!next) return { doc: current, raised: false };
    const written: AuthorLevelDoc = { _id: authorId, memberId: authorId, ...next, updatedAt: at };
    await txPut(tx, COLLECTIONS.authorLevels, written);
    return { doc: written, raised: true };
  });
  if (raised && doc) {
    await certifyAuthorLevel(db, doc);
    await notify(db, [authorLevelNotice(doc.memberId, doc.rank, doc.name)], at);
  }
  return doc;
}

/**
 * 作者等级证书: one per rung reached (source `rank<N>`), issued after the change is committed (insert-once,
 * so two reviews racing issue it once). A process stopping between the two keeps the level and loses that
 * rung's certificate.
 */
export async function certifyAuthorLevel(db: Database, level: AuthorLevelDoc): Promise<void> {
  const member = await findById<MemberDoc>(db, COLLECTIONS.members, level.memberId);
  const change = level.history[level.history.length - 1];
  if (!member || !change) return;
  const source = `rank${change.rank}`;
  await issueCertificate(
    db,
    {
      kind: 'author_level',
      source,
      memberId: member._id,
      memberName: member.name,
      departmentPath: member.departmentPath,
      achievement: `${change.name}作者`,
      detail: change.reason,
      number: certificateNumber('ZZ', beijingDate(change.at), `${source}:${member._id}`),
    },
    change.at,
  );
}

/** Figures of the author now, then their level looked at again. */
export async function refreshAuthorLevel(
  db: Database,
  authorId: string,
  levels: readonly AuthorLevelRule[],
  at: Date,
): Promise<{ figures: AuthorFigures; level: AuthorLevelDoc | null }> {
  const { courses } = await publishedCoursesOf(db, authorId);
  const figures = figuresOf([...courses.values()].filter((course) => course.status === 'published'));
  return { figures, level: await reviewAuthorLevel(db, authorId, figures, levels, at) };
}

export function levelView(level: AuthorLevelDoc | null, figures: AuthorFigures, levels: readonly AuthorLevelRule[]): AuthorLevelView {
  const rank = level?.rank ?? 0;
  const rule = levels[rank];
  const history: AuthorLevelChange[] = (level?.history ?? []).map((change) => ({ ...change, at: change.at.toISOString() }));
  return {
    rank,
    name: level?.name ?? null,
    reachedAt: level ? level.reachedAt.toISOString() : null,
    next: rule
      ? {
          name: rule.name,
          items: [
            { label: '已发布课程', current: figures.courses, required: rule.minCourses },
            { label: '覆盖类别', current: figures.categories, required: rule.minCategories },
            { label: '带测验的课程', current: figures.quizCourses, required: rule.minQuizCourses },
            { label: '学员人数', current: figures.learners, required: rule.minLearners },
            { label: '平均评分', current: figures.averageRating ?? 0, required: rule.minAverageRating },
          ].filter((item) => item.required > 0),
        }
      : null,
    history,
  };
}

/** For other areas (certificates): the level an author holds and since when, or null before the first rung. */
export async function authorLevelOf(
  db: Database,
  memberId: string,
): Promise<{ rank: number; name: string; reachedAt: Date; history: AuthorLevelDoc['history'] } | null> {
  const doc = await findById<AuthorLevelDoc>(db, COLLECTIONS.authorLevels, memberId);
  return doc ? { rank: doc.rank, name: doc.name, reachedAt: doc.reachedAt, history: doc.history } : null;
}
