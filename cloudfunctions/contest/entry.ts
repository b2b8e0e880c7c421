/** Deploy unit `contest`: the routing and the domain code live in server/contest. */
import { contestFunction } from '../../server/contest';

export const main = contestFunction.main;
