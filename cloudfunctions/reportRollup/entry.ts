/** Deploy unit `reportRollup` (timer): the domain code lives in server/reportRollup and server/report. */
import { reportRollupFunction } from '../../server/reportRollup/actions';

export const main = reportRollupFunction.main;
