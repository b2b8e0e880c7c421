/** Deploy unit `assignment`: the routing and the domain code live in server/assignment. */
import { assignmentFunction } from '../../server/assignment/actions';

export const main = assignmentFunction.main;
