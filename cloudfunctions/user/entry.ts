/** Deploy unit `user`: the routing and the domain code live in server/user. */
import { userFunction } from '../../server/user/actions';

export const main = userFunction.main;
