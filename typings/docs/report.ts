/**
 * Documents of learning analytics (学习分析): maintained activity counters and the figures the reportRollup
 * timer keeps, so reports read small rollup documents instead of scanning raw records.
 */

/**
 * Time slots of a Beijing day (时段), the survey's shape. Hours are [from, to) on the Beijing clock:
 * before work 06–09, working hours 09–12 and 13–17, lunch 12–13, before leaving 17–18, after work 18–22,
 * night 22–06.
 */
export const TIME_SLOTS = ['before_work', 'working_hours', 'lunch', 'before_leaving', 'after_work', 'night'] as const;
export type TimeSlot = (typeof TIME_SLOTS)[number];

/**
 * Collection `learningActivity`, `_id` = `<memberId>:<courseId>:<day>:<slot>`: one member's learning of one
 * course in one time slot of one Beijing day, derived by the report rollup from the learning record's
 * `activity` (server/report/course-rollup.ts); the heatmap counts a member once per cell whatever the courses.
 * Documents written before it was derived are `<memberId>:<day>:<slot>` without `courseId`.
 */
export interface LearningActivityDoc {
  _id: string;
  memberId: string;
  courseId?: string;
  departmentId: string;
  /** Beijing day YYYY-MM-DD, its ISO week (YYYY-Www), ISO weekday (1 = Monday … 7 = Sunday) and slot. */
  day: string;
  week: string;
  weekday: number;
  slot: TimeSlot;
  /** Valid study time credited in this slot, milliseconds. */
  studyMs: number;
  /** Player sessions started in this slot (views, 浏览). */
  sessions: number;
  updatedAt: Date;
}

/** The summed figures of a rollup document (rates are derived on read, from sums, so they add up). */
export interface ReportSums {
  /** Members pushed the course through a required assignment (推送人数). */
  audience: number;
  /** Player sessions started (浏览次数). */
  views: number;
  /** Members who started (学习人数). */
  learners: number;
  completions: number;
  /** Valid study time, milliseconds. */
  studyMs: number;
  /** Members who submitted the quiz, and those who passed it. */
  quizTakers: number;
  quizPassers: number;
  ratingCount: number;
  ratingSum: number;
  /** Members who shared the course, their shares, the opens (reach) and conversions of those shares. */
  sharers: number;
  shares: number;
  opens: number;
  conversions: number;
}

/** Weekly figures inside a rollup document, keyed by ISO week `YYYY-Www` (Beijing). */
export interface WeekSums {
  /** Members who started that week, completed that week; shares made that week; conversions that week. */
  learners: number;
  completions: number;
  shares: number;
  conversions: number;
}

/**
 * Collection `reportCourseDepts`, `_id` = `<courseId>|<departmentId>`: a course's figures among the members of
 * one department (sharing figures by the sharer's department), and `<courseId>|*` over everyone. A scoped
 * report sums its subtree's rows.
 */
export interface ReportCourseDeptDoc extends ReportSums {
  _id: string;
  courseId: string;
  courseTitle: string;
  /** A department id, or '*' for the course's total. */
  departmentId: string;
  weeks: Record<string, WeekSums>;
  updatedAt: Date;
  /**
   * On the total row ('*'): when the rollup last read the course's records whole (a record without `folded`
   * changed before then, less WATERMARK_MARGIN_MS, is counted as it stands); absent until that read has been
   * written whole. The course's records are then folded in by their changes (server/report/course-fold.ts).
   */
  base?: Date;
  /** On the total row: an open fold of code older than batch folds (the course is read whole instead). */
  fold?: unknown;
  /** The last fold (a BatchFold's id) applied to the row. */
  lastFold?: string;
}

/**
 * A learning record's figures as the report rollup counted them in its course's rows: whether it counts as a
 * learner (0 for a record the rollup has not counted yet), its valid study time, views, completion, quiz
 * taken and passed, and the department it was counted in (absent: the member's current department).
 */
export interface FoldedFigures {
  learners: number;
  studyMs: number;
  views: number;
  completed: boolean;
  quizTaker: boolean;
  quizPasser: boolean;
  departmentId?: string;
}

/** What a new learning record has been counted for: nothing. */
export const NOTHING_FOLDED: FoldedFigures = { learners: 0, studyMs: 0, views: 0, completed: false, quizTaker: false, quizPasser: false };

