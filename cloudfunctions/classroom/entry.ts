/** Deploy unit `classroom` (classroom sessions: sign-up, attendance, survey, exports): the domain code lives in server/classroom. */
import { classroomFunction } from '../../server/classroom';

export const main = classroomFunction.main;
