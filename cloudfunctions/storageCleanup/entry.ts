/** Deploy unit `storageCleanup` (timer): the domain code lives in server/storageCleanup. */
import { storageCleanupFunction } from '../../server/storageCleanup/actions';

export const main = storageCleanupFunction.main;
