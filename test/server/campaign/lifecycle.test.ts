/**
 * Trainers' side and who sees what: creating with validation (clear Chinese errors, nothing written),
 * publishing, editing a running campaign without rewriting history, ending early and archiving; scoped
 * managers; eligibility by department subtree, audience and invitation link; the learner's lists; approval,
 * teams and the members list.
 */
import type { CampaignDoc, EnrollmentDoc, MemberDoc, NotificationDoc } from '../../../typings/domain';
import { useTestCloud } from '../../helpers/local-cloud';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { countAll, grant, insertAll } from '../../helpers/db';
import { beijing, call, campaignFields, expectCountersExact, makeCampaign, readDoc, requestId, seedMembers, seedTrainer, TRAINER_ID } from './helpers';

jest.setTimeout(60_000);

useTestCloud();
let trainer: MemberDoc;

beforeAll(async () => {
  trainer = await seedTrainer();
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: 'dept:总部/销售部', name: '销售部', path: ['总部', '销售部'], parentId: 'dept:总部' },
    { _id: 'dept:总部/销售部/华东区', name: '华东区', path: ['总部', '销售部', '华东区'], parentId: 'dept:总部/销售部' },
    { _id: 'dept:总部/信息技术部', name: '信息技术部', path: ['总部', '信息技术部'], parentId: 'dept:总部' },
  ]);
});

afterEach(() => {
  jest.useRealTimers();
});

