/** Deploy unit `points`: the routing and the domain code live in server/points. */
import { pointsFunction } from '../../server/points';

export const main = pointsFunction.main;