/** The learning figures of a course row (the others come from ratings, assignments and shares). */
export type LearningSums = Pick<ReportSums, 'learners' | 'completions' | 'studyMs' | 'views' | 'quizTakers' | 'quizPassers'>;

/** One department's change of a course's learning figures in a fold. */
export interface FoldRow {
  departmentId: string;
  /** A course row not there when the fold was committed: it is created, not updated. */
  fresh?: boolean;
  sums: LearningSums;
  /** Starts and completions per ISO week. */
  weeks: Record<string, Pick<WeekSums, 'learners' | 'completions'>>;
}

/** One course's part of a fold: its rows' changes (the total row '*' among them) and, when they change, its counters after. */
export interface CourseFold {
  courseId: string;
  title: string;
  rows: FoldRow[];
  stats?: { learners: number; completions: number };
}

/**
 * A fold of a batch of courses' changed learning records (server/report/course-fold.ts), committed at once on
 * `reportState/fold`: each course's rows' changes, the records' new `folded` figures; applied after (each row
 * once: it remembers the last fold applied) and cleared when all are applied.
 */
export interface BatchFold {
  id: string;
  courses: CourseFold[];
  records: { id: string; folded: FoldedFigures }[];
}

/**
 * `reportState/fold` (server/report/fold-ledger.ts): the open batch fold, and the department totals' change
 * of the run's folds so far, applied to `reportDepts` once per run (each department once: it remembers
 * `departments.id`). `version` moves with every write (each is conditional on the version read).
 */
export interface ReportFoldDoc {
  _id: string;
  version: number;
  open: BatchFold | null;
  departments: { id: string; rows: FoldRow[] };
  /** The department changes are being applied: no fold commits until they are and the changes are cleared. */
  applying: boolean;
}

/** Collection `reportDepts`, `_id` = department id (or '*'): a department's figures over every course. */
export interface ReportDeptDoc extends ReportSums {
  _id: string;
  departmentId: string;
  path: string[];
  weeks: Record<string, WeekSums>;
  updatedAt: Date;
  /** The last department changes (`ReportFoldDoc.departments.id`) applied to it. */
  lastFold?: string;
}

/** Collection `reportActivity`, `_id` = `<departmentId>|<week>`: the heatmap cells of one department and ISO week. */
export interface ReportActivityDoc {
  _id: string;
  departmentId: string;
  week: string;
  /** Keyed `<weekday>:<slot>`: valid study time (ms), sessions, and member-days active in the cell. */
  cells: Record<string, { studyMs: number; sessions: number; active: number }>;
  updatedAt: Date;
}

/** Work a rollup found and has not finished yet (a run that stops for time leaves the rest here). */
export interface RollupPending {
  /** When the changes were looked up: the figures are up to date as of this instant once the work is done. */
  discoveredAt: Date;
  /** Courses whose learning records changed: their changes are folded in (server/report/course-fold.ts). */
  courses: string[];
  /** Courses recomputed whole from their records (a first run, or a source other than learning records changed). */
  rebuild?: string[];
  /** `<departmentId>|<week>` heatmap buckets. */
  activity: string[];
  /** `<boardKind>|<boardId>|<sharerId>` share board rows. */
  boards: string[];
  /** Departments whose totals follow the courses recomputed. */
  departments: string[];
  /** The watermarks to keep once this work is done. */
  watermarks: Record<string, Date>;
  /** Some source was looked at only up to a window's end (server/report/rollup.ts): more history follows. */
  partial?: boolean;
  /** Learning records' activity slots changed from then on are derived into `learningActivity`; null: every slot. */
  activitySince?: Date | null;
}

/**
 * Collection `reportState`, `_id` = 'rollup': the rollup's watermarks and lease. Each source is read from its
 * watermark minus a margin (a write commits a little after its timestamp), and what a run finds is recomputed
 * whole from its records, so overlapping or repeated runs write the same figures.
 */
export interface ReportStateDoc {
  _id: string;
  watermarks: Record<string, Date>;
  pending: RollupPending | null;
  /** The run holding the lease (server/core/lease.ts) until `until`; another run meanwhile does nothing. */
  lease: { holder: string; until: Date } | null;
  /** When the figures were last brought up to date (a run that finished with nothing left). */
  updatedAt: Date | null;
}
