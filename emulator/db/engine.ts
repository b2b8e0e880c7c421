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
import type * as UpdaterModule from 'mingo/types/updater';
import { OVERRIDDEN_ACCUMULATORS, OVERRIDDEN_EXPRESSION_OPERATORS, OVERRIDDEN_PIPELINE_OPERATORS } from './aggregation-operators';
import { OVERRIDDEN_QUERY_OPERATORS } from './query-operators';

const { Query } = require('mingo/query') as typeof QueryModule;
const { Aggregator } = require('mingo/aggregator') as typeof AggregatorModule;
const { update } = require('mingo/updater') as typeof UpdaterModule;

export const MINGO_CONTEXT = Context.init({
  accumulator: { ...(require('mingo/operators/accumulator') as AccumulatorOps), ...OVERRIDDEN_ACCUMULATORS },
  expression: { ...(require('mingo/operators/expression') as ExpressionOps), ...OVERRIDDEN_EXPRESSION_OPERATORS },
  pipeline: { ...(require('mingo/operators/pipeline') as PipelineOps), ...OVERRIDDEN_PIPELINE_OPERATORS },
  projection: require('mingo/operators/projection') as ProjectionOps,
  query: { ...(require('mingo/operators/query') as QueryOps), ...OVERRIDDEN_QUERY_OPERATORS },
  window: require('mingo/operators/window') as WindowOps,
});

/**
 * Updates take a context with only the query operators (for the positional `$` filter and `$pull`
 * conditions): mingo's updater copies its context's operator tables on every call, and the full tables above
 * made that copy the largest share of an update's CPU.
 */
export const MINGO_UPDATE_CONTEXT = Context.init({ query: { ...(require('mingo/operators/query') as QueryOps), ...OVERRIDDEN_QUERY_OPERATORS } });

export { Aggregator, Query, update };
