/** Deploy unit `course`: the routing and the domain code live in server/course. */
import { courseFunction } from '../../server/course';

export const main = courseFunction.main;
