/** Deploy unit `certificate` (my certificates, verification by code): the domain code lives in server/certificate. */
import { certificateFunction } from '../../server/certificate/actions';

export const main = certificateFunction.main;
