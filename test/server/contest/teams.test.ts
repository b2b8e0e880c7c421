/**
 * Teams (组队) through the real `contest` function and the local cloud, the findings of the security issue:
 * - sign-up never tells whether a 工号 exists or whom it belongs to: one refusal for every teammate problem;
 * - teammates are invited, not conscripted: each confirms before they are on the team, may decline, and
 *   (confirmed) may leave; the owner may withdraw an invitation; all until the sign-up window closes;
 * - only confirmed members count (team size, submission minimum, authorship); pending invitees may not
 *   vote for the entry;
 * - every action taking an invitation or entry id answers only the invitee, the owner or a member;
 * - races: a member invited by many teams joins one (the others are declined for them); parallel answers
 *   never exceed the team size or lose one.
 */
import type { ContestEntryDoc, ContestInvitationDoc, ContestParticipantDoc, MemberDoc } from '../../../typings/domain';
import { MAX_TEAM_MEMBERS } from '../../../typings/functions/contest';
import type { Envelope } from '../../../typings/envelope';
import { contestFunction } from '../../../server/contest/actions';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll } from '../../helpers/db';
import { codeOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { runConcurrently } from '../../helpers/concurrency';
import { adminRole, as, beijing, judgeRole, ok, openidOf, person, round, seedPeople, seedStudioCourse } from './helpers';

jest.setTimeout(180_000);

const cloud = useTestCloud();

const ADMIN = person('m:admin', '管理员', '总部', '培训部', { roles: adminRole });
const LEAD = person('m:lead', '周队长', '华东分公司', '销售部');
const ANN = person('m:ann', '安娜', '华南分公司', '客服部');
const BEN = person('m:ben', '本杰', '华南分公司', '销售部');
const CAT = person('m:cat', '凯特', '总部', '财务部');
const DON = person('m:don', '唐恩', '总部', '法务部');
const SOLO = person('m:solo', '独行者', '华东分公司', '客服部');
const GONE = person('m:gone', '离职者', '华东分公司', '客服部', { active: false });
const OUTSIDER = person('m:out', '外部', '合资公司', '业务部');
const STRANGER = person('m:stranger', '路人', '总部', '行政部');
const JUDY = person('m:judy', '朱迪', '总部', '人事部', { roles: judgeRole });
const JUDGES = [
  person('m:j1', '评委一', '总部', '审计部', { roles: judgeRole }),
  person('m:j2', '评委二', '华南分公司', '行政部', { roles: judgeRole }),
  person('m:j3', '评委三', '总部', '财务部', { roles: judgeRole }),
  person('m:j4', '评委四', '华北分公司', '销售部', { roles: judgeRole }),
];
const CROWD = Array.from({ length: 24 }, (_, index) => person(`m:p${index}`, `员工${index}`, index % 2 ? '华东分公司' : '华南分公司', '业务部'));

const CONTEST = {
  title: '组队赛',
  theme: '协作',
  eligibility: { everyone: false, departmentIds: ['dept:集团/华东分公司', 'dept:集团/华南分公司', 'dept:集团/总部'] },
  rounds: [
    round(
      '初赛',
      { submit: ['2026-03-01', '2026-03-05'], judge: ['2026-03-06', '2026-03-08'], vote: ['2026-03-06', '2026-03-08'] },
      { weights: { judges: 80, votes: 20 } },
    ),
  ],
};

let contestId: string;

const teammate = (member: MemberDoc) => ({ employeeNo: member.employeeNo as string, name: member.name });
const invitationOf = (entryId: string, member: MemberDoc): string => `${entryId}:${member._id}`;
const answer = (member: MemberDoc, entryId: string, accept: boolean) =>
  callAction('contest', 'answerInvitation', { invitationId: invitationOf(entryId, member), accept }, as(member._id));
const entryDoc = async (entryId: string) => (await cloud.database.getDocument('contestEntries', entryId)) as unknown as ContestEntryDoc;
const refusalOf = (envelope: Envelope<unknown>) => (envelope.ok ? { ok: true } : { ok: false, code: envelope.code, message: envelope.message });

async function signUpTeam(owner: MemberDoc, teammates: readonly MemberDoc[], requestId: string) {
  return callAction(
    'contest',
    'signUp',
    { contestId, kind: 'team', teamName: `${owner.name}队`, teammates: teammates.map(teammate), title: `${owner.name}的作品`, requestId },
    as(owner._id),
  );
}

/** The sign-up day's second hour: the refusals of the first hour use up LEAD's teammate guesses. */
const NEXT_HOUR = new Date(beijing('2026-03-01').getTime() + 3_600_000);

async function writes(): Promise<number[]> {
  return Promise.all(['contestEntries', 'contestInvitations', 'contestParticipants'].map((name) => countAll(name)));
}

beforeAll(async () => {
  freezeClock(beijing('2026-02-20'));
  await seedPeople([ADMIN, LEAD, ANN, BEN, CAT, DON, SOLO, GONE, OUTSIDER, STRANGER, JUDY, ...JUDGES, ...CROWD]);
  await seedStudioCourse('c:lead', LEAD);
  await seedStudioCourse('c:ann', ANN);
  contestId = ok(await callAction('contest', 'createContest', { ...CONTEST, requestId: 'teams-contest-1' }, as(ADMIN._id))).id;
  ok(await callAction('contest', 'setStatus', { contestId, status: 'published' }, as(ADMIN._id)));
  setClock(beijing('2026-03-01'));
  ok(await callAction('contest', 'signUp', { contestId, kind: 'individual', title: '独自参赛', requestId: 'solo-0001' }, as(SOLO._id)));
});

afterAll(async () => {
  jest.useRealTimers();
});

describe('one refusal for every teammate problem', () => {
  it('answers an existing and an unknown 工号 identically, and every other teammate problem the same way, writing nothing', async () => {
    const before = await writes();
    const existing = await signUpTeam(LEAD, [{ ...ANN, name: '不是安娜' }], 'refuse-0001');
    const unknown = await signUpTeam(LEAD, [{ ...ANN, employeeNo: 'E-nobody', name: '不是安娜' }], 'refuse-0002');
    expect(refusalOf(existing)).toEqual(refusalOf(unknown));
    expect(refusalOf(existing)).toEqual({ ok: false, code: 'TEAMMATE_UNAVAILABLE', message: expect.stringContaining('请核对工号与姓名') });
    // The answer names nobody: neither the member behind the 工号 nor the one typed.
    expect(JSON.stringify(existing)).not.toContain('安娜');

    const problems: Record<string, MemberDoc[]> = {
      'unknown 工号, right-looking name': [{ ...ANN, employeeNo: 'E-nobody' }],
      inactive: [GONE],
      'not eligible': [OUTSIDER],
      'already in another entry': [SOLO],
      'the caller': [LEAD],
      'named twice': [ANN, ANN],
      'one good, one bad': [ANN, OUTSIDER],
    };
    for (const [index, [label, teammates]] of Object.entries(problems).entries()) {
      expect({ label, answer: refusalOf(await signUpTeam(LEAD, teammates, `refuse-case-${index}`)) }).toEqual({ label, answer: refusalOf(unknown) });
    }
    expect(await writes()).toEqual(before);
  });

  it('counts each refusal against the member who typed it: after 10 in an hour, even a right pair waits for the hour', async () => {
    // Nine refusals above; the tenth uses up the hour.
    expect(codeOf(await signUpTeam(LEAD, [{ ...ANN, name: '猜一猜' }], 'refuse-limit-1'))).toBe('TEAMMATE_UNAVAILABLE');
    const before = await writes();
    expect(refusalOf(await signUpTeam(LEAD, [ANN], 'refuse-limit-2'))).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      message: expect.stringContaining('分钟后再试'),
    });
    expect(await writes()).toEqual(before);
    // The next hour starts afresh (the rest of this file runs in it).
    setClock(NEXT_HOUR);
  });
});

