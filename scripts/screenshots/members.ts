import type { Shot } from '../screenshots';

export const shots: readonly Shot[] = [
  { file: 'members-admin.png', as: 'demo-admin', path: '/console/members', wait: '[data-testid="members-table"] tbody tr td' },
  {
    // 学习档案 of the first member on the table's first page with a learner level (the demo's ladder, scripts/demo/learner-levels.ts).
    file: 'member-record.png',
    as: 'demo-admin',
    path: '/console/members',
    act: async (page) => {
      const row = page.locator('[data-testid="members-table"] tbody tr').filter({ has: page.locator('[data-testid^="level-"]') });
      await row.first().locator('[data-testid^="manage-"]').click();
      await page.getByTestId('open-record').click();
    },
    wait: '[data-testid="record-level"]',
  },
  { file: 'forbidden-trainer.png', as: 'demo-trainer', path: '/console/members', wait: '[data-testid="forbidden"]' },
];
