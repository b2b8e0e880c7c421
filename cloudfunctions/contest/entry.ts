/** Deploy unit `contest`: the routing and the domain code live in server/contest. */
import { contestFunction } from '../../server/contest/actions';

export const main = contestFunction.main;
