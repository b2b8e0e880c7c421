/** Deploy unit `pointsExpiry` (timer): the domain code lives in server/pointsExpiry. */
import { pointsExpiryFunction } from '../../server/pointsExpiry/actions';

export const main = pointsExpiryFunction.main;
