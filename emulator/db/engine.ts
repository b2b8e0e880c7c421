/**
 * mingo, assembled with the local cloud's own query and expression operators (query-operators.ts,
 * aggregation-operators.ts) taking precedence.
 *
 * mingo's ready-made `Query`, `Aggregator` and `update` always merge its default operators *before* any
 * context passed in options, and the first definition of an operator wins, so an option context can add
 * operators but never replace one (`$mod`). Here the base classes are used with one complete context.
 * The subpath modules are loaded through mingo's package exports at run time; their declarations live under
 * `mingo/types/...`, which is where the project's `moduleResolution: node` can find them.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { Context } from 'mingo';
import type { AccumulatorOps, ExpressionOps, PipelineOps, ProjectionOps, QueryOps, WindowOps } from 'mingo/types/core/_internal';
import type * as AggregatorModule from 'mingo/types/aggregator';
import type * as QueryModule from 'mingo/types/query';
import type { ComputeOptions } from 'mingo/types/core/_internal';
import type * as UpdateOperatorsModule from 'mingo/types/operators/update';
import type * as UtilModule from 'mingo/types/util';
import { OVERRIDDEN_ACCUMULATORS, OVERRIDDEN_EXPRESSION_OPERATORS, OVERRIDDEN_PIPELINE_OPERATORS } from './aggregation-operators';
import { OVERRIDDEN_QUERY_OPERATORS } from './query-operators';

const { Query } = require('mingo/query') as typeof QueryModule;
const { Aggregator } = require('mingo/aggregator') as typeof AggregatorModule;

export const MINGO_CONTEXT = Context.init({
  accumulator: { ...(require('mingo/operators/accumulator') as AccumulatorOps), ...OVERRIDDEN_ACCUMULATORS },
  expression: { ...(require('mingo/operators/expression') as ExpressionOps), ...OVERRIDDEN_EXPRESSION_OPERATORS },
  pipeline: { ...(require('mingo/operators/pipeline') as PipelineOps), ...OVERRIDDEN_PIPELINE_OPERATORS },
  projection: require('mingo/operators/projection') as ProjectionOps,
  query: { ...(require('mingo/operators/query') as QueryOps), ...OVERRIDDEN_QUERY_OPERATORS },
  window: require('mingo/operators/window') as WindowOps,
});

/**
 * What updates need: the query operators (the positional `$` filter, `$pull` conditions) and the boolean and
 * comparison expression operators, the tables mingo's own `update` adds to its context.
 */
const MINGO_UPDATE_CONTEXT = Context.init({
  query: { ...(require('mingo/operators/query') as QueryOps), ...OVERRIDDEN_QUERY_OPERATORS },
  expression: { ...(require('mingo/operators/expression/boolean') as ExpressionOps), ...(require('mingo/operators/expression/comparison') as ExpressionOps) },
});

/**
 * mingo's value helpers as its `$set` applies them (operators/update/set.js, with `cloneMode: 'deep'`): equality
 * decides whether a field changes, and a changed field gets a deep copy of the value.
 */
export const { cloneDeep, isEqual, isObject } = require('mingo/util') as typeof UtilModule;

/** mingo's update operators (`$set`, `$inc`, ...): each takes its expression and options and returns the mutation. */
export const UPDATE_OPERATORS = require('mingo/operators/update') as Record<string, typeof UpdateOperatorsModule.$set>;

/**
 * The options object mingo's operators take. mingo's `update` builds a new one on every call, copying every
 * operator table of its context four times (the largest share of an update's CPU); here one is made with
 * MINGO_UPDATE_CONTEXT, and each update derives its own from it (`ComputeOptions.init` of an instance copies
 * only the per-call locals). mingo does not export the class: a query operator receives an instance when a
 * query is built, so a probe query hands it over.
 */
function updateOptionsBase(): ComputeOptions {
  let compute: typeof ComputeOptions | undefined;
  const probe = Context.init({
    query: {
      $probe: (_selector: string, _value: unknown, options: ComputeOptions) => {
        compute = options.constructor as typeof ComputeOptions;
        return () => true;
      },
    } as unknown as QueryOps,
  });
  new Query({ field: { $probe: true } }, { context: probe });
  if (!compute) throw new Error('mingo built no query options');
  return compute.init({ idKey: '_id', scriptEnabled: false, context: MINGO_UPDATE_CONTEXT });
}

const UPDATE_OPTIONS_BASE = updateOptionsBase();

/** Options for one update: `condition` serves the positional `$` operator; values are deep-copied in. */
export function updateOptions(condition: Record<string, unknown>): ComputeOptions {
  return (UPDATE_OPTIONS_BASE.constructor as typeof ComputeOptions).init(UPDATE_OPTIONS_BASE).update({ condition, updateConfig: { cloneMode: 'deep' } });
}

export { Aggregator, Query };
