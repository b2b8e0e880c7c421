/**
 * What the report rollup has counted for a learning record (`folded`, typings/docs/report.ts FoldedFigures):
 * the writers of records keep it (server/learning/record.ts), the rollup folds in the difference
 * (server/report/course-fold.ts).
 */
import type { FoldedFigures, LearningRecordDoc } from '../../typings/domain';
import { NOTHING_FOLDED } from '../../typings/docs/report';

/** The figures the report rollup counts for a record (its department is the member's, looked up by the rollup). */
export function recordFigures(record: Pick<LearningRecordDoc, 'studyMs' | 'sessionCount' | 'completed' | 'quizAttempts' | 'quizPassed'>): FoldedFigures {
  return {
    learners: 1,
    studyMs: record.studyMs,
    views: record.sessionCount ?? 0,
    completed: record.completed,
    quizTaker: record.quizAttempts > 0,
    quizPasser: record.quizPassed,
  };
}

/**
 * What the rollup has counted for the record written after `before` (server/report/course-fold.ts): nothing
 * for a new record; kept as it is when `before` carries it; else `before` as it stood (the rollup counted it
 * whole). The rollup then folds in the difference between the record and these figures.
 */
export function foldedBefore(before: LearningRecordDoc | null): FoldedFigures {
  if (!before) return NOTHING_FOLDED;
  return before.folded ?? recordFigures(before);
}
