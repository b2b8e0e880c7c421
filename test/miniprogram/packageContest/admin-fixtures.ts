/** The admin's view of a contest (typings/functions/contest.ts ContestAdminView) for the admin page tests. */
import type { ContestAdminView } from '../../../typings/functions/contest';
import { contest } from '../../helpers/pages/contest';

export function adminContest(overrides: Partial<ContestAdminView> = {}): ContestAdminView {
  return {
    ...contest(),
    status: 'draft',
    eligibility: { everyone: true, departmentIds: [], audiences: [] },
    branchDepth: 2,
    pointsWarnings: [],
    judges: [
      { roundId: 'r1', judgeIds: ['j1', 'j2', 'j3'], judgeNames: ['评委甲', '评委乙', '评委丙'], judgesPerEntry: 3, assignedAt: null },
      { roundId: 'r2', judgeIds: [], judgeNames: [], judgesPerEntry: 3, assignedAt: null },
      { roundId: 'r3', judgeIds: [], judgeNames: [], judgesPerEntry: 5, assignedAt: null },
    ],
    ...overrides,
  };
}