describe('teammates are invited, not conscripted', () => {
  let entryId: string;

  it('signs up the owner alone with pending invitations; an invitee is on no team until they confirm', async () => {
    const signed = ok(await signUpTeam(LEAD, [ANN, BEN], 'lead-0001'));
    entryId = signed.id;
    expect(signed.members.map((member) => member.name)).toEqual(['周队长']);
    expect(signed.invitations).toEqual([
      { invitationId: invitationOf(entryId, ANN), name: '安娜' },
      { invitationId: invitationOf(entryId, BEN), name: '本杰' },
    ]);
    expect(signed).toMatchObject({ isOwner: true, teamOpen: true });
    expect(await cloud.database.getDocument('contestParticipants', `${contestId}:${ANN._id}`)).toBeUndefined();

    // Ann sees the invitation (the contest page's badge and the list), is not in the entry and cannot edit it.
    expect(ok(await callAction('contest', 'detail', { contestId }, as(ANN._id)))).toMatchObject({ myEntryId: null, pendingInvitations: 1 });
    expect(ok(await callAction('contest', 'myEntry', { contestId }, as(ANN._id)))).toBeNull();
    expect(ok(await callAction('contest', 'invitations', {}, as(ANN._id))).items).toEqual([
      expect.objectContaining({
        id: invitationOf(entryId, ANN),
        contestTitle: '组队赛',
        inviterName: '周队长',
        teamName: '周队长队',
        status: 'pending',
        open: true,
      }),
    ]);
    expect(codeOf(await callAction('contest', 'submitEntry', { entryId, title: '作品', teamName: '周队长队', courseIds: ['c:ann'] }, as(ANN._id)))).toBe(
      'FORBIDDEN',
    );
    // Only confirmed members count: a team of the owner alone cannot submit.
    const early = await callAction('contest', 'submitEntry', { entryId, title: '作品', teamName: '周队长队', courseIds: ['c:lead'] }, as(LEAD._id));
    expect(refusalOf(early)).toEqual({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('已确认的成员') });
  });

  it('joins the team on confirmation, once; a declined invitation cannot be confirmed afterwards', async () => {
    expect(ok(await answer(ANN, entryId, true)).status).toBe('confirmed');
    expect(ok(await answer(ANN, entryId, true)).status).toBe('confirmed');
    expect(ok(await callAction('contest', 'myEntry', { contestId }, as(ANN._id)))?.members.map((member) => member.name)).toEqual(['周队长', '安娜']);
    expect(await cloud.database.getDocument('contestParticipants', `${contestId}:${ANN._id}`)).toMatchObject({ entryId });
    expect(ok(await answer(BEN, entryId, false)).status).toBe('declined');
    expect(codeOf(await answer(BEN, entryId, true))).toBe('INVITATION_INVALID');
    expect(ok(await callAction('contest', 'invitations', {}, as(BEN._id))).items).toEqual([]);
    const entry = await entryDoc(entryId);
    expect({ memberIds: entry.memberIds, invitedIds: entry.invitedIds }).toEqual({ memberIds: [LEAD._id, ANN._id], invitedIds: [] });
    expect(entry.departmentIds.sort()).toEqual([ANN.departmentId, LEAD.departmentId].sort());
  });

  it('lets the owner invite more and withdraw a pending invitation, which can then not be answered', async () => {
    const invited = ok(await callAction('contest', 'invite', { entryId, teammates: [teammate(CAT)] }, as(LEAD._id)));
    expect(invited.invitations.map((one) => one.name)).toEqual(['凯特']);
    const withdrawn = ok(await callAction('contest', 'withdrawInvitation', { invitationId: invitationOf(entryId, CAT) }, as(LEAD._id)));
    expect(withdrawn.invitations).toEqual([]);
    expect(codeOf(await answer(CAT, entryId, true))).toBe('INVITATION_INVALID');
    expect(await cloud.database.getDocument('contestInvitations', invitationOf(entryId, CAT))).toMatchObject({ status: 'withdrawn' });
    // Inviting the same people again is refused like any other teammate problem while they are on the team.
    expect(codeOf(await callAction('contest', 'invite', { entryId, teammates: [teammate(ANN)] }, as(LEAD._id)))).toBe('TEAMMATE_UNAVAILABLE');
  });

  it('submits with a confirmed teammate; a teammate leaves only while the team keeps its minimum and their courses are out', async () => {
    ok(await callAction('contest', 'submitEntry', { entryId, title: '协作之道', teamName: '周队长队', courseIds: ['c:lead', 'c:ann'] }, as(LEAD._id)));
    expect(refusalOf(await callAction('contest', 'leaveTeam', { entryId }, as(ANN._id)))).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('你制作的课程'),
    });
    ok(await callAction('contest', 'submitEntry', { entryId, title: '协作之道', teamName: '周队长队', courseIds: ['c:lead'] }, as(LEAD._id)));
    expect(refusalOf(await callAction('contest', 'leaveTeam', { entryId }, as(ANN._id)))).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('须保留 2 名成员'),
    });

    // Cat is invited again (the same invitation document), confirms, and then Ann may leave.
    ok(await callAction('contest', 'invite', { entryId, teammates: [teammate(CAT)] }, as(LEAD._id)));
    ok(await answer(CAT, entryId, true));
    const after = ok(await callAction('contest', 'leaveTeam', { entryId }, as(ANN._id)));
    expect(after.members.map((member) => member.name)).toEqual(['周队长', '凯特']);
    expect(after.isMine).toBe(false);
    expect(ok(await callAction('contest', 'leaveTeam', { entryId }, as(ANN._id))).isMine).toBe(false);
    expect(await cloud.database.getDocument('contestParticipants', `${contestId}:${ANN._id}`)).toBeUndefined();
    expect((await entryDoc(entryId)).departmentIds.sort()).toEqual([CAT.departmentId, LEAD.departmentId].sort());
    // Free again: Ann may sign up on her own, which declines the invitation the owner sent her meanwhile.
    ok(await callAction('contest', 'invite', { entryId, teammates: [teammate(ANN)] }, as(LEAD._id)));
    ok(await callAction('contest', 'signUp', { contestId, kind: 'individual', title: '安娜的作品', requestId: 'ann-0001' }, as(ANN._id)));
    expect(await cloud.database.getDocument('contestInvitations', invitationOf(entryId, ANN))).toMatchObject({ status: 'declined' });
    expect((await entryDoc(entryId)).invitedIds).toEqual([]);
    // The owner never leaves their own entry.
    expect(codeOf(await callAction('contest', 'leaveTeam', { entryId }, as(LEAD._id)))).toBe('INVALID_INPUT');
  });

  it('answers each invitation and team action only to the invitee, the owner or a member', async () => {
    ok(await callAction('contest', 'invite', { entryId, teammates: [teammate(DON)] }, as(LEAD._id)));
    const donInvitation = invitationOf(entryId, DON);
    const before = JSON.stringify(await cloud.database.getDocument('contestInvitations', donInvitation));
    const cases: [string, Promise<Envelope<unknown>>, string][] = [
      [
        'the owner answers for the invitee',
        callAction('contest', 'answerInvitation', { invitationId: donInvitation, accept: true }, as(LEAD._id)),
        'NOT_FOUND',
      ],
      ['a member answers for the invitee', callAction('contest', 'answerInvitation', { invitationId: donInvitation, accept: false }, as(CAT._id)), 'NOT_FOUND'],
      ['a stranger answers', callAction('contest', 'answerInvitation', { invitationId: donInvitation, accept: true }, as(STRANGER._id)), 'NOT_FOUND'],
      ['the invitee withdraws', callAction('contest', 'withdrawInvitation', { invitationId: donInvitation }, as(DON._id)), 'NOT_FOUND'],
      ['a member withdraws', callAction('contest', 'withdrawInvitation', { invitationId: donInvitation }, as(CAT._id)), 'FORBIDDEN'],
      ['a stranger withdraws', callAction('contest', 'withdrawInvitation', { invitationId: donInvitation }, as(STRANGER._id)), 'NOT_FOUND'],
      ['a member invites', callAction('contest', 'invite', { entryId, teammates: [teammate(BEN)] }, as(CAT._id)), 'FORBIDDEN'],
      ['the invitee invites', callAction('contest', 'invite', { entryId, teammates: [teammate(BEN)] }, as(DON._id)), 'FORBIDDEN'],
      ['a stranger invites', callAction('contest', 'invite', { entryId, teammates: [teammate(BEN)] }, as(STRANGER._id)), 'FORBIDDEN'],
      ['the invitee leaves', callAction('contest', 'leaveTeam', { entryId }, as(DON._id)), 'FORBIDDEN'],
      ['a stranger leaves', callAction('contest', 'leaveTeam', { entryId }, as(STRANGER._id)), 'FORBIDDEN'],
    ];
    const outcomes: Record<string, string> = {};
    for (const [label, call] of cases) outcomes[label] = codeOf(await call);
    expect(outcomes).toEqual(Object.fromEntries(cases.map(([label, , code]) => [label, code])));
    expect(JSON.stringify(await cloud.database.getDocument('contestInvitations', donInvitation))).toBe(before);
    // Nobody else lists Don's invitation, and only the team sees who is invited.
    expect(ok(await callAction('contest', 'invitations', {}, as(STRANGER._id))).items).toEqual([]);
    expect(ok(await callAction('contest', 'entry', { entryId }, as(STRANGER._id))).invitations).toEqual([]);
    expect(ok(await callAction('contest', 'entry', { entryId }, as(CAT._id))).invitations.map((one) => one.name)).toEqual(['唐恩']);
  });

  it('never lets a pending invitee judge the entry', async () => {
    ok(await callAction('contest', 'invite', { entryId, teammates: [teammate(JUDY)] }, as(LEAD._id)));
    const roundId = `${contestId}:r1`;
    // Judge 3 shares Cat's department and Judy is invited: two judges are left for the entry, one short.
    const pool = [JUDY, ...JUDGES.slice(0, 3)].map((judge) => judge._id);
    ok(await callAction('contest', 'setJudges', { roundId, judgeIds: pool, judgesPerEntry: 3 }, as(ADMIN._id)));
    expect(refusalOf(await callAction('contest', 'assignJudges', { roundId }, as(ADMIN._id)))).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('只有 2 位'),
    });
    ok(await callAction('contest', 'setJudges', { roundId, judgeIds: [...pool, JUDGES[3]!._id], judgesPerEntry: 3 }, as(ADMIN._id)));
    ok(await callAction('contest', 'assignJudges', { roundId }, as(ADMIN._id)));
    const judges = (cloud.database.listDocuments('contestScores') as unknown as { entryId: string; judgeId: string }[])
      .filter((doc) => doc.entryId === entryId)
      .map((doc) => doc.judgeId);
    expect(judges.sort()).toEqual([JUDGES[0]!._id, JUDGES[1]!._id, JUDGES[3]!._id].sort());
  });

  it('freezes the team once the window closes; a pending invitee may not vote for the entry, others may', async () => {
    setClock(beijing('2026-03-06'));
    const frozen = {
      confirm: codeOf(await answer(DON, entryId, true)),
      leave: codeOf(await callAction('contest', 'leaveTeam', { entryId }, as(CAT._id))),
      invite: codeOf(await callAction('contest', 'invite', { entryId, teammates: [teammate(BEN)] }, as(LEAD._id))),
      withdraw: codeOf(await callAction('contest', 'withdrawInvitation', { invitationId: invitationOf(entryId, DON) }, as(LEAD._id))),
    };
    expect(frozen).toEqual({ confirm: 'CONTEST_PHASE', leave: 'CONTEST_PHASE', invite: 'CONTEST_PHASE', withdraw: 'CONTEST_PHASE' });
    expect(ok(await callAction('contest', 'invitations', {}, as(DON._id))).items).toEqual([expect.objectContaining({ status: 'pending', open: false })]);
    expect(ok(await callAction('contest', 'entry', { entryId }, as(LEAD._id))).teamOpen).toBe(false);

    const roundId = `${contestId}:r1`;
    expect(ok(await callAction('contest', 'votesLeft', { roundId, entryIds: [entryId] }, as(DON._id))).entries[0]!.left).toBe(0);
    expect(codeOf(await callAction('contest', 'vote', { entryId, requestId: 'don-vote-0001' }, as(DON._id)))).toBe('OWN_ENTRY');
    expect(codeOf(await callAction('contest', 'vote', { entryId, requestId: 'cat-vote-0001' }, as(CAT._id)))).toBe('OWN_ENTRY');
    // Ann left before the window closed: no longer tied to the entry.
    expect(codeOf(await callAction('contest', 'vote', { entryId, requestId: 'ann-vote-0001' }, as(ANN._id)))).toBe('OK');
    setClock(NEXT_HOUR);
  });
});

