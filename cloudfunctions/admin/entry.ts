/** Deploy unit `admin`: the routing and the domain code live in server/admin. */
import { adminFunction } from '../../server/admin';

export const main = adminFunction.main;
