/** 成员与审核: sign-ups by status, approving and rejecting (after a confirmation), team assignment. */
import { failure, ok } from '../wx-stub';
import { pick, settle, switchTab, tap, wxStub, openPage, text, texts, page } from '../harness';
import { adminView, backend, callsOf, memberRow } from '../../helpers/pages/campaign';

const TEAMS = [
  { id: 't1', name: '红队', enrolled: 10 },
  { id: 't2', name: '蓝队', enrolled: 9 },
];

test('lists sign-ups with status, department, team and progress; the 待审核 tab filters', async () => {
  backend({
    get: () => ok(adminView({ teamMode: 'assigned', teams: TEAMS })),
    members: (call) =>
      ok(
        call.event.status === 'pending'
          ? page([memberRow(2, { status: 'pending' })])
          : page([memberRow(1, { teamId: 't2', teamName: '蓝队' }), memberRow(3, { status: 'waitlisted', waitSeq: 4 })]),
      ),
  });
  const { page: members, simulate } = await openPage('packageCampaignAdmin/members/index', { id: 'c1' });
  expect(callsOf('members')).toEqual([{ action: 'members', campaignId: 'c1', page: 1, pageSize: 20 }]);
  expect(texts(members.querySelectorAll('.member-name'))).toEqual(['成员1', '成员3']);
  expect(texts(members.querySelectorAll('.member-status'))).toEqual(['已报名', '候补中 · 候补号 4']);
  // Coloured by the app's one status map (utils/status-themes.ts), as on 活动详情.
  expect(members.querySelectorAll('.member-status').map((tag) => /t-tag--(success|warning|danger|default)\b/.exec(tag.dom?.innerHTML ?? '')?.[1])).toEqual([
    'success',
    'warning',
  ]);
  expect(text(members.querySelector('.member-detail'))).toBe('E001 · 总部 / 销售部');
  expect(text(members.querySelector('.member-progress'))).toBe('已打卡 1 天（补卡 0）· 连续 1 天 · 最长 1 天');
  expect(members.querySelectorAll('.team-picker').map((picker) => text(picker.querySelector('.picker-field-value')))).toEqual(['蓝队', '未分组']);

  await switchTab(simulate, members, 1);
  await settle(simulate);
  expect(callsOf('members')[1]).toEqual({ action: 'members', campaignId: 'c1', page: 1, pageSize: 20, status: 'pending' });
  expect(texts(members.querySelectorAll('.member-name'))).toEqual(['成员2']);
});

test('approving shows the new state; rejecting asks first', async () => {
  backend({
    get: () => ok(adminView()),
    members: () => ok(page([memberRow(1, { status: 'pending' }), memberRow(2, { status: 'pending' })])),
    decide: (call) =>
      ok(memberRow(call.event.memberId === 'm1' ? 1 : 2, { status: call.event.decision === 'approve' ? 'waitlisted' : 'rejected', waitSeq: 1 })),
  });
  const { page: members, simulate } = await openPage('packageCampaignAdmin/members/index', { id: 'c1' });
  await tap(simulate, members.querySelectorAll('.approve')[0]!);
  await settle(simulate);
  expect(callsOf('decide')).toEqual([{ action: 'decide', campaignId: 'c1', memberId: 'm1', decision: 'approve' }]);
  expect(wxStub().toasts).toEqual(['已通过，名额已满转为候补']);
  expect(texts(members.querySelectorAll('.member-status'))[0]).toBe('候补中 · 候补号 1');

  wxStub().modalAnswers.push(false);
  await tap(simulate, members.querySelector('.reject')!);
  expect(callsOf('decide')).toHaveLength(1);
  wxStub().modalAnswers.push(true);
  await tap(simulate, members.querySelector('.reject')!);
  await settle(simulate);
  expect(callsOf('decide')[1]).toEqual({ action: 'decide', campaignId: 'c1', memberId: 'm2', decision: 'reject' });
  expect(texts(members.querySelectorAll('.member-status'))[1]).toBe('未通过');
});

test('putting a member in a team; a refusal is shown', async () => {
  let refuse = false;
  backend({
    get: () => ok(adminView({ teamMode: 'assigned', teams: TEAMS })),
    members: () => ok(page([memberRow(1)])),
    assignTeam: () => (refuse ? failure('CAMPAIGN_STATE', '活动已结束，不能调整分组') : ok(memberRow(1, { teamId: 't2', teamName: '蓝队' }))),
  });
  const { page: members, simulate } = await openPage('packageCampaignAdmin/members/index', { id: 'c1' });
  // components/picker-field hands on the confirmed team's position (tested in components/kit.test.ts).
  await pick(simulate, members.querySelector('.team-picker'), '1');
  expect(callsOf('assignTeam')).toEqual([{ action: 'assignTeam', campaignId: 'c1', memberId: 'm1', teamId: 't2' }]);
  expect(text(members.querySelector('.team-picker')!.querySelector('.picker-field-value'))).toBe('蓝队');
  refuse = true;
  await pick(simulate, members.querySelector('.team-picker'), '0');
  expect(wxStub().toasts).toEqual(['已分到蓝队', '活动已结束，不能调整分组']);
});
