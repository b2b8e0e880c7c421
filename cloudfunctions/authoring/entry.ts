/** Deploy unit `authoring`: the routing and the domain code live in server/authoring. */
import { authoringFunction } from '../../server/authoring/actions';

export const main = authoringFunction.main;
