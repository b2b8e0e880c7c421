/** Summing rollup figures and deriving the rates the reports show (rates from sums, so they add up). */
import type { ReportSums, WeekSums } from '../../typings/docs/report';
import type { ReportFigures } from '../../typings/functions/report';

export const SUM_FIELDS = [
  'audience',
  'views',
  'learners',
  'completions',
  'studyMs',
  'quizTakers',
  'quizPassers',
  'ratingCount',
  'ratingSum',
  'sharers',
  'shares',
  'opens',
  'conversions',
] as const satisfies readonly (keyof ReportSums)[];

export const WEEK_FIELDS = ['learners', 'completions', 'shares', 'conversions'] as const satisfies readonly (keyof WeekSums)[];

export function zeroSums(): ReportSums {
  return Object.fromEntries(SUM_FIELDS.map((field) => [field, 0])) as unknown as ReportSums;
}

export function zeroWeek(): WeekSums {
  return { learners: 0, completions: 0, shares: 0, conversions: 0 };
}

export function addSums(into: ReportSums, from: ReportSums): ReportSums {
  for (const field of SUM_FIELDS) into[field] += from[field] ?? 0;
  return into;
}

export function addWeeks(into: Record<string, WeekSums>, from: Record<string, WeekSums> | undefined): Record<string, WeekSums> {
  for (const [week, sums] of Object.entries(from ?? {})) {
    const target = (into[week] ??= zeroWeek());
    for (const field of WEEK_FIELDS) target[field] += sums[field] ?? 0;
  }
  return into;
}

/** Only the summed fields of a stored document. */
export function sumsOf(doc: ReportSums): ReportSums {
  return addSums(zeroSums(), doc);
}

const ratio = (part: number, whole: number, digits = 4): number | null => (whole > 0 ? Number((part / whole).toFixed(digits)) : null);

export function figuresOf(sums: ReportSums): ReportFigures {
  return {
    audience: sums.audience,
    views: sums.views,
    learners: sums.learners,
    clickThrough: ratio(sums.views, sums.audience),
    completions: sums.completions,
    completionRate: ratio(sums.completions, sums.learners),
    avgStudySeconds: sums.learners > 0 ? Math.round(sums.studyMs / 1000 / sums.learners) : null,
    avgRating: ratio(sums.ratingSum, sums.ratingCount, 2),
    ratingCount: sums.ratingCount,
    quizTakers: sums.quizTakers,
    quizPassRate: ratio(sums.quizPassers, sums.quizTakers),
    sharers: sums.sharers,
    shareRate: ratio(sums.sharers, sums.learners),
    shares: sums.shares,
    opens: sums.opens,
    conversions: sums.conversions,
    opensPerShare: ratio(sums.opens, sums.shares, 2),
    conversionsPerShare: ratio(sums.conversions, sums.shares, 2),
  };
}
