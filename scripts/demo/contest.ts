/**
 * Demo contests, through the contest domain functions (so entries, standings, counts and awards agree):
 * - 「2026 微课大赛 · 服务创新」 in its preliminary's public voting phase today: 60 entries (individuals and
 *   teams from every branch, including demo-learner's), each with studio courses written by its members,
 *   judges assigned (demo-judge among them) and most scores saved; the final comes later. Votes are added by
 *   scripts/demo/contest-votes.ts, which finds this round by its voting window.
 * - 「2025 微课大赛」, finished: a preliminary and a final with published results, computed awards paid
 *   through the points ledger, and a named award.
 * - 「2027 微课大赛 · 数字化转型」, in its sign-up window today: teams whose teammates confirmed their
 *   invitations, and one team that invited demo-learner, who has not answered yet (组队邀请 in the app).
 * Teammates always join through an invitation they confirm (server/contest/team.ts), as in the app.
 * Days are relative to `now` (Beijing days), ids come from fixed request ids: a second seeding changes nothing.
 */
import { createHash } from 'node:crypto';
import groupBy from 'lodash/groupBy';
import type { ContestDoc, ContestEntryDoc, ContestRoundDoc, ContestScoreDoc, CourseAuthoringDoc, CourseFieldsDoc, MemberDoc } from '../../typings/domain';
import type { RoundFields } from '../../server/contest/settings';
import { COLLECTIONS, findById, runTransaction, txGet } from '../../server/core';
import type { Database } from '../../server/core';
import { txPut } from '../../server/core/transaction';
import { draftRevision, newAuthoring } from '../../server/authoring/revisions';
import { createContestFor, type CreateContestInput, setContestStatus, setRoundJudges } from '../../server/contest/admin';
import { giveNamedAward } from '../../server/contest/awards';
import { enterContest, submitEntryFor } from '../../server/contest/entries';
import { answerInvitationFor } from '../../server/contest/team';
import { invitationId } from '../../server/contest/ids';
import { entryIdOf } from '../../server/contest/ids';
import { assignRoundJudges, saveJudgeScores } from '../../server/contest/judging';
import { publishRound } from '../../server/contest/results';
import { readEvery } from '../../server/contest/read';
import { beijingDate } from '../../server/core/time';
import type { buildDemoCompany } from './company';

type Company = ReturnType<typeof buildDemoCompany>;

const DAY_MS = 86_400_000;

export interface ContestDemoResult {
  contests: number;
  /** The contest in its voting phase, its voting round and its entries. */
  votingContestId: string;
  votingRoundId: string;
  votingEntryIds: string[];
  finishedContestId: string;
  /** The contest in its sign-up window, and demo-learner's pending invitation there. */
  signUpContestId: string;
  learnerInvitationId: string;
}

/** A reproducible number in [0, 1) for a key. */
function chance(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 4_294_967_296;
}

const RUBRIC = [
  { id: 'fit', name: '贴合主题', weight: 20, min: 0, max: 10 },
  { id: 'content', name: '目标与内容', weight: 30, min: 0, max: 10 },
  { id: 'method', name: '学习方法', weight: 20, min: 0, max: 10 },
  { id: 'show', name: '呈现效果', weight: 15, min: 0, max: 10 },
  { id: 'use', name: '实用性', weight: 15, min: 0, max: 10 },
];

const TOPICS = [
  { id: 'complaints', title: '客户投诉处理', description: '一线反馈最多的业务痛点', painPoint: true },
  { id: 'onboarding', title: '新员工快速上手', description: '缩短新人适应期', painPoint: true },
  { id: 'compliance', title: '合规风险提示', description: '', painPoint: false },
  { id: 'free', title: '自选题目', description: '', painPoint: false },
];

const SUBJECTS = [
  '投诉处理三步法',
  '客户回访话术',
  '新人第一周',
  '合同审核要点',
  '报销流程一图读懂',
  '门店陈列技巧',
  '电话销售开场白',
  '客户异议处理',
  '安全生产提醒',
  '团队早会怎么开',
  '数据看板入门',
  '高效会议纪要',
];

function day(now: Date, offset: number): string {
  return beijingDate(new Date(now.getTime() + offset * DAY_MS));
}

/** 10:00 Beijing time on the day `offset` days from now. */
function at(now: Date, offset: number): Date {
  return new Date(`${day(now, offset)}T10:00:00+08:00`);
}

