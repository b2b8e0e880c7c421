/** Deploy unit `classroom` (classroom sessions: sign-up, attendance, survey, exports): the domain code lives in server/classroom. */
import { classroomFunction } from '../../server/classroom/actions';

export const main = classroomFunction.main;
