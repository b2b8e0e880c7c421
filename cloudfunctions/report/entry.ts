/** Deploy unit `report`: the routing and the domain code live in server/report. */
import { reportFunction } from '../../server/report';

export const main = reportFunction.main;
