/**
 * Area `contest` (微课大赛): what other areas use. The function's actions live in actions.ts.
 */
// Used by the report function's contest exports (server/report/contest-export.ts).
export { requireAdministeredRound } from './access';
export { branchName } from './branches';
export { computeRound, RESULTS_CHUNK, resultsDocId } from './computation';
