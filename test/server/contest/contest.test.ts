/**
 * A two-round contest through the real `contest` function and the local cloud: setup with checks, sign-up
 * alone and as a team, submission windows and formats, judge assignment, scores locked after the judging
 * window, results with advancement, the final with public votes (the voting half's own action), awards paid
 * once, named awards, and published results that are read-only. Rules are this project's (issue 7).
 */
import type { MemberDoc } from '../../../typings/domain';
import { callAction } from '../../helpers/invoke';
import { uploadedBy } from '../../helpers/uploads';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, testDb } from '../../helpers/db';
import { codeOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { adminRole, as, beijing, judgeRole, ok, person, round, seedPeople, seedStudioCourse } from './helpers';

jest.setTimeout(120_000);

const cloud = useTestCloud();

const ADMIN = person('m:admin', '管理员', '总部', '培训部', { roles: adminRole });
const JUDGES = [
  person('m:j1', '评委一', '华东分公司', '销售部', { roles: judgeRole }),
  person('m:j2', '评委二', '华南分公司', '销售部', { roles: judgeRole }),
  person('m:j3', '评委三', '总部', '培训部', { roles: judgeRole }),
  person('m:j4', '评委四', '总部', '财务部', { roles: judgeRole }),
];
const ALICE = person('m:alice', '王丽', '华东分公司', '销售部');
const BOB = person('m:bob', '李波', '华南分公司', '销售部');
const CAROL = person('m:carol', '陈卡', '华南分公司', '客服部');
const DAN = person('m:dan', '赵丹', '华北分公司', '销售部');
const EVE = person('m:eve', '孙怡', '华北分公司', '客服部');
const OUTSIDER = person('m:out', '外部', '合资公司', '业务部');
const VOTERS = Array.from({ length: 6 }, (_, index) => person(`m:v${index}`, `投票人${index}`, '总部', '行政部'));

const CONTEST = {
  title: '2026 微课大赛',
  theme: '服务创新',
  summary: '用微课分享一线经验',
  rules: '每人限报一件作品。',
  eligibility: { everyone: false, departmentIds: ['dept:集团/华东分公司', 'dept:集团/华南分公司', 'dept:集团/华北分公司', 'dept:集团/总部'] },
  topics: [
    { id: 'pain1', title: '客户投诉处理', painPoint: true },
    { id: 'free', title: '自选题目' },
  ],
  awards: [
    { id: 'best', kind: 'best_overall' as const, name: '最佳微课', points: 100 },
    { id: 'popular', kind: 'popularity' as const, name: '人气奖', points: 50 },
    { id: 'content', kind: 'best_dimension' as const, name: '最佳内容奖', dimensionId: 'content', points: 20 },
    { id: 'branch', kind: 'best_branch' as const, name: '最佳组织单位' },
    { id: 'teamCourses', kind: 'team_most_courses' as const, name: '最多课程团队', points: 30 },
    { id: 'creative', kind: 'named' as const, name: '最佳创意奖', points: 10 },
  ],
  rounds: [
    round(
      '初赛',
      { submit: ['2026-03-01', '2026-03-05'], judge: ['2026-03-06', '2026-03-08'] },
      { formats: ['article', 'narrated_article'], advancement: { kind: 'top', count: 2 } },
    ),
    round(
      '决赛',
      { submit: ['2026-03-10', '2026-03-12'], judge: ['2026-03-13', '2026-03-15'], vote: ['2026-03-13', '2026-03-15'] },
      { weights: { judges: 90, votes: 10 }, bonuses: { series: 3, painPointTopic: 2 }, pitchVideoRequired: true },
    ),
  ],
};

const teammate = (member: MemberDoc) => ({ employeeNo: member.employeeNo as string, name: member.name });

/** The teammate confirms the entry's invitation (组队邀请) in the app. */
async function confirm(member: MemberDoc, entryId: string): Promise<void> {
  const [invitation] = ok(await callAction('contest', 'invitations', { contestId }, as(member._id))).items.filter((one) => one.entryId === entryId);
  expect(ok(await callAction('contest', 'answerInvitation', { invitationId: invitation!.id, accept: true }, as(member._id))).status).toBe('confirmed');
}

let contestId: string;
let r1: string;
let r2: string;
const entryOf: Record<string, string> = {};

beforeAll(async () => {
  freezeClock(beijing('2026-02-20'));
  await seedPeople([ADMIN, ...JUDGES, ALICE, BOB, CAROL, DAN, EVE, OUTSIDER, ...VOTERS]);
  await seedStudioCourse('c:alice-1', ALICE);
  await seedStudioCourse('c:bob-1', BOB);
  await seedStudioCourse('c:carol-1', CAROL, 'narrated_article');
  await seedStudioCourse('c:carol-2', CAROL);
  await seedStudioCourse('c:dan-1', DAN);
  await seedStudioCourse('c:dan-video', DAN, 'video');
});

afterAll(async () => {
  jest.useRealTimers();
});

it('refuses settings that do not add up and creates nothing', async () => {
  const bad = [
    { ...CONTEST, rounds: [{ ...CONTEST.rounds[0]!, weights: { judges: 80, votes: 10 } }, CONTEST.rounds[1]!] },
    { ...CONTEST, rounds: [{ ...CONTEST.rounds[0]!, judgingStartDay: '2026-03-05' }, CONTEST.rounds[1]!] },
    { ...CONTEST, rounds: [CONTEST.rounds[0]!, { ...CONTEST.rounds[1]!, submissionStartDay: '2026-03-08' }] },
    { ...CONTEST, rounds: [CONTEST.rounds[0]!, { ...CONTEST.rounds[1]!, advancement: { kind: 'top' as const, count: 1 } }] },
    { ...CONTEST, rounds: [{ ...CONTEST.rounds[0]!, rubric: [{ id: 'x', name: '维度', weight: 1, min: 5, max: 5 }] }, CONTEST.rounds[1]!] },
    { ...CONTEST, awards: [{ id: 'd', kind: 'best_dimension' as const, name: '单项奖', dimensionId: 'nope' }] },
    { ...CONTEST, rounds: [{ ...CONTEST.rounds[0]!, submissionEndDay: '2026-02-30' }, CONTEST.rounds[1]!] },
  ];
  for (const [index, input] of bad.entries()) {
    expect(codeOf(await callAction('contest', 'createContest', { ...input, requestId: `bad-request-${index}` }, as(ADMIN._id)))).toBe('INVALID_INPUT');
  }
  expect(await countAll('contests')).toBe(0);
  expect(await countAll('contestRounds')).toBe(0);
});

it('creates a contest once per request id and publishes it', async () => {
  const created = ok(await callAction('contest', 'createContest', { ...CONTEST, requestId: 'contest-0001' }, as(ADMIN._id)));
  const again = ok(await callAction('contest', 'createContest', { ...CONTEST, requestId: 'contest-0001' }, as(ADMIN._id)));
  expect(again.id).toBe(created.id);
  expect(await countAll('contests')).toBe(1);
  contestId = created.id;
  [r1, r2] = created.rounds.map((one) => one.id) as [string, string];
  expect(created.rounds.map((one) => one.name)).toEqual(['初赛', '决赛']);
  // A learner does not see a draft.
  expect(codeOf(await callAction('contest', 'detail', { contestId }, as(ALICE._id)))).toBe('NOT_FOUND');
  ok(await callAction('contest', 'setStatus', { contestId, status: 'published' }, as(ADMIN._id)));
  const listed = ok(await callAction('contest', 'list', {}, as(ALICE._id)));
  expect(listed.items).toEqual([expect.objectContaining({ id: contestId, currentRoundName: '初赛', currentPhase: 'upcoming' })]);
});

it('signs up alone or as a team during the first submission window, one entry per member', async () => {
  expect(codeOf(await callAction('contest', 'signUp', { contestId, kind: 'individual', title: '早到的作品', requestId: 'early-0001' }, as(ALICE._id)))).toBe(
    'CONTEST_PHASE',
  );
  setClock(beijing('2026-03-01'));
  expect(ok(await callAction('contest', 'detail', { contestId }, as(OUTSIDER._id))).eligible).toBe(false);
  expect(codeOf(await callAction('contest', 'signUp', { contestId, kind: 'individual', title: '外部作品', requestId: 'out-0001' }, as(OUTSIDER._id)))).toBe(
    'NOT_ELIGIBLE',
  );

  const alice = ok(
    await callAction('contest', 'signUp', { contestId, kind: 'individual', title: '投诉处理三步法', topicId: 'pain1', requestId: 'alice-0001' }, as(ALICE._id)),
  );
  const retried = ok(
    await callAction('contest', 'signUp', { contestId, kind: 'individual', title: '投诉处理三步法', topicId: 'pain1', requestId: 'alice-0001' }, as(ALICE._id)),
  );
  expect(retried.id).toBe(alice.id);
  expect(codeOf(await callAction('contest', 'signUp', { contestId, kind: 'individual', title: '第二件', requestId: 'alice-0002' }, as(ALICE._id)))).toBe(
    'ALREADY_ENTERED',
  );

  // A team of Bob and Carol, once Carol confirms; Dan cannot invite Carol then, nor an outsider.
  const invited = ok(
    await callAction(
      'contest',
      'signUp',
      { contestId, kind: 'team', teamName: '南方小队', teammates: [teammate(CAROL)], title: '服务礼仪系列', requestId: 'team-0001' },
      as(BOB._id),
    ),
  );
  expect(invited.members.map((member) => member.name)).toEqual(['李波']);
  expect(invited.invitations.map((invitation) => invitation.name)).toEqual(['陈卡']);
  await confirm(CAROL, invited.id);
  const team = ok(await callAction('contest', 'entry', { entryId: invited.id }, as(BOB._id)));
  expect(team.members.map((member) => member.name)).toEqual(['李波', '陈卡']);
  expect(
    codeOf(
      await callAction(
        'contest',
        'signUp',
        { contestId, kind: 'team', teamName: '北方', teammates: [teammate(CAROL)], title: '抢人', requestId: 'dan-0001' },
        as(DAN._id),
      ),
    ),
  ).toBe('TEAMMATE_UNAVAILABLE');
  expect(
    codeOf(
      await callAction(
        'contest',
        'signUp',
        { contestId, kind: 'team', teamName: '北方', teammates: [teammate(OUTSIDER)], title: '合作', requestId: 'dan-0002' },
        as(DAN._id),
      ),
    ),
  ).toBe('TEAMMATE_UNAVAILABLE');
  expect(
    codeOf(await callAction('contest', 'signUp', { contestId, kind: 'team', title: '无队名', teammates: [teammate(EVE)], requestId: 'dan-0003' }, as(DAN._id))),
  ).toBe('INVALID_INPUT');
  expect(
    codeOf(await callAction('contest', 'signUp', { contestId, kind: 'individual', title: '选题', topicId: 'nope', requestId: 'dan-0004' }, as(DAN._id))),
  ).toBe('INVALID_INPUT');
  const dan = ok(
    await callAction(
      'contest',
      'signUp',
      { contestId, kind: 'team', teamName: '北方', teammates: [teammate(EVE)], title: '北方经验', topicId: 'free', requestId: 'dan-0005' },
      as(DAN._id),
    ),
  );
  await confirm(EVE, dan.id);
  entryOf.alice = alice.id;
  entryOf.team = team.id;
  entryOf.dan = dan.id;
  expect(await countAll('contestParticipants')).toBe(5);
  expect(ok(await callAction('contest', 'myEntry', { contestId }, as(CAROL._id)))?.id).toBe(team.id);
});

it('checks a submission: own courses, the round formats, the pitch video bound; edits until the window closes', async () => {
  expect(
    codeOf(
      await callAction('contest', 'submitEntry', { entryId: entryOf.alice!, title: '投诉处理三步法', topicId: 'pain1', courseIds: ['c:bob-1'] }, as(ALICE._id)),
    ),
  ).toBe('FORBIDDEN');
  expect(
    codeOf(
      await callAction('contest', 'submitEntry', { entryId: entryOf.alice!, title: '投诉处理三步法', topicId: 'pain1', courseIds: ['c:alice-1'] }, as(BOB._id)),
    ),
  ).toBe('FORBIDDEN');
  expect(codeOf(await callAction('contest', 'submitEntry', { entryId: entryOf.dan!, title: '北方经验', courseIds: ['c:dan-video'] }, as(DAN._id)))).toBe(
    'INVALID_INPUT',
  );
  expect(
    codeOf(
      await callAction(
        'contest',
        'submitEntry',
        {
          entryId: entryOf.dan!,
          title: '北方经验',
          courseIds: ['c:dan-1'],
          pitchVideo: { fileID: uploadedBy(as(DAN._id).openid, 'pitch-video', 'pitch.mp4'), seconds: 30 },
        },
        as(DAN._id),
      ),
    ),
  ).toBe('INVALID_INPUT');
  ok(
    await callAction('contest', 'submitEntry', { entryId: entryOf.alice!, title: '投诉处理三步法', topicId: 'pain1', courseIds: ['c:alice-1'] }, as(ALICE._id)),
  );
  ok(
    await callAction(
      'contest',
      'submitEntry',
      { entryId: entryOf.team!, title: '服务礼仪系列', teamName: '南方小队', courseIds: ['c:bob-1', 'c:carol-1', 'c:carol-2'] },
      as(CAROL._id),
    ),
  );
  const dan = ok(
    await callAction(
      'contest',
      'submitEntry',
      { entryId: entryOf.dan!, title: '北方经验', topicId: 'free', teamName: '北方', courseIds: ['c:dan-1'] },
      as(EVE._id),
    ),
  );
  expect(dan).toMatchObject({ submitted: true, editable: true, courses: [{ courseId: 'c:dan-1', submittedRevision: 1 }] });
  expect(ok(await callAction('contest', 'entries', { roundId: r1, keyword: '南方' }, as(ALICE._id))).items.map((card) => card.id)).toEqual([entryOf.team]);
  expect((await cloud.database.getDocument('contestRounds', r1))?.entryCount).toBe(3);
  // Before voting or judging, an outsider to the entry cannot open its course; its members can.
  expect(codeOf(await callAction('contest', 'entryCourse', { entryId: entryOf.alice!, courseId: 'c:alice-1' }, as(VOTERS[0]!._id)))).toBe('FORBIDDEN');
  expect(ok(await callAction('contest', 'entryCourse', { entryId: entryOf.alice!, courseId: 'c:alice-1' }, as(ALICE._id))).content.blocks).toHaveLength(1);
});

it("assigns judges away from the entries' departments and members, re-runnable before judging starts", async () => {
  expect(
    codeOf(await callAction('contest', 'setJudges', { roundId: r1, judgeIds: [JUDGES[0]!._id, ALICE._id, JUDGES[2]!._id], judgesPerEntry: 3 }, as(ADMIN._id))),
  ).toBe('INVALID_INPUT');
  ok(await callAction('contest', 'setJudges', { roundId: r1, judgeIds: JUDGES.map((judge) => judge._id), judgesPerEntry: 3 }, as(ADMIN._id)));
  const first = ok(await callAction('contest', 'assignJudges', { roundId: r1 }, as(ADMIN._id)));
  const again = ok(await callAction('contest', 'assignJudges', { roundId: r1 }, as(ADMIN._id)));
  expect(again).toEqual(first);
  expect(first.loads.map((load) => load.entries).reduce((a, b) => a + b)).toBe(9);
  const scores = (await testDb().collection('contestScores').where({ roundId: r1 }).get()) as unknown as { data: { entryId: string; judgeId: string }[] };
  expect(scores.data).toHaveLength(9);
  // Alice's entry is from 华东/销售部: judge one (same department) never scores it.
  expect(scores.data.filter((score) => score.entryId === entryOf.alice && score.judgeId === JUDGES[0]!._id)).toHaveLength(0);
});

async function scoreAll(roundId: string, pick: (entryId: string, judgeId: string) => Record<string, number>): Promise<void> {
  for (const judge of JUDGES) {
    const page = ok(await callAction('contest', 'judgeAssignments', { roundId, pageSize: 50 }, as(judge._id)));
    for (const item of page.items)
      ok(await callAction('contest', 'saveScores', { roundId, entryId: item.entryId, scores: pick(item.entryId, judge._id), comment: '' }, as(judge._id)));
  }
}

it('takes scores only in the judging window and within the rubric, then locks them', async () => {
  const [assignment] = ok(await callAction('contest', 'judgeAssignments', { roundId: r1 }, as(JUDGES[3]!._id))).items;
  const entryId = assignment!.entryId;
  expect(codeOf(await callAction('contest', 'saveScores', { roundId: r1, entryId, scores: { fit: 5, content: 5, show: 5 } }, as(JUDGES[3]!._id)))).toBe(
    'CONTEST_PHASE',
  );
  setClock(beijing('2026-03-06'));
  expect(codeOf(await callAction('contest', 'submitEntry', { entryId: entryOf.dan!, title: '改晚了', courseIds: ['c:dan-1'] }, as(DAN._id)))).toBe(
    'CONTEST_PHASE',
  );
  expect(codeOf(await callAction('contest', 'saveScores', { roundId: r1, entryId, scores: { fit: 11, content: 5, show: 5 } }, as(JUDGES[3]!._id)))).toBe(
    'INVALID_INPUT',
  );
  expect(
    codeOf(await callAction('contest', 'saveScores', { roundId: r1, entryId: entryOf.alice!, scores: { fit: 5, content: 5, show: 5 } }, as(JUDGES[0]!._id))),
  ).toBe('FORBIDDEN');
  // A judge opens the course of an entry assigned to them.
  const course = ok(await callAction('contest', 'judgeEntry', { roundId: r1, entryId }, as(JUDGES[3]!._id)));
  expect(course.locked).toBe(false);
  ok(await callAction('contest', 'entryCourse', { entryId, courseId: course.entry.courses[0]!.courseId }, as(JUDGES[3]!._id)));
  const points: Record<string, number> = { [entryOf.alice!]: 9, [entryOf.team!]: 7, [entryOf.dan!]: 4 };
  // The admin's desk: nobody has scored yet; nine assignments over the four judges of the pool.
  const before = ok(await callAction('contest', 'judgeProgress', { roundId: r1 }, as(ADMIN._id)));
  expect(before).toMatchObject({ roundId: r1, judgingOpen: true, judgesPerEntry: 3, assigned: 9, scored: 0 });
  expect(before.judges.map((judge) => [judge.judgeId, judge.inPool, judge.scored, judge.lastScoredAt])).toEqual(
    JUDGES.map((judge) => [judge._id, true, 0, null]),
  );
  expect(codeOf(await callAction('contest', 'judgeProgress', { roundId: r1 }, as(JUDGES[0]!._id)))).toBe('FORBIDDEN');
  const [first] = ok(await callAction('contest', 'judgeAssignments', { roundId: r1 }, as(JUDGES[1]!._id))).items;
  ok(
    await callAction(
      'contest',
      'saveScores',
      { roundId: r1, entryId: first!.entryId, scores: { fit: points[first!.entryId]!, content: points[first!.entryId]!, show: points[first!.entryId]! } },
      as(JUDGES[1]!._id),
    ),
  );
  cloud.actions.reset();
  ok(await callAction('user', 'me', {}, as(ADMIN._id)));
  const guard = cloud.actions.databaseOperations();
  cloud.actions.reset();
  const partial = ok(await callAction('contest', 'judgeProgress', { roundId: r1 }, as(ADMIN._id)));
  // The caller check, the round and its contest, two aggregations and the judges' names.
  expect(cloud.actions.databaseOperations()).toBe(guard + 5);
  expect(partial.scored).toBe(1);
  expect(partial.judges.find((judge) => judge.judgeId === JUDGES[1]!._id)).toMatchObject({
    scored: 1,
    lastScoredAt: new Date(beijing('2026-03-06')).toISOString(),
  });
  await scoreAll(r1, (id) => ({ fit: points[id]!, content: points[id]!, show: points[id]! }));
  const after = ok(await callAction('contest', 'judgeProgress', { roundId: r1 }, as(ADMIN._id)));
  expect(after.judges.map((judge) => judge.scored)).toEqual(after.judges.map((judge) => judge.assigned));
  expect(after.scored).toBe(9);
  const progress = ok(await callAction('contest', 'judgeRounds', {}, as(JUDGES[3]!._id)));
  expect(progress.items[0]).toMatchObject({ roundId: r1, judgingOpen: true });
  expect(progress.items[0]!.scored).toBe(progress.items[0]!.assigned);
  setClock(beijing('2026-03-09'));
  expect(codeOf(await callAction('contest', 'saveScores', { roundId: r1, entryId, scores: { fit: 1, content: 1, show: 1 } }, as(JUDGES[3]!._id)))).toBe(
    'CONTEST_PHASE',
  );
  expect(ok(await callAction('contest', 'judgeEntry', { roundId: r1, entryId }, as(JUDGES[3]!._id))).locked).toBe(true);
});

it('publishes the first round: ranks, top 2 advance into the final, results read-only', async () => {
  expect(codeOf(await callAction('contest', 'results', { roundId: r1 }, as(ALICE._id)))).toBe('CONTEST_PHASE');
  const preview = ok(await callAction('contest', 'previewResults', { roundId: r1 }, as(ADMIN._id)));
  expect(preview.status).toBe('preview');
  expect(preview.items.map((row) => [row.entryId, row.judgeScore, row.rank, row.advances])).toEqual([
    [entryOf.alice, 90, 1, true],
    [entryOf.team, 70, 2, true],
    [entryOf.dan, 40, 3, false],
  ]);
  const published = ok(await callAction('contest', 'publishResults', { roundId: r1 }, as(ADMIN._id)));
  expect(published.items.map((row) => row.entryId)).toEqual(preview.items.map((row) => row.entryId));
  expect(ok(await callAction('contest', 'results', { roundId: r1 }, as(DAN._id))).items[2]).toMatchObject({
    entryId: entryOf.dan,
    finalScore: 40,
    advances: false,
  });
  const alice = ok(await callAction('contest', 'entry', { entryId: entryOf.alice! }, as(ALICE._id)));
  expect(alice).toMatchObject({ currentRoundId: r2, roundIds: [r1, r2], results: [{ roundId: r1, result: { rank: 1 } }] });
  expect(ok(await callAction('contest', 'entry', { entryId: entryOf.dan! }, as(DAN._id))).currentRoundId).toBe(r1);
  expect(codeOf(await callAction('contest', 'updateRound', { roundId: r1, name: '改名' }, as(ADMIN._id)))).toBe('CONTEST_PHASE');
  expect((await cloud.database.getDocument('contestRounds', r2))?.entryCount).toBe(2);
});

it('runs the final with public votes, 90/10 weights and bonuses, pays awards once, gives a named award', async () => {
  setClock(beijing('2026-03-10'));
  // The final asks for a pitch video; the team's series (3 courses) earns the series bonus.
  expect(
    codeOf(
      await callAction(
        'contest',
        'submitEntry',
        { entryId: entryOf.alice!, title: '投诉处理三步法', topicId: 'pain1', courseIds: ['c:alice-1'] },
        as(ALICE._id),
      ),
    ),
  ).toBe('INVALID_INPUT');
  const pitchOf = (memberId: string) => ({ fileID: uploadedBy(as(memberId).openid, 'pitch-video', 'pitch.mp4'), seconds: 95 });
  ok(
    await callAction(
      'contest',
      'submitEntry',
      { entryId: entryOf.alice!, title: '投诉处理三步法', topicId: 'pain1', courseIds: ['c:alice-1'], pitchVideo: pitchOf(ALICE._id) },
      as(ALICE._id),
    ),
  );
  // Finding: a client-supplied file id must be the caller's own upload; Alice's video under Bob's name is refused.
  expect(
    codeOf(
      await callAction(
        'contest',
        'submitEntry',
        {
          entryId: entryOf.team!,
          title: '服务礼仪系列',
          teamName: '南方小队',
          courseIds: ['c:bob-1', 'c:carol-1', 'c:carol-2'],
          pitchVideo: pitchOf(ALICE._id),
        },
        as(BOB._id),
      ),
    ),
  ).toBe('INVALID_INPUT');
  ok(
    await callAction(
      'contest',
      'submitEntry',
      { entryId: entryOf.team!, title: '服务礼仪系列', teamName: '南方小队', courseIds: ['c:bob-1', 'c:carol-1', 'c:carol-2'], pitchVideo: pitchOf(BOB._id) },
      as(BOB._id),
    ),
  );
  expect(
    codeOf(await callAction('contest', 'submitEntry', { entryId: entryOf.dan!, title: '北方经验', teamName: '北方', courseIds: ['c:dan-1'] }, as(DAN._id))),
  ).toBe('CONTEST_PHASE');
  ok(await callAction('contest', 'setJudges', { roundId: r2, judgeIds: JUDGES.map((judge) => judge._id), judgesPerEntry: 3 }, as(ADMIN._id)));
  ok(await callAction('contest', 'assignJudges', { roundId: r2 }, as(ADMIN._id)));

  setClock(beijing('2026-03-13'));
  // Voters may now open the entries' courses; 5 vote for the team, 1 for Alice (the voting half's action).
  ok(await callAction('contest', 'entryCourse', { entryId: entryOf.team!, courseId: 'c:carol-2' }, as(VOTERS[0]!._id)));
  for (const [index, voter] of VOTERS.entries()) {
    ok(await callAction('contest', 'vote', { entryId: index === 0 ? entryOf.alice! : entryOf.team!, requestId: `vote-${index}-0001` }, as(voter._id)));
  }
  await scoreAll(r2, (id) => (id === entryOf.alice ? { fit: 8, content: 10, show: 8 } : { fit: 8, content: 8, show: 8 }));
  expect(codeOf(await callAction('contest', 'publishResults', { roundId: r2 }, as(ADMIN._id)))).toBe('CONTEST_PHASE');

  setClock(beijing('2026-03-16'));
  const final = ok(await callAction('contest', 'publishResults', { roundId: r2 }, as(ADMIN._id)));
  // Alice: judges (0.3·8 + 0.4·10 + 0.3·8)/10·100 = 88, votes 1/5 → 20, pain-point topic +2:
  // 0.9·88 + 0.1·20 + 2 = 83.2. Team: 80, 100, series +3: 72 + 10 + 3 = 85 → first.
  expect(final.items.map((row) => [row.entryId, row.judgeScore, row.voteScore, row.bonus, row.finalScore, row.rank])).toEqual([
    [entryOf.team, 80, 100, 3, 85, 1],
    [entryOf.alice, 88, 20, 2, 83.2, 2],
  ]);
  expect(final.maxVotes).toBe(5);
  // A retried publication changes nothing and pays nothing more.
  ok(await callAction('contest', 'publishResults', { roundId: r2 }, as(ADMIN._id)));
  const awards = ok(await callAction('contest', 'awards', { contestId }, as(EVE._id)));
  expect(Object.fromEntries(awards.map((award) => [award.awardId, award.winners.map((winner) => winner.entryId)]))).toEqual({
    best: [entryOf.team],
    popular: [entryOf.team],
    content: [entryOf.alice],
    branch: [],
    teamCourses: [entryOf.team],
  });
  expect(awards.find((award) => award.awardId === 'branch')).toMatchObject({ branchName: expect.any(String) });
  const balance = async (memberId: string) =>
    ((await cloud.database.getDocument('pointsAccounts', memberId)) as { balance?: number } | undefined)?.balance ?? 0;
  // Bob and Carol each: best 100 + popularity 50 + most courses 30; Alice: best content 20.
  expect(await balance(BOB._id)).toBe(180);
  expect(await balance(CAROL._id)).toBe(180);
  expect(await balance(ALICE._id)).toBe(20);
  expect(await countAll('pointsLedger')).toBe(7);

  expect(codeOf(await callAction('contest', 'giveAward', { contestId, awardId: 'creative', entryIds: [entryOf.dan!] }, as(ADMIN._id)))).toBe('OK');
  expect(codeOf(await callAction('contest', 'giveAward', { contestId, awardId: 'creative', entryIds: [entryOf.dan!] }, as(ADMIN._id)))).toBe('OK');
  expect(codeOf(await callAction('contest', 'giveAward', { contestId, awardId: 'creative', entryIds: [entryOf.alice!] }, as(ADMIN._id)))).toBe('CONTEST_PHASE');
  expect(await balance(DAN._id)).toBe(10);
  expect(await balance(EVE._id)).toBe(10);
  expect(await countAll('pointsLedger')).toBe(9);
  expect(ok(await callAction('contest', 'detail', { contestId }, as(ALICE._id))).finished).toBe(true);
});
