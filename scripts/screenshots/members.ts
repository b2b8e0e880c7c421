import type { Shot } from '../screenshots';

export const shots: readonly Shot[] = [
  { file: 'members-admin.png', as: 'demo-admin', path: '/console/members', wait: '[data-testid="members-table"] tbody tr td' },
  { file: 'forbidden-trainer.png', as: 'demo-trainer', path: '/console/members', wait: '[data-testid="forbidden"]' },
];
