/**
 * Database operations per hot action: the ceilings of issue #15, in one place. Each row names the benchmark
 * figure that measures it (the `record` name in bench/*.ts, read by name so the area benchmarks stay free to
 * change how they measure), the figure before the issue, and the ceiling. `npm run bench` prints the table
 * and exits non-zero when a measured figure exceeds its ceiling, or when a full run did not produce one
 * (a renamed figure must not slip past its ceiling). Counts are the local cloud's (guard included, first
 * call, sequential); CloudBase bills and throttles per operation.
 */

export interface OperationCeiling {
  action: string;
  /** The benchmark figure (record name) that measures it. */
  figure: string;
  /** Before issue #15 (BENCHMARKS.md of 2026-11-27). */
  before: number;
  ceiling: number;
  /**
   * Operations the figure leaves out: 1 when its benchmark calls the domain function directly, without the
   * caller check (the guard: one read, server/core/caller.ts), which the ceiling includes; 0 when the figure
   * goes through the function's `main` (guard included) or the action has no caller (an award).
   */
  guard: 0 | 1;
}

export const OPERATION_CEILINGS: readonly OperationCeiling[] = [
  { action: 'contest vote (per-entry quota mode)', figure: 'contest: database operations per vote', before: 13.5, ceiling: 5, guard: 1 },
  { action: 'contest vote refused (quota used)', figure: 'contest: database operations per refused tap', before: 3.5, ceiling: 2, guard: 1 },
  { action: 'check-in with its points', figure: 'campaign: database operations per check-in', before: 22, ceiling: 8, guard: 1 },
  { action: 'points award (first payment)', figure: 'points: database operations per award', before: 10, ceiling: 4, guard: 0 },
  { action: 'redemption (physical item)', figure: 'points: database operations per redemption', before: 16, ceiling: 8, guard: 1 },
  { action: 'learning progress report', figure: 'database operations per progress report', before: 13, ceiling: 3, guard: 0 },
  { action: 'learner home page', figure: 'database operations per home-page load', before: 12, ceiling: 6, guard: 0 },
  { action: 'share first open', figure: 'share: database operations per first open', before: 12, ceiling: 6, guard: 0 },
  { action: 'campaign sign-up', figure: 'campaign: database operations per sign-up', before: 9, ceiling: 5, guard: 1 },
];

export interface CeilingCheck {
  /** The markdown table: action, before, now, ceiling, verdict. */
  table: string;
  /** Rows over their ceiling, or not measured in a full run. */
  failures: string[];
}

/** The figure's leading number ("13.5", "12", "9.0 ..."), or null when it is not a number. */
function countOf(value: string | undefined): number | null {
  const match = value?.match(/^\s*(\d+(?:\.\d+)?)/);
  return match ? Number(match[1]) : null;
}

/**
 * Checks the figures recorded by name. `complete`: every area ran, so a missing figure fails; a partial run
 * (`--only`) checks what it measured.
 */
export function checkCeilings(figures: ReadonlyMap<string, string>, complete: boolean): CeilingCheck {
  const failures: string[] = [];
  const lines = OPERATION_CEILINGS.map((row) => {
    const measured = countOf(figures.get(row.figure));
    const now = measured === null ? null : measured + row.guard;
    let verdict: string;
    if (now === null) {
      verdict = complete ? 'NOT MEASURED' : 'not run';
      if (complete) failures.push(`${row.action}: no figure "${row.figure}"`);
    } else if (now > row.ceiling) {
      verdict = 'OVER CEILING';
      failures.push(`${row.action}: ${now} operations, ceiling ${row.ceiling}`);
    } else {
      verdict = 'ok';
    }
    return `| ${row.action} | ${row.before} | ${now ?? '-'} | ${row.ceiling} | ${verdict} |`;
  });
  const table = ['| action | before #15 | now (guard included) | at most | |', '|---|---|---|---|---|', ...lines].join('\n');
  return { table, failures };
}
