/** user.me of a bound, active member with no role beyond learner: tests spread it and change what they test. */
export const PROFILE = {
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
