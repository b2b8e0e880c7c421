/**
 * Aggregation operators that replace or complete mingo's (7.x), found by the conformance suites
 * (test/emulator/conformance/expressions.test.ts and aggregation.test.ts), which drive every stage and
 * operator the CloudBase reference documents through both server SDKs.
 *
 * Expression operators:
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
 *
 * Accumulators: `$stdDevPop` / `$stdDevSamp` answer null when there is no number (and `$stdDevSamp` with a
 * single one), where mingo answers NaN or -0
 * (https://www.mongodb.com/docs/manual/reference/operator/aggregation/stdDevPop/).
 *
 * Stages:
 *  - `$bucket`: mingo files a value equal to an inner boundary in the bucket below it; each bucket includes
 *    its lower boundary and excludes its upper one
 *    (https://www.mongodb.com/docs/manual/reference/operator/aggregation/bucket/; CloudBase's page calls each
 *    boundary "每组的下界" and its example groups "[0, 50) ... [50, 100)":
 *    https://docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/stages/bucket).
 *  - `$sample`: mingo may pick one document twice; MongoDB, on a collection this size, sorts randomly and
 *    takes distinct documents (https://www.mongodb.com/docs/manual/reference/operator/aggregation/sample/).
 *  - `$geoNear`: missing from mingo. CloudBase's Aggregate.geoNear page
 *    (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.geoNear.html)
 *    takes near, spherical, maxDistance, minDistance, query, distanceMultiplier, distanceField, includeLocs and
 *    key. Without `key` CloudBase uses the collection's one geo index; the local cloud declares none for
 *    geo queries (see geo.ts), so chosen: without `key`, a document's points are those of its top-level
 *    fields. The stage must come first, as MongoDB requires; `aggregate` in matcher.ts checks that.
 */
import type * as CoreModule from 'mingo/types/core';
import type { AccumulatorOps, ExpressionOps, PipelineOps } from 'mingo/types/core/_internal';
import type * as LazyModule from 'mingo/types/lazy';
import type * as QueryModule from 'mingo/types/query';
import type { Options } from 'mingo/types/types';
import type * as UtilModule from 'mingo/types/util';
import { type Doc, isPlainObject } from './codec';
import { nearDistance, pointsAt, pointsOf } from './geo';

// Loaded through mingo's package exports at run time, as engine.ts does.
/* eslint-disable @typescript-eslint/no-require-imports */
const { evalExpr } = require('mingo/core') as typeof CoreModule;
const mingo = require('mingo/operators/expression') as Record<string, Expression>;
const { Lazy } = require('mingo/lazy') as typeof LazyModule;
const { Query } = require('mingo/query') as typeof QueryModule;
const { compare } = require('mingo/util') as typeof UtilModule;
type Iterator = LazyModule.Iterator;

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

const { $push } = require('mingo/operators/accumulator') as { $push: (collection: Doc[], expr: unknown, options: Options) => unknown[] };

function standardDeviation(sampled: boolean) {
  return (collection: Doc[], expr: unknown, options: Options): number | null => {
    const values = $push(collection, expr, options).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length < (sampled ? 2 : 1)) return null;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const squares = values.reduce((a, v) => a + (v - mean) ** 2, 0);
    return Math.sqrt(squares / (values.length - (sampled ? 1 : 0)));
  };
}

export const OVERRIDDEN_ACCUMULATORS = { $stdDevPop: standardDeviation(false), $stdDevSamp: standardDeviation(true) } as unknown as AccumulatorOps;

/** A stage's output, computed from its whole input on first read (as mingo's own grouping stages do). */
function deferred(build: () => Doc[]): Iterator {
  let rows: Iterator | undefined;
  return Lazy(() => {
    rows ??= Lazy(build());
    return rows.next();
  });
}

interface BucketSpec {
  groupBy: unknown;
  boundaries: unknown[];
  default?: unknown;
  output?: Doc;
}

