/**
 * The classroom area's screens (web/src/areas/classroom.ts) with the demo company, as the demo trainer: the
 * list of sessions, and yesterday's session with its sign-ups, attendance and survey results
 * (scripts/demo/classroom.ts).
 */
import type { Shot } from '../screenshots';
import { hashId } from '../../server/core/ids';
import { buildDemoCompany } from '../demo/company';

const trainerId = buildDemoCompany(new Date()).identities.find((identity) => identity.openid === 'demo-trainer')?.memberId ?? '';
/** The held session's id: server/classroom/edit.ts makes it from the creator and the demo's request id. */
const held = hashId('', `${trainerId}:demo-classroom-held`, 12);
const as = 'demo-trainer';

export const shots: readonly Shot[] = [
  { file: 'classroom-list.png', as, path: '/console/classroom', wait: '[data-testid="classroom-table"] a:has-text("高效沟通工作坊")' },
  { file: 'classroom-session.png', as, path: `/console/classroom/${held}`, wait: '[data-testid="ratings-table"] tbody tr' },
];
