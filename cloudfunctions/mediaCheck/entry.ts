/** Deploy unit `mediaCheck` (media check results, retry timer, video review): the domain code lives in server/mediaCheck. */
import { mediaCheckFunction } from '../../server/mediaCheck/actions';

export const main = mediaCheckFunction.main;
