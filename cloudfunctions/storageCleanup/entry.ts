/** Deploy unit `storageCleanup` (timer): the domain code lives in server/storageCleanup. */
import { storageCleanupFunction } from '../../server/storageCleanup';

export const main = storageCleanupFunction.main;