describe('creating and editing', () => {
  it('refuses invalid campaigns with a clear message and writes nothing', async () => {
    freezeClock(beijing('2026-03-01'));
    const before = await countAll('campaigns');
    const base = campaignFields('2026-03-10', 7);
    const cases: [Partial<typeof base>, string][] = [
      [{ endDay: '2026-03-09' }, '结束日期不能早于开始日期'],
      [{ tasks: base.tasks.slice(0, 6) }, '活动共 7 天，需要每天一个任务（现有 6 个）'],
      [{ tasks: [{ courseId: null, prompt: '' }, ...base.tasks.slice(1)] }, '第 1 天的任务需要关联课程或填写题目'],
      [{ tasks: [{ courseId: 'course:missing', prompt: '' }, ...base.tasks.slice(1)] }, '第 1 天关联的课程不存在或未发布'],
      [{ signUpEndDay: '2026-03-20' }, '报名截止日期不能晚于活动结束日期'],
      [{ requirement: { minTextLength: 0, minPictures: 3, maxPictures: 2, requireCourse: false } }, '最少图片数不能大于最多图片数'],
      [{ teamMode: 'chosen', teams: [{ name: '一组' }] }, '分组活动至少需要两个分组'],
      [{ teamMode: 'chosen', teams: [{ name: '一组' }, { name: '一组' }] }, '分组名称不能重复'],
      [{ teamMode: 'none', teams: [{ name: '一组' }, { name: '二组' }] }, '不分组的活动不能设置分组'],
      [{ streakMilestones: [{ days: 8, points: 10 }] }, '连续打卡奖励的天数不能超过活动天数'],
      [{ makeUp: { cardsPerMember: 2, daysBack: 0, pointsCost: 0 } }, '允许补卡时，可补卡天数至少为 1 天'],
      [{ startDay: '2026-02-30', endDay: '2026-03-06' }, '开始日期不是有效的日期'],
      [{ departmentIds: ['dept:不存在'] }, '部门 dept:不存在 不存在'],
    ];
    for (const [change, message] of cases) {
      const answer = await call('create', { ...base, ...change, scopeDepartmentId: null, requestId: requestId() }, TRAINER_ID);
      expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message });
    }
    expect(codeOf(await call('create', { ...base, reminderTime: '25:00', scopeDepartmentId: null, requestId: requestId() }, TRAINER_ID))).toBe('INVALID_INPUT');
    expect(await countAll('campaigns')).toBe(before);
    const [learner] = await seedMembers(['m:life-learner']);
    expect(codeOf(await call('create', { ...base, requestId: requestId() }, learner!._id))).toBe('FORBIDDEN');
  });

  it('creates a draft once per request id, publishes it, and lets a running campaign change only what cannot rewrite history', async () => {
    freezeClock(beijing('2026-04-01'));
    const key = requestId();
    const fields = campaignFields('2026-04-05', 7, { teamMode: 'assigned', teams: [{ name: '一组' }, { name: '二组' }] });
    const draft = dataOf(await call('create', { ...fields, scopeDepartmentId: null, requestId: key }, TRAINER_ID));
    expect(dataOf(await call('create', { ...fields, scopeDepartmentId: null, requestId: key }, TRAINER_ID)).id).toBe(draft.id);
    expect(draft).toMatchObject({
      status: 'draft',
      phase: 'draft',
      totalDays: 7,
      teams: [
        { id: 't1', name: '一组' },
        { id: 't2', name: '二组' },
      ],
    });
    const [learner] = await seedMembers(['m:life-edit']);
    expect(codeOf(await call('detail', { campaignId: draft.id }, learner!._id))).toBe('NOT_FOUND');
    expect(dataOf(await call('publish', { campaignId: draft.id }, TRAINER_ID))).toMatchObject({ status: 'published', phase: 'upcoming' });
    expect(codeOf(await call('publish', { campaignId: draft.id }, TRAINER_ID))).toBe('CAMPAIGN_STATE');
    dataOf(await call('signUp', { campaignId: draft.id }, learner!._id));
    // Day 3 is running: days 1–3 keep their tasks; day 4 may change; the campaign may grow by a day.
    setClock(beijing('2026-04-07'));
    dataOf(await call('checkIn', { campaignId: draft.id, text: '第三天', requestId: requestId() }, learner!._id));
    const tasks = fields.tasks.map((task) => ({ ...task }));
    const changedPast = tasks.map((task, i) => (i === 2 ? { ...task, prompt: '改写第三天' } : task));
    expect(await call('update', { campaignId: draft.id, tasks: changedPast }, TRAINER_ID)).toMatchObject({
      ok: false,
      code: 'CAMPAIGN_STATE',
      message: '第 3 天已经开始，不能修改它的任务',
    });
    expect(await call('update', { campaignId: draft.id, startDay: '2026-04-08', endDay: '2026-04-14' }, TRAINER_ID)).toMatchObject({
      ok: false,
      code: 'CAMPAIGN_STATE',
    });
    expect(await call('update', { campaignId: draft.id, teamMode: 'chosen' }, TRAINER_ID)).toMatchObject({ ok: false, code: 'CAMPAIGN_STATE' });
    expect(await call('update', { campaignId: draft.id, teams: [{ id: 't1', name: '一组' }] }, TRAINER_ID)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const extended = [...tasks.map((task, i) => (i === 3 ? { ...task, prompt: '新的第四天' } : task)), { courseId: null, prompt: '加赛一天' }];
    const updated = dataOf(
      await call(
        'update',
        {
          campaignId: draft.id,
          endDay: '2026-04-12',
          signUpEndDay: '2026-04-12',
          tasks: extended,
          pointsPerCheckin: 99,
          requirement: { minTextLength: 50, minPictures: 0, maxPictures: 9, requireCourse: false },
        },
        TRAINER_ID,
      ),
    );
    expect(updated).toMatchObject({
      totalDays: 8,
      pointsPerCheckin: 99,
      tasks: expect.arrayContaining([expect.objectContaining({ index: 4, prompt: '新的第四天' })]),
    });
    // The check-in already made keeps its text and points.
    expect(await readDoc('campaignCheckins', `${draft.id}:${learner!._id}:2026-04-07`)).toMatchObject({ text: '第三天', points: 10 });
  });

  it('ends early (today is the last day) and archives only once nothing is running', async () => {
    freezeClock(beijing('2026-05-01'));
    const campaign = await makeCampaign(trainer, campaignFields('2026-05-01', 10), new Date());
    const [learner] = await seedMembers(['m:life-end']);
    dataOf(await call('signUp', { campaignId: campaign._id }, learner!._id));
    setClock(beijing('2026-05-03', '09:00'));
    expect(codeOf(await call('archive', { campaignId: campaign._id }, TRAINER_ID))).toBe('CAMPAIGN_STATE');
    expect(dataOf(await call('end', { campaignId: campaign._id }, TRAINER_ID))).toMatchObject({
      status: 'ended',
      phase: 'ended',
      endDay: '2026-05-03',
      totalDays: 3,
    });
    // Today still counts; tomorrow there is nothing left to do.
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '最后一天', requestId: requestId() }, learner!._id))).toBe('OK');
    expect(codeOf(await call('update', { campaignId: campaign._id, title: '改名' }, TRAINER_ID))).toBe('CAMPAIGN_STATE');
    setClock(beijing('2026-05-04', '09:00'));
    expect(codeOf(await call('checkIn', { campaignId: campaign._id, text: '多一天', requestId: requestId() }, learner!._id))).toBe('CHECKIN_UNAVAILABLE');
    expect(dataOf(await call('archive', { campaignId: campaign._id }, TRAINER_ID))).toMatchObject({ status: 'archived' });
    // The member still sees what they took part in; the list no longer shows it.
    expect(codeOf(await call('detail', { campaignId: campaign._id }, learner!._id))).toBe('OK');
    const list = dataOf(await call('list', {}, learner!._id));
    expect(list.items.map((item) => item.id)).not.toContain(campaign._id);
  });
});