function $bucket(collection: Iterator, expr: BucketSpec, options: Options): Iterator {
  const bounds = expr.boundaries;
  if (!Array.isArray(bounds) || bounds.length < 2) throw new Error('$bucket needs at least two boundaries');
  if (!bounds.every((b, i) => i === 0 || compare(bounds[i - 1], b) < 0)) throw new Error('$bucket: boundaries must be in ascending order');
  const hasDefault = expr.default !== undefined;
  const output = expr.output ?? { count: { $sum: 1 } };
  return deferred(() => {
    const groups: Doc[][] = bounds.slice(0, -1).map(() => []);
    const others: Doc[] = [];
    collection.each((doc: Doc) => {
      const key = evalExpr(doc, expr.groupBy, options);
      // The last boundary at or below the key, when the key is below the upper boundary.
      let index = -1;
      if (key !== null && key !== undefined && compare(key, bounds[bounds.length - 1]) < 0) {
        for (let i = bounds.length - 2; i >= 0; i -= 1) {
          if (compare(key, bounds[i]) >= 0) {
            index = i;
            break;
          }
        }
      }
      if (index >= 0) groups[index]!.push(doc);
      else if (hasDefault) others.push(doc);
      else throw new Error('$bucket: a value is outside the boundaries and there is no default');
    });
    const rows = groups.flatMap((docs, i) => (docs.length ? [{ _id: bounds[i], ...(evalExpr(docs, output, options) as Doc) }] : []));
    if (others.length) rows.push({ _id: expr.default, ...(evalExpr(others, output, options) as Doc) });
    return rows;
  });
}

interface GeoNearSpec {
  near: unknown;
  distanceField: string;
  spherical?: boolean;
  maxDistance?: number;
  minDistance?: number;
  query?: Doc;
  distanceMultiplier?: number;
  includeLocs?: string;
  key?: string;
}

function $geoNear(collection: Iterator, spec: GeoNearSpec, options: Options): Iterator {
  if (!isPlainObject(spec) || typeof spec.distanceField !== 'string') throw new Error('$geoNear needs near and distanceField');
  const [centre] = pointsOf(spec.near);
  if (!centre) throw new Error('$geoNear: near must be a Point');
  const near = { centre, minMetres: spec.minDistance ?? 0, maxMetres: spec.maxDistance ?? Infinity };
  const query = spec.query && Object.keys(spec.query).length ? new Query(spec.query, options) : undefined;
  const pointsOfDoc = (doc: Doc) => (spec.key ? pointsAt(doc, spec.key) : Object.values(doc).flatMap(pointsOf));
  return deferred(() => {
    const found: { doc: Doc; d: number; i: number }[] = [];
    collection.each((doc: Doc) => {
      if (query && !query.test(doc)) return;
      const d = nearDistance(pointsOfDoc(doc), near);
      if (d !== undefined) found.push({ doc, d, i: found.length });
    });
    found.sort((a, b) => a.d - b.d || a.i - b.i);
    return found.map(({ doc, d }) => {
      const out: Doc = { ...doc, [spec.distanceField]: d * (spec.distanceMultiplier ?? 1) };
      if (spec.includeLocs) out[spec.includeLocs] = spec.key ? doc[spec.key] : undefined;
      return out;
    });
  });
}

/** Distinct random documents (a partial Fisher-Yates shuffle), as MongoDB's random sort gives them. */
function $sample(collection: Iterator, spec: { size: number }): Iterator {
  if (!isPlainObject(spec) || !Number.isInteger(spec.size) || spec.size < 0) throw new Error('$sample needs { size: <non-negative integer> }');
  return deferred(() => {
    const docs = collection.collect<Doc>().slice();
    const n = Math.min(spec.size, docs.length);
    for (let i = 0; i < n; i += 1) {
      const j = i + Math.floor(Math.random() * (docs.length - i));
      [docs[i], docs[j]] = [docs[j]!, docs[i]!];
    }
    return docs.slice(0, n);
  });
}

export const OVERRIDDEN_PIPELINE_OPERATORS = { $bucket, $geoNear, $sample } as unknown as PipelineOps;
