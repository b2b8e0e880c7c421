/** Deploy unit `admin`: the routing and the domain code live in server/admin. */
import { adminFunction } from '../../server/admin/actions';

export const main = adminFunction.main;
