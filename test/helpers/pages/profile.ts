import type { MeView } from '../../../typings/functions/user';

/** user.me of a bound member. */
export type BoundMe = Extract<MeView, { bound: true }>;

/** user.me of a bound, active member with no role beyond learner: tests spread it and change what they test. */
export const PROFILE: BoundMe = {
  bound: true,
  memberId: 'm1',
  employeeNo: 'E001',
  name: '王芳',
  departmentId: 'd1',
  departmentPath: ['总部'],
  jobLevel: 'individual',
  active: true,
  external: false,
  roles: [{ role: 'learner' }],
  audiences: ['individual'],
};
