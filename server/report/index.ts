/**
 * Area `report` (学习分析): what other areas use (the rollup run). The function's actions live in actions.ts.
 */
export { RUN_BUDGET_MS, runRollup } from './rollup';
