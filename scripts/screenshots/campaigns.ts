/**
 * The campaigns area's screens (web/src/areas/campaigns.ts) with the demo company: the list, the running
 * 21-day campaign's settings, teams, dashboard and feed as the demo trainer, and the onboarding campaign's
 * sign-ups waiting for approval (scripts/demo/campaign.ts).
 */
import type { Shot } from '../screenshots';
import { campaignIdFor } from '../../server/campaign/edit';
import { buildDemoCompany } from '../demo/company';
import { ONBOARDING_KEY, RUNNING_KEY } from '../demo/campaign';

const trainerId = buildDemoCompany(new Date()).identities.find((identity) => identity.openid === 'demo-trainer')?.memberId ?? '';
const running = encodeURIComponent(campaignIdFor(trainerId, RUNNING_KEY));
const onboarding = encodeURIComponent(campaignIdFor(trainerId, ONBOARDING_KEY));
const as = 'demo-trainer';

export const shots: readonly Shot[] = [
  { file: 'campaigns-list.png', as, path: '/console/campaigns', wait: '[data-testid="campaigns-table"] a:has-text("21 天结构化表达打卡")' },
  { file: 'campaigns-editor.png', as, path: `/console/campaigns/${running}`, wait: '[data-testid="task-1"]' },
  { file: 'campaigns-new.png', as, path: '/console/campaigns/new', wait: '[data-testid="campaign-editor"]' },
  {
    file: 'campaigns-signups.png',
    as,
    path: `/console/campaigns/${onboarding}/signups?status=pending`,
    wait: '[data-testid="signups-table"] tbody tr >> nth=3',
  },
  { file: 'campaigns-teams.png', as, path: `/console/campaigns/${running}/teams`, wait: '[data-testid="team-board"] tbody tr' },
  { file: 'campaigns-dashboard.png', as, path: `/console/campaigns/${running}/dashboard`, wait: '[data-testid="chart-daily"] canvas' },
  { file: 'campaigns-feed.png', as, path: `/console/campaigns/${running}/feed`, wait: '[data-testid="feed-item"]' },
  { file: 'campaigns-feed-featured.png', as, path: `/console/campaigns/${running}/feed?filter=featured`, wait: '[data-testid="review"]' },
];