function round(
  name: string,
  now: Date,
  days: { submit: [number, number]; judge: [number, number]; vote?: [number, number] },
  rest: Partial<RoundFields>,
): RoundFields {
  return {
    name,
    submissionStartDay: day(now, days.submit[0]),
    submissionEndDay: day(now, days.submit[1]),
    judgingStartDay: day(now, days.judge[0]),
    judgingEndDay: day(now, days.judge[1]),
    voting: days.vote ? { startDay: day(now, days.vote[0]), endDay: day(now, days.vote[1]), mode: 'per_entry', perDay: 1, ownEntryAllowed: false } : null,
    formats: [],
    pitchVideoRequired: false,
    advancement: { kind: 'none' },
    weights: { judges: 100, votes: 0 },
    bonuses: { series: 3, painPointTopic: 2 },
    rubric: RUBRIC,
    judgesPerEntry: 3,
    ...rest,
  };
}

/** A studio draft (as 课程制作 creates one) by `author`, unless it exists. */
async function draftCourse(db: Database, courseId: string, author: MemberDoc, title: string, when: Date): Promise<void> {
  const fields: CourseFieldsDoc = {
    title,
    summary: `${author.name}的参赛微课`,
    cover: null,
    category: 'professional_skills',
    format: 'article',
    audiences: [],
    durationMinutes: 6 + Math.floor(chance(`${courseId}:minutes`) * 8),
    tags: ['微课大赛'],
    content: {
      blocks: [
        { type: 'heading', text: title },
        { type: 'paragraph', text: `这门微课来自${author.departmentPath.join(' / ')}的一线实践。` },
        { type: 'paragraph', text: '一、常见问题；二、处理步骤；三、注意事项。学完后可以直接用在下一次工作中。' },
      ],
    },
    quiz: null,
  };
  const authoring: CourseAuthoringDoc = {
    ...newAuthoring(courseId, { memberId: author._id, name: author.name, departmentId: author.departmentId }, fields, when),
    latestRevision: 1,
    openRevision: 1,
    openStatus: 'draft',
  };
  await runTransaction(db, async (tx) => {
    if (await txGet(tx, COLLECTIONS.courseAuthoring, courseId)) return;
    await txPut(tx, COLLECTIONS.courseAuthoring, authoring);
    await txPut(tx, COLLECTIONS.courseRevisions, draftRevision(courseId, 1, author._id, fields, when));
  });
}

/** Gives the judge role to members who lack it (the demo's judge pool). */
async function grantJudges(db: Database, members: readonly MemberDoc[]): Promise<void> {
  for (const member of members) {
    const stored = await findById<MemberDoc>(db, COLLECTIONS.members, member._id);
    if (stored && !stored.roles.some((grant) => grant.role === 'judge')) {
      await db
        .collection(COLLECTIONS.members)
        .doc(member._id)
        .update({ data: { roles: db.command.set([...stored.roles, { role: 'judge' }]) } });
    }
  }
}

interface Team {
  members: MemberDoc[];
  teamName: string | null;
}

/** Entrants from every branch: individuals, and every seventh a team with the next one or two colleagues. */
function teamsFrom(candidates: readonly MemberDoc[], count: number): Team[] {
  const teams: Team[] = [];
  let cursor = 0;
  while (teams.length < count && cursor < candidates.length) {
    const size = teams.length % 7 === 3 ? 2 + (teams.length % 2) : 1;
    const members = candidates.slice(cursor, cursor + size);
    cursor += size;
    teams.push({ members, teamName: size > 1 ? `${members[0]?.departmentPath.at(-1) ?? ''}${teams.length}队` : null });
  }
  return teams;
}

/**
 * Signs the team's first member up and invites the others, who all confirm the next hour (`pending` stay
 * invited without an answer). Seeding again finds the entry and the answers as they are.
 */
async function signUpTeam(
  db: Database,
  contest: ContestDoc,
  first: ContestRoundDoc,
  team: Team,
  fields: { requestId: string; title: string; topicId: string | null },
  when: Date,
  pending: readonly MemberDoc[] = [],
): Promise<ContestEntryDoc> {
  const [owner, ...teammates] = team.members as [MemberDoc, ...MemberDoc[]];
  const entryId = entryIdOf(contest._id, owner._id, fields.requestId);
  const entry = await enterContest(
    db,
    contest,
    first,
    [owner, ...teammates, ...pending],
    { entryId, kind: team.teamName ? 'team' : 'individual', teamName: team.teamName, title: fields.title, topicId: fields.topicId },
    when,
  );
  for (const teammate of teammates)
    await answerInvitationFor(db, contest, teammate, invitationId(entryId, teammate._id), true, new Date(when.getTime() + 3_600_000));
  return (await findById<ContestEntryDoc>(db, COLLECTIONS.contestEntries, entry._id)) ?? entry;
}