describe('who may see, join and manage', () => {
  it('lists only campaigns the member is eligible for, with their status, and opens an invitation-only one with its token', async () => {
    freezeClock(beijing('2026-06-01'));
    const fields = (title: string, change: Partial<ReturnType<typeof campaignFields>>) => ({ ...campaignFields('2026-06-10', 5), title, ...change });
    const sales = await makeCampaign(trainer, fields('销售部打卡', { departmentIds: ['dept:总部/销售部'] }), new Date());
    const managers = await makeCampaign(trainer, fields('管理者打卡', { audiences: ['first_line_manager'] }), new Date());
    const invited = await makeCampaign(trainer, fields('受邀打卡', { inviteOnly: true }), new Date());
    const open = await makeCampaign(trainer, fields('全员打卡', {}), new Date());
    const [east, it] = await seedMembers(['m:vis-east'], { departmentId: 'dept:总部/销售部/华东区', departmentPath: ['总部', '销售部', '华东区'] }).then(
      async (a) => [a[0], (await seedMembers(['m:vis-it']))[0]],
    );
    const titles = async (memberId: string) => dataOf(await call('list', { pageSize: 50 }, memberId)).items.map((item) => item.title);
    expect(await titles(east!._id)).toEqual(expect.arrayContaining(['销售部打卡', '全员打卡']));
    expect(await titles(east!._id)).not.toEqual(expect.arrayContaining(['管理者打卡']));
    expect(await titles(it!._id)).not.toContain('销售部打卡');
    expect(await titles(it!._id)).not.toContain('受邀打卡');
    expect(codeOf(await call('detail', { campaignId: sales._id }, it!._id))).toBe('NOT_FOUND');
    expect(codeOf(await call('signUp', { campaignId: sales._id }, it!._id))).toBe('NOT_FOUND');
    expect(codeOf(await call('detail', { campaignId: managers._id }, east!._id))).toBe('NOT_FOUND');
    expect(codeOf(await call('detail', { campaignId: invited._id }, it!._id))).toBe('NOT_FOUND');
    const token = (await readDoc<CampaignDoc>('campaigns', invited._id))!.inviteToken;
    expect(codeOf(await call('detail', { campaignId: invited._id, inviteToken: 'wrong-token-123' }, it!._id))).toBe('NOT_FOUND');
    expect(dataOf(await call('detail', { campaignId: invited._id, inviteToken: token }, it!._id))).toMatchObject({
      inviteOnly: true,
      myEnrollment: null,
      canManage: false,
    });
    expect(dataOf(await call('signUp', { campaignId: invited._id, inviteToken: token }, it!._id)).enrollment).toMatchObject({ status: 'enrolled' });
    // Once signed up, no token is needed any more; `mine` lists it.
    expect(codeOf(await call('detail', { campaignId: invited._id }, it!._id))).toBe('OK');
    dataOf(await call('signUp', { campaignId: open._id }, it!._id));
    const mine = dataOf(await call('mine', {}, it!._id));
    expect(mine.items.map((item) => [item.title, item.myStatus])).toEqual([
      ['全员打卡', 'enrolled'],
      ['受邀打卡', 'enrolled'],
    ]);
    expect(dataOf(await call('list', { pageSize: 50 }, it!._id)).items.find((item) => item.id === open._id)).toMatchObject({
      myStatus: 'enrolled',
      enrolledCount: 1,
      signUpOpen: true,
      phase: 'upcoming',
    });
  });

  it('lets a scoped trainer manage only campaigns made within their departments, and target only those', async () => {
    freezeClock(beijing('2026-06-01'));
    const [scoped] = await seedMembers(['m:scoped-trainer'], {
      departmentId: 'dept:总部/销售部',
      departmentPath: ['总部', '销售部'],
      roles: [grant('trainer', 'dept:总部/销售部')],
    });
    const companyWide = await makeCampaign(trainer, campaignFields('2026-06-10', 3), new Date());
    expect(codeOf(await call('create', { ...campaignFields('2026-06-10', 3), requestId: requestId() }, scoped!._id))).toBe('FORBIDDEN');
    expect(
      codeOf(await call('create', { ...campaignFields('2026-06-10', 3), departmentIds: ['dept:总部/信息技术部'], requestId: requestId() }, scoped!._id)),
    ).toBe('FORBIDDEN');
    const own = dataOf(
      await call('create', { ...campaignFields('2026-06-10', 3), departmentIds: ['dept:总部/销售部/华东区'], requestId: requestId() }, scoped!._id),
    );
    expect(own.departmentNames).toEqual(['总部/销售部/华东区']);
    expect(codeOf(await call('get', { campaignId: companyWide._id }, scoped!._id))).toBe('FORBIDDEN');
    expect(codeOf(await call('members', { campaignId: companyWide._id }, scoped!._id))).toBe('FORBIDDEN');
    const managed = dataOf(await call('managed', { pageSize: 50 }, scoped!._id));
    expect(managed.items.map((item) => item.id)).toEqual([own.id]);
    expect(dataOf(await call('managed', { pageSize: 50 }, TRAINER_ID)).items.map((item) => item.id)).toEqual(expect.arrayContaining([own.id, companyWide._id]));
  });

  it('approves and rejects sign-ups, assigns teams with their counts, and pages the members list', async () => {
    freezeClock(beijing('2026-07-01'));
    const campaign = await makeCampaign(
      trainer,
      campaignFields('2026-07-01', 5, { approvalRequired: true, capacity: 2, teamMode: 'assigned', teams: [{ name: '一组' }, { name: '二组' }] }),
      new Date(),
    );
    const members = await seedMembers(['m:appr-0', 'm:appr-1', 'm:appr-2', 'm:appr-3']);
    // Teams are the trainer's to assign here: a sign-up choosing one is refused.
    expect(codeOf(await call('signUp', { campaignId: campaign._id, teamId: 't1' }, members[0]!._id))).toBe('INVALID_INPUT');
    for (const member of members) expect(dataOf(await call('signUp', { campaignId: campaign._id }, member._id)).enrollment.status).toBe('pending');
    const decide = (i: number, decision: 'approve' | 'reject') => call('decide', { campaignId: campaign._id, memberId: members[i]!._id, decision }, TRAINER_ID);
    expect(dataOf(await decide(0, 'approve'))).toMatchObject({ status: 'enrolled' });
    expect(dataOf(await decide(1, 'approve'))).toMatchObject({ status: 'enrolled' });
    expect(dataOf(await decide(2, 'approve'))).toMatchObject({ status: 'waitlisted', waitSeq: 1 });
    expect(dataOf(await decide(3, 'reject'))).toMatchObject({ status: 'rejected' });
    expect(codeOf(await decide(3, 'approve'))).toBe('CAMPAIGN_STATE');
    expect(codeOf(await call('signUp', { campaignId: campaign._id }, members[3]!._id))).toBe('SIGNUP_REJECTED');
    // An approval tells the member in 消息中心 (server/core/notify.ts); a rejection does not.
    const told = (i: number) => readDoc<NotificationDoc>('notifications', `signup_approved:${campaign._id}:${members[i]!._id}`);
    expect(await told(0)).toMatchObject({
      memberId: members[0]!._id,
      body: '已通过审核，记得按时打卡',
      page: `packageCampaign/detail/index?id=${encodeURIComponent(campaign._id)}`,
      read: false,
    });
    expect(await told(2)).toMatchObject({ body: '已通过审核，名额已满，正在候补' });
    expect(await told(3)).toBeNull();
    dataOf(await call('assignTeam', { campaignId: campaign._id, memberId: members[0]!._id, teamId: 't1' }, TRAINER_ID));
    dataOf(await call('checkIn', { campaignId: campaign._id, text: '一组打卡', requestId: requestId() }, members[0]!._id));
    await expectCountersExact(campaign._id);
    // Moving a member moves their check-ins in the team counters.
    expect(dataOf(await call('assignTeam', { campaignId: campaign._id, memberId: members[0]!._id, teamId: 't2' }, TRAINER_ID))).toMatchObject({
      teamId: 't2',
      teamName: '二组',
    });
    await expectCountersExact(campaign._id);
    // Rejecting an enrolled member gives the seat to the waiting list.
    expect(dataOf(await decide(1, 'reject'))).toMatchObject({ status: 'rejected' });
    expect(await readDoc<EnrollmentDoc>('campaignEnrollments', `${campaign._id}:${members[2]!._id}`)).toMatchObject({ status: 'enrolled', waitSeq: null });
    const page = dataOf(await call('members', { campaignId: campaign._id, status: 'enrolled', pageSize: 1 }, TRAINER_ID));
    expect(page).toMatchObject({ total: 2, hasMore: true, items: [{ memberId: members[0]!._id, daysDone: 1, teamName: '二组' }] });
    expect(dataOf(await call('members', { campaignId: campaign._id, teamId: 't2' }, TRAINER_ID)).items.map((row) => row.memberId)).toEqual([members[0]!._id]);
    expect(dataOf(await call('detail', { campaignId: campaign._id }, members[0]!._id))).toMatchObject({
      enrolledCount: 2,
      pendingCount: 0,
      waitlistedCount: 0,
      teams: [
        { id: 't1', enrolled: 0 },
        { id: 't2', enrolled: 1 },
      ],
    });
    await expectCountersExact(campaign._id);
  });
});
