/** Deploy unit `reportRollup` (timer): the domain code lives in server/reportRollup and server/report. */
import { reportRollupFunction } from '../../server/reportRollup';

export const main = reportRollupFunction.main;
