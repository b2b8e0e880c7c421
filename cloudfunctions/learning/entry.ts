/** Deploy unit `learning`: progress reports; the routing and the domain code live in server/learning. */
import { learningFunction } from '../../server/learning/actions';

export const main = learningFunction.main;