async function enterAll(
  db: Database,
  contest: ContestDoc,
  first: ContestRoundDoc,
  teams: readonly Team[],
  tag: string,
  now: Date,
  signUpDay: number,
  submitDay: number,
): Promise<ContestEntryDoc[]> {
  const entries: ContestEntryDoc[] = [];
  for (const [index, team] of teams.entries()) {
    const subject = SUBJECTS[index % SUBJECTS.length] as string;
    const courseCount = team.members.length > 1 ? 3 : 1 + Math.floor(chance(`${tag}:${index}:courses`) * 2);
    const courseIds: string[] = [];
    for (let k = 0; k < courseCount; k += 1) {
      const courseId = `c:${tag}-${index}-${k}`;
      await draftCourse(
        db,
        courseId,
        team.members[k % team.members.length] as MemberDoc,
        courseCount > 1 ? `${subject}（${k + 1}）` : subject,
        at(now, signUpDay),
      );
      courseIds.push(courseId);
    }
    const topic = TOPICS[Math.floor(chance(`${tag}:${index}:topic`) * TOPICS.length)] as (typeof TOPICS)[number];
    const entry = await signUpTeam(db, contest, first, team, { requestId: `demo-${tag}-${index}`, title: subject, topicId: topic.id }, at(now, signUpDay));
    // Seeding again finds the entry submitted (and perhaps moved on to a later round): nothing to do.
    entries.push(
      entry.submitted
        ? entry
        : await submitEntryFor(
            db,
            contest,
            entry,
            { title: entry.title, teamName: entry.teamName, topicId: entry.topicId, courseIds, pitchVideo: null },
            at(now, submitDay),
          ),
    );
  }
  return entries;
}

/** Each judge scores a share of their assignments in the round (all of them with `share` 1). */
async function scoreRound(db: Database, round: ContestRoundDoc, share: number, when: Date): Promise<void> {
  const assignments = await readEvery<ContestScoreDoc>(db, COLLECTIONS.contestScores, { roundId: round._id });
  for (const assignment of assignments) {
    if (assignment.scores !== null || chance(`${assignment._id}:scored`) >= share) continue;
    const quality = chance(`${assignment.entryId}:quality`);
    const scores = Object.fromEntries(
      RUBRIC.map((dimension) => [dimension.id, Math.min(10, Math.round(4 + quality * 5 + chance(`${assignment._id}:${dimension.id}`) * 2))]),
    );
    await saveJudgeScores(db, round, assignment, scores, quality > 0.7 ? '选题贴近业务，呈现清晰。' : '', when);
  }
}

async function loadRounds(db: Database, contest: ContestDoc): Promise<ContestRoundDoc[]> {
  return Promise.all(contest.roundIds.map(async (id) => (await findById<ContestRoundDoc>(db, COLLECTIONS.contestRounds, id)) as ContestRoundDoc));
}

async function createPublished(
  db: Database,
  admin: MemberDoc,
  input: CreateContestInput,
  created: Date,
): Promise<{ contest: ContestDoc; rounds: ContestRoundDoc[] }> {
  const contestId = await createContestFor(db, admin, 'all', input, created);
  const draft = (await findById<ContestDoc>(db, COLLECTIONS.contests, contestId)) as ContestDoc;
  if (draft.status !== 'published') await setContestStatus(db, draft, 'published', created);
  const contest = (await findById<ContestDoc>(db, COLLECTIONS.contests, contestId)) as ContestDoc;
  return { contest, rounds: await loadRounds(db, contest) };
}

