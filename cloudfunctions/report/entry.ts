/** Deploy unit `report`: the routing and the domain code live in server/report. */
import { reportFunction } from '../../server/report/actions';

export const main = reportFunction.main;
