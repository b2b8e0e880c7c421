/** Deploy unit `share`: the routing and the domain code live in server/share. */
import { shareFunction } from '../../server/share/actions';

export const main = shareFunction.main;
