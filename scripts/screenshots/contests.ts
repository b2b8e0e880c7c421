/**
 * The contests area's screens with the demo contests (scripts/demo/contest.ts): this year's contest in its
 * preliminary's public vote (rounds, judges at work, entries, the abuse report, the results preview) and last
 * year's finished one (published final and its awards), and demo-judge's judging desk on this year's
 * preliminary, where some of their assignments are still waiting for a score. Contest ids follow from the demo
 * admin and the demo's request ids, as the seeding makes them.
 */
import type { Shot } from '../screenshots';
import { contestIdOf, roundIdOf } from '../../server/contest/ids';
import { buildDemoCompany } from '../demo/company';
import { BURST_NETWORK } from '../demo/contest-votes';

const admin = buildDemoCompany(new Date()).identities.find((identity) => identity.openid === 'demo-admin');
if (!admin) throw new Error('the demo company has no demo-admin');
const current = contestIdOf(admin.memberId, 'demo-contest-2026');
const finished = contestIdOf(admin.memberId, 'demo-contest-2025');
const currentPrelim = roundIdOf(current, 0);

export const shots: readonly Shot[] = [
  { file: 'contests-list.png', as: 'demo-admin', path: '/console/contests', wait: '[data-testid="contests-table"] tbody tr' },
  { file: 'contests-rounds.png', as: 'demo-admin', path: `/console/contests/${current}/rounds`, wait: '[data-testid="rounds"] [data-round]' },
  { file: 'contests-judges.png', as: 'demo-admin', path: `/console/contests/${current}/judges`, wait: '[data-testid="judge-progress"] tbody tr' },
  { file: 'contests-entries.png', as: 'demo-admin', path: `/console/contests/${current}/entries`, wait: '[data-testid="entries-table"] tbody tr' },
  // The burst voters' hotspot (scripts/demo/contest-votes.ts), its ballots opened by the address.
  {
    file: 'contests-votes.png',
    as: 'demo-admin',
    path: `/console/contests/${current}/votes?network=${BURST_NETWORK}`,
    wait: '[data-testid="ballot-table"] tbody tr',
  },
  { file: 'contests-results-preview.png', as: 'demo-admin', path: `/console/contests/${current}/results`, wait: '[data-testid="results-table"] tbody tr' },
  { file: 'contests-results-awards.png', as: 'demo-admin', path: `/console/contests/${finished}/results`, wait: '[data-testid="awards"] [data-award]' },
  // The judge's own screens: the rounds they judge, and the desk opened on their first unscored entry.
  { file: 'judging-rounds.png', as: 'demo-judge', path: '/console/judging', wait: '[data-testid="judge-rounds"] tbody tr' },
  { file: 'judging-desk.png', as: 'demo-judge', path: `/console/judging/${currentPrelim}`, wait: '[data-testid="entry-course"] p' },
];
