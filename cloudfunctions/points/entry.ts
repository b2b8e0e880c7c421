/** Deploy unit `points`: the routing and the domain code live in server/points. */
import { pointsFunction } from '../../server/points/actions';

export const main = pointsFunction.main;
