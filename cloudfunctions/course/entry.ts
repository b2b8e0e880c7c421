/** Deploy unit `course`: the routing and the domain code live in server/course. */
import { courseFunction } from '../../server/course/actions';

export const main = courseFunction.main;
