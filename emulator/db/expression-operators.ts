/**
 * Aggregation expression operators that replace or complete mingo's (7.x), found by the expression
 * conformance suite (test/emulator/conformance/expressions.test.ts), which drives every operator the
 * CloudBase reference documents through both server SDKs:
 *  - `$trunc`: CloudBase documents `trunc(<number>)` and the SDK sends `{ $trunc: <expr> }`
 *    (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/AggregateCommand.trunc.html);
 *    MongoDB takes that form as well as `[<number>, <place>]`, mingo only the array.
 *  - `$indexOfCP`: missing from mingo; MongoDB counts UTF-8 code points
 *    (https://www.mongodb.com/docs/manual/reference/operator/aggregation/indexOfCP/).
 *  - `$indexOfBytes`: mingo counts UTF-16 units; MongoDB counts UTF-8 bytes, so in '中文' '文' is at 3
 *    (https://www.mongodb.com/docs/manual/reference/operator/aggregation/indexOfBytes/).
 *  - `$week`: mingo answers the ISO week; MongoDB's weeks start on Sunday and week 1 begins with the year's
 *    first Sunday, the days before it being week 0 (https://www.mongodb.com/docs/manual/reference/operator/aggregation/week/).
 *  - `$isoWeekYear`: mingo moves only 1 January to the previous year; the ISO week-numbering year is the year
 *    of the week's Thursday, so 29 December 2025 is in 2026 and 1 January 2027 in 2026.
 * The date operators build on mingo's own `$dayOfYear`, `$dayOfWeek`, `$isoDayOfWeek`, which honour the
 * `{ date, timezone }` form.
 */
import type * as CoreModule from 'mingo/types/core';
import type { ExpressionOps } from 'mingo/types/core/_internal';
import type { Options } from 'mingo/types/types';

// Loaded through mingo's package exports at run time, as engine.ts does.
/* eslint-disable @typescript-eslint/no-require-imports */
const { evalExpr } = require('mingo/core') as typeof CoreModule;
const mingo = require('mingo/operators/expression') as Record<string, Expression>;

type Expression = (obj: object, expr: unknown, options: Options) => unknown;

const $trunc: Expression = (obj, expr, options) => mingo.$trunc(obj, Array.isArray(expr) ? expr : [expr], options);

/** `$indexOfCP` and `$indexOfBytes`: the same search over code points or over UTF-8 bytes. */
function indexOf(op: string, units: (s: string) => ArrayLike<string | number>): Expression {
  return (obj, expr, options) => {
    if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw new Error(`${op} expects [string, substring, start?, end?]`);
    const [str, search, start, end] = evalExpr(obj, expr, options) as unknown[];
    if (str === null || str === undefined) return null;
    if (typeof str !== 'string' || typeof search !== 'string') throw new Error(`${op} needs strings`);
    const hay = units(str);
    const needle = units(search);
    const from = (start as number | undefined) ?? 0;
    const to = Math.min((end as number | undefined) ?? hay.length, hay.length);
    if (!Number.isInteger(from) || from < 0 || !Number.isInteger(to) || to < 0) throw new Error(`${op}: start and end are non-negative integers`);
    for (let i = from; i + needle.length <= to; i += 1) {
      let k = 0;
      while (k < needle.length && hay[i + k] === needle[k]) k += 1;
      if (k === needle.length) return i;
    }
    return -1;
  };
}

const $indexOfCP = indexOf('$indexOfCP', (s) => [...s]);
const $indexOfBytes = indexOf('$indexOfBytes', (s) => Buffer.from(s, 'utf8'));

const $week: Expression = (obj, expr, options) => {
  const dayOfYear = (mingo.$dayOfYear(obj, expr, options) as number) - 1;
  const dayOfWeek = (mingo.$dayOfWeek(obj, expr, options) as number) - 1; // 0 = Sunday
  return Math.floor((dayOfYear - dayOfWeek + 7) / 7);
};

const $isoWeekYear: Expression = (obj, expr, options) => {
  const year = mingo.$year(obj, expr, options) as number;
  const dayOfYear = mingo.$dayOfYear(obj, expr, options) as number;
  const isoDay = mingo.$isoDayOfWeek(obj, expr, options) as number; // 1 = Monday
  // The Thursday of this ISO week, as a day of this year (may fall before 1 or after the year's last day).
  const thursday = dayOfYear - isoDay + 4;
  if (thursday < 1) return year - 1;
  const daysInYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
  return thursday > daysInYear ? year + 1 : year;
};

export const OVERRIDDEN_EXPRESSION_OPERATORS = { $trunc, $indexOfCP, $indexOfBytes, $week, $isoWeekYear } as unknown as ExpressionOps;