export async function seedContestDemo(db: Database, company: Company, now: Date): Promise<ContestDemoResult> {
  const memberOf = (openid: string) =>
    company.members.find((member) => member._id === company.identities.find((identity) => identity.openid === openid)?.memberId) as MemberDoc;
  const admin = memberOf('demo-admin');
  const learner = memberOf('demo-learner');
  const identityIds = new Set(company.identities.map((identity) => identity.memberId));
  const judges = [
    memberOf('demo-judge'),
    ...company.members.filter((member) => member.active && member.departmentPath[0] === '总部' && !identityIds.has(member._id)).slice(0, 5),
  ];
  await grantJudges(db, judges);
  const judgeIds = judges.map((judge) => judge._id);
  const branchStaff = company.members.filter((member) => member.active && member.departmentPath[0] !== '总部' && !identityIds.has(member._id));
  // Interleave the branches so every one takes part; demo-learner enters too.
  const byBranch = Object.values(groupBy(branchStaff, (member) => member.departmentPath[0] as string));
  const interleaved: MemberDoc[] = [learner];
  for (let index = 0; interleaved.length < branchStaff.length + 1; index += 1) {
    for (const staff of byBranch) if (staff[index]) interleaved.push(staff[index] as MemberDoc);
  }

  // The finished contest (last year's, in the past).
  const finished = await createPublished(
    db,
    admin,
    {
      title: '2025 微课大赛',
      theme: '经验萃取',
      summary: '把一线经验做成微课，让好方法被更多人用起来。',
      rules: '1. 个人或团队报名，团队不超过 3 人。\n2. 初赛提交图文微课，决赛可提交系列微课。\n3. 评委按评分标准打分。',
      poster: null,
      eligibility: { everyone: true, departmentIds: [], audiences: [] },
      topics: TOPICS,
      branchDepth: 1,
      awards: [
        { id: 'best', kind: 'best_overall', name: '最佳微课奖', dimensionId: null, winners: 1, points: 150 },
        { id: 'show', kind: 'best_dimension', name: '最佳呈现奖', dimensionId: 'show', winners: 1, points: 50 },
        { id: 'branch', kind: 'best_branch', name: '最佳组织单位', dimensionId: null, winners: 1, points: 0 },
        { id: 'team', kind: 'team_most_courses', name: '最多课程团队', dimensionId: null, winners: 1, points: 30 },
        { id: 'creative', kind: 'named', name: '最佳创意奖', dimensionId: null, winners: 1, points: 50 },
      ],
      rounds: [
        round('初赛', now, { submit: [-130, -120], judge: [-118, -110] }, { advancement: { kind: 'top', count: 6 } }),
        round('决赛', now, { submit: [-105, -100], judge: [-98, -90] }, {}),
      ],
      requestId: 'demo-contest-2025',
    },
    at(now, -140),
  );
  const [lastPrelim, lastFinal] = finished.rounds as [ContestRoundDoc, ContestRoundDoc];
  const lastEntries = await enterAll(db, finished.contest, lastPrelim, teamsFrom(interleaved.slice(80), 16), 'contest-2025', now, -128, -125);
  await setRoundJudges(db, lastPrelim, judgeIds, 3, at(now, -119));
  await assignRoundJudges(db, { ...lastPrelim, judgeIds }, at(now, -119));
  await scoreRound(db, lastPrelim, 1, at(now, -115));
  await publishRound(db, finished.contest, lastPrelim, false, at(now, -109));
  const finalRound = (await findById<ContestRoundDoc>(db, COLLECTIONS.contestRounds, lastFinal._id)) as ContestRoundDoc;
  await setRoundJudges(db, finalRound, judgeIds, 3, at(now, -100));
  await assignRoundJudges(db, { ...finalRound, judgeIds }, at(now, -100));
  await scoreRound(db, finalRound, 1, at(now, -95));
  await publishRound(db, finished.contest, finalRound, false, at(now, -89));
  const finalists = lastEntries.filter((entry) => entry.kind === 'individual').map((entry) => entry._id);
  await giveNamedAward(
    db,
    (await findById<ContestDoc>(db, COLLECTIONS.contests, finished.contest._id)) as ContestDoc,
    'creative',
    [finalists[finalists.length - 1] as string],
    at(now, -88),
  );

  // This year's contest, in its preliminary's public vote today.
  const current = await createPublished(
    db,
    admin,
    {
      title: '2026 微课大赛 · 服务创新',
      theme: '服务创新：把客户的声音变成好方法',
      summary: '全员参与的年度微课大赛：初赛大众投票进行中，快来为喜欢的作品投票！',
      rules:
        '1. 全体员工均可报名，个人或团队（不超过 3 人）。\n2. 初赛：评委打分占 80%，大众投票占 20%，每人每天可为每件作品投 1 票。\n3. 决赛：提交 1–2 分钟路演视频，评委 90% + 投票 10%。\n4. 系列微课（3 门以上）加 3 分，选题属于业务痛点加 2 分。',
      poster: null,
      eligibility: { everyone: true, departmentIds: [], audiences: [] },
      topics: TOPICS,
      branchDepth: 1,
      awards: [
        { id: 'best', kind: 'best_overall', name: '最佳微课奖', dimensionId: null, winners: 1, points: 300 },
        { id: 'popular', kind: 'popularity', name: '人气奖', dimensionId: null, winners: 1, points: 100 },
        { id: 'content', kind: 'best_dimension', name: '最佳内容奖', dimensionId: 'content', winners: 1, points: 50 },
        { id: 'branch', kind: 'best_branch', name: '最佳组织单位', dimensionId: null, winners: 1, points: 0 },
        { id: 'team', kind: 'team_course_value', name: '最具价值团队', dimensionId: null, winners: 1, points: 50 },
      ],
      rounds: [
        round(
          '初赛',
          now,
          { submit: [-18, -8], judge: [-6, 2], vote: [-2, 3] },
          { weights: { judges: 80, votes: 20 }, advancement: { kind: 'quota', total: 12 } },
        ),
        round('决赛', now, { submit: [6, 9], judge: [10, 13], vote: [10, 12] }, { weights: { judges: 90, votes: 10 }, pitchVideoRequired: true }),
      ],
      requestId: 'demo-contest-2026',
    },
    at(now, -20),
  );
  const [prelim] = current.rounds as [ContestRoundDoc];
  const entries = await enterAll(db, current.contest, prelim, teamsFrom(interleaved, 60), 'contest-2026', now, -16, -12);
  await setRoundJudges(db, prelim, judgeIds, 3, at(now, -7));
  await assignRoundJudges(db, { ...prelim, judgeIds }, at(now, -7));
  // Judging is under way: about two thirds scored, the rest (demo-judge's among them) still open.
  await scoreRound(db, (await findById<ContestRoundDoc>(db, COLLECTIONS.contestRounds, prelim._id)) as ContestRoundDoc, 0.65, at(now, -2));

  // Next year's contest, taking sign-ups today: three teams, the last one waiting for demo-learner.
  const next = await createPublished(
    db,
    admin,
    {
      title: '2027 微课大赛 · 数字化转型',
      theme: '数字化转型：把新工具用到日常工作里',
      summary: '报名进行中：个人或组队参赛，队友在小程序中确认邀请后即加入队伍。',
      rules:
        '1. 全体员工均可报名，个人或团队（2–10 人）。\n2. 队长报名时填写队友的工号和姓名，队友在“组队邀请”中确认后加入；报名截止前可撤回邀请或退出队伍。\n3. 团队作品须有队友确认后才能提交。',
      poster: null,
      eligibility: { everyone: true, departmentIds: [], audiences: [] },
      topics: TOPICS,
      branchDepth: 1,
      awards: [{ id: 'best', kind: 'best_overall', name: '最佳微课奖', dimensionId: null, winners: 1, points: 300 }],
      rounds: [
        round(
          '初赛',
          now,
          { submit: [-3, 12], judge: [14, 18], vote: [14, 17] },
          { weights: { judges: 80, votes: 20 }, advancement: { kind: 'top', count: 10 } },
        ),
        round('决赛', now, { submit: [20, 24], judge: [25, 28] }, { pitchVideoRequired: true }),
      ],
      requestId: 'demo-contest-2027',
    },
    at(now, -4),
  );
  const [signUpRound] = next.rounds as [ContestRoundDoc];
  const crew = branchStaff.slice(-8);
  const nextTeams: Team[] = [
    { members: crew.slice(0, 3), teamName: '数字先锋队' },
    { members: crew.slice(3, 5), teamName: '工具达人' },
    { members: crew.slice(5, 7), teamName: '表格魔法师' },
  ];
  for (const [index, team] of nextTeams.entries()) {
    const pending = index === nextTeams.length - 1 ? [learner] : [];
    const entry = await signUpTeam(
      db,
      next.contest,
      signUpRound,
      team,
      { requestId: `demo-contest-2027-${index}`, title: SUBJECTS[(index + 10) % SUBJECTS.length] as string, topicId: 'free' },
      at(now, -2 + index),
      pending,
    );
    if (index === 0 && !entry.submitted) {
      const courseId = `c:contest-2027-${index}-0`;
      await draftCourse(db, courseId, team.members[0] as MemberDoc, entry.title, at(now, -1));
      await submitEntryFor(
        db,
        next.contest,
        entry,
        { title: entry.title, teamName: entry.teamName, topicId: entry.topicId, courseIds: [courseId], pitchVideo: null },
        at(now, -1),
      );
    }
  }
  const waiting = entryIdOf(next.contest._id, (nextTeams.at(-1)!.members[0] as MemberDoc)._id, `demo-contest-2027-${nextTeams.length - 1}`);

  return {
    contests: 3,
    votingContestId: current.contest._id,
    votingRoundId: prelim._id,
    votingEntryIds: entries.map((entry) => entry._id),
    finishedContestId: finished.contest._id,
    signUpContestId: next.contest._id,
    learnerInvitationId: invitationId(waiting, learner._id),
  };
}