describe('races', () => {
  const run = (name: keyof typeof contestFunction.actions, input: unknown, member: MemberDoc) =>
    runConcurrently(contestFunction.actions[name], input, openidOf(member._id));

  it('lets a member invited by eight teams who confirms them all at once join exactly one', async () => {
    const [wanted, ...owners] = CROWD.slice(0, 9) as [MemberDoc, ...MemberDoc[]];
    const entryIds = [];
    for (const owner of owners) entryIds.push(ok(await signUpTeam(owner, [wanted], `race-a-${owner._id.slice(2)}`)).id);
    const codes = await Promise.all(entryIds.map((entryId) => run('answerInvitation', { invitationId: invitationOf(entryId, wanted), accept: true }, wanted)));
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    // The others find her in an entry, or (answered late) their invitation already declined for her.
    expect(codes.filter((code) => code !== 'OK').every((code) => code === 'ALREADY_ENTERED' || code === 'INVITATION_INVALID')).toBe(true);
    const joined = entryIds[codes.indexOf('OK')] as string;
    const holding = [];
    for (const entryId of entryIds) if ((await entryDoc(entryId)).memberIds.includes(wanted._id)) holding.push(entryId);
    expect(holding).toEqual([joined]);
    expect(await cloud.database.getDocument('contestParticipants', `${contestId}:${wanted._id}`)).toMatchObject({ entryId: joined });
    // The other teams' invitations can never be confirmed now: they are declined, and she is tied to none of them.
    expect(ok(await callAction('contest', 'invitations', { contestId }, as(wanted._id))).items).toEqual([]);
    for (const entryId of entryIds.filter((id) => id !== joined)) {
      expect(await cloud.database.getDocument('contestInvitations', invitationOf(entryId, wanted))).toMatchObject({ status: 'declined' });
      expect((await entryDoc(entryId)).invitedIds).toEqual([]);
    }
  });

  it('never exceeds the team size nor loses a member when answers, invitations and withdrawals run at once', async () => {
    const [owner, ...people] = CROWD.slice(9) as [MemberDoc, ...MemberDoc[]];
    const first = people.slice(0, MAX_TEAM_MEMBERS - 1);
    const later = people.slice(MAX_TEAM_MEMBERS - 1);
    const entryId = ok(await signUpTeam(owner, first, 'race-b-0001')).id;
    // Full (owner + 9 invitations): one more is refused.
    expect(codeOf(await callAction('contest', 'invite', { entryId, teammates: [teammate(later[0]!)] }, as(owner._id)))).toBe('INVALID_INPUT');

    const [confirming, declining, withdrawing] = [first.slice(0, 5), first.slice(5, 7), first.slice(7)];
    const codes = await Promise.all([
      ...confirming.map((member) => run('answerInvitation', { invitationId: invitationOf(entryId, member), accept: true }, member)),
      ...declining.map((member) => run('answerInvitation', { invitationId: invitationOf(entryId, member), accept: false }, member)),
      ...withdrawing.map((member) => run('withdrawInvitation', { invitationId: invitationOf(entryId, member) }, owner)),
      ...later.map((member) => run('invite', { entryId, teammates: [teammate(member)] }, owner)),
    ]);
    expect(codes.slice(0, first.length)).toEqual(first.map(() => 'OK'));
    expect(codes.slice(first.length).every((code) => code === 'OK' || code === 'INVALID_INPUT')).toBe(true);

    const expectConsistent = async (): Promise<ContestEntryDoc> => {
      const entry = await entryDoc(entryId);
      expect(entry.memberIds.length + (entry.invitedIds ?? []).length).toBeLessThanOrEqual(MAX_TEAM_MEMBERS);
      const participants = (cloud.database.listDocuments('contestParticipants') as unknown as ContestParticipantDoc[]).filter((doc) => doc.entryId === entryId);
      expect(participants.map((doc) => doc.memberId).sort()).toEqual([...entry.memberIds].sort());
      const invitations = (cloud.database.listDocuments('contestInvitations') as unknown as ContestInvitationDoc[]).filter((doc) => doc.entryId === entryId);
      expect(
        invitations
          .filter((doc) => doc.status === 'pending')
          .map((doc) => doc.inviteeId)
          .sort(),
      ).toEqual([...(entry.invitedIds ?? [])].sort());
      expect(
        invitations
          .filter((doc) => doc.status === 'confirmed')
          .map((doc) => doc.inviteeId)
          .sort(),
      ).toEqual(entry.memberIds.filter((id) => id !== owner._id).sort());
      return entry;
    };
    const entry = await expectConsistent();
    expect(entry.memberIds).toEqual(expect.arrayContaining([owner._id, ...confirming.map((member) => member._id)]));

    // The owner fills the free places (those the race did not), then everyone pending confirms at once:
    // all of them fit, and the team stays within its size.
    for (const member of later)
      if (!(entry.invitedIds ?? []).includes(member._id)) await callAction('contest', 'invite', { entryId, teammates: [teammate(member)] }, as(owner._id));
    const filled = await expectConsistent();
    expect(filled.memberIds.length + (filled.invitedIds ?? []).length).toBe(MAX_TEAM_MEMBERS);
    const pending = CROWD.filter((member) => (filled.invitedIds ?? []).includes(member._id));
    expect(pending.length).toBeGreaterThan(0);
    expect(await Promise.all(pending.map((member) => run('answerInvitation', { invitationId: invitationOf(entryId, member), accept: true }, member)))).toEqual(
      pending.map(() => 'OK'),
    );
    expect((await expectConsistent()).memberIds).toHaveLength(entry.memberIds.length + pending.length);
  });
});
