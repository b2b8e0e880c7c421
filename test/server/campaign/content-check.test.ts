/**
 * A campaign's texts pass WeChat's content check (security.msgSecCheck) before they are stored: members
 * read the title, summary and daily prompts (scene 3 "forum") and choose among the team names (scene 1
 * "profile"), so a trainer's text is held to the same rule as members' check-ins and comments. A refused
 * text answers CONTENT_REJECTED and writes nothing; the local cloud's block list makes the check refuse.
 */
import type { CampaignFields } from '../../../server/campaign/edit';
import { useTestCloud } from '../../helpers/local-cloud';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock } from '../../helpers/clock';
import { countAll } from '../../helpers/db';
import { beijing, call, campaignFields, requestId, seedTrainer, TRAINER_ID } from './helpers';

const BLOCKED = '违禁词';
const cloud = useTestCloud();

beforeAll(async () => {
  freezeClock(beijing('2026-04-01'));
  await seedTrainer();
  cloud.openapi.setBlockList({ text: [BLOCKED], imageSha256: [] });
});

afterAll(async () => {
  jest.useRealTimers();
});

const base = { ...campaignFields('2026-04-05', 3), scopeDepartmentId: null };

describe('campaign texts', () => {
  it.each<[string, Partial<CampaignFields>]>([
    ['title', { title: `打卡${BLOCKED}` }],
    ['summary', { summary: `简介${BLOCKED}` }],
    ['daily prompts', { tasks: [...base.tasks.slice(0, 2), { courseId: null, prompt: `第三天${BLOCKED}` }] }],
    ['team names', { teamMode: 'chosen', teams: [{ name: '一组' }, { name: `${BLOCKED}组` }] }],
  ])('refuses a new campaign with blocked %s, creating nothing', async (_label, change) => {
    expect(codeOf(await call('create', { ...base, ...change, requestId: requestId() }, TRAINER_ID))).toBe('CONTENT_REJECTED');
    expect(await countAll('campaigns')).toBe(0);
  });

  it('refuses blocked changes to a campaign and keeps what was stored', async () => {
    const draft = dataOf(
      await call('create', { ...base, teamMode: 'chosen', teams: [{ name: '一组' }, { name: '二组' }], requestId: requestId() }, TRAINER_ID),
    );
    expect(codeOf(await call('update', { campaignId: draft.id, summary: BLOCKED }, TRAINER_ID))).toBe('CONTENT_REJECTED');
    expect(
      codeOf(
        await call(
          'update',
          {
            campaignId: draft.id,
            teams: [
              { id: 't1', name: '一组' },
              { id: 't2', name: BLOCKED },
            ],
          },
          TRAINER_ID,
        ),
      ),
    ).toBe('CONTENT_REJECTED');
    expect(dataOf(await call('get', { campaignId: draft.id }, TRAINER_ID))).toMatchObject({
      summary: base.summary,
      teams: [{ name: '一组' }, { name: '二组' }],
    });
    expect(dataOf(await call('update', { campaignId: draft.id, summary: '新的简介' }, TRAINER_ID))).toMatchObject({ summary: '新的简介' });
  });
});
