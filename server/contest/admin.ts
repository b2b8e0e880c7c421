/**
 * Setting up contests (organisers: trainers and admins, CONTEST_ORGANISER_ROLES): theme, rules, poster,
 * eligibility, topics, awards and rounds, the judge pool of each round, publication. An organiser scoped to a
 * department subtree creates contests owned by that subtree, for members inside it only; company-wide
 * contests need an unscoped organiser.
 */
import { readCapWarnings } from '../points';
import type * as z from 'zod/mini';
import type { ContestDoc, ContestEntryDoc, ContestRoundDoc, MemberDoc } from '../../typings/domain';
import { CONTEST_ORGANISER_ROLES, contestContracts } from '../../typings/functions/contest';
import type { ContestAdminView, RoundEntryRow, RoundEntryStatus } from '../../typings/functions/contest';
import {
  allOf,
  AppError,
  assertOwnUploads,
  checkTexts,
  COLLECTIONS,
  defineAction,
  findPage,
  inScope,
  memberKeywordCondition,
  pageOf,
  runTransaction,
  scopeCondition,
  tempUrls,
  txGet,
  urlOf,
} from '../core';
import type { Database, MemberCaller, Scope } from '../core';
import { isoDate } from '../core/published';
import { txPut } from '../core/transaction';
import { byIds } from '../core/db';
import { loadContest, organiserScope, requireAdministered, requireAdministeredRound } from './access';
import { contestIdOf, roundIdOf } from './ids';
import { awardsProblem, roundsProblem, type RoundFields, topicsProblem } from './settings';
import { replacing, withEntryKeyword } from './read';
import { contestSummary, contestView, loadRounds } from './views';
import { beijingDate } from '../core/time';
import type { WxCloud } from '../core';

function organiserScopeOf(caller: MemberCaller): Scope {
  return organiserScope(caller.member) ?? [];
}

function check(problem: string | null): void {
  if (problem) throw new AppError('INVALID_INPUT', problem);
}

/** A scoped organiser's contest may only take in members of their subtrees. */
function checkEligibilityScope(eligibility: ContestDoc['eligibility'], scope: Scope): void {
  if (scope === 'all') return;
  if (eligibility.everyone || eligibility.departmentIds.length === 0) throw new AppError('FORBIDDEN', '你只能为管理范围内的部门举办大赛，请选择参赛部门');
  if (eligibility.departmentIds.some((id) => !inScope(id, scope))) throw new AppError('FORBIDDEN', '参赛部门超出了你的管理范围');
}

function checkSettings(contest: Pick<ContestDoc, 'topics' | 'awards'>, rounds: readonly RoundFields[]): void {
  check(roundsProblem(rounds));
  check(topicsProblem(contest.topics));
  check(awardsProblem(contest.awards, rounds.at(-1)?.rubric ?? []));
}

function newRound(contestId: string, index: number, fields: RoundFields, now: Date): ContestRoundDoc {
  return {
    ...fields,
    _id: roundIdOf(contestId, index),
    contestId,
    index,
    judgeIds: [],
    entryCount: 0,
    judgesAssignedAt: null,
    resultsStatus: 'open',
    resultsPublishedAt: null,
    resultsSummary: null,
    updatedAt: now,
  };
}

export async function adminView(db: Database, cloud: WxCloud, caller: MemberCaller, contestId: string, now: Date): Promise<ContestAdminView> {
  const contest = await loadContest(db, contestId);
  const rounds = (await loadRounds(db, [contestId])).get(contestId) ?? [];
  const judges = await byIds<MemberDoc>(
    db,
    COLLECTIONS.members,
    rounds.flatMap((round) => round.judgeIds),
  );
  const urls = await tempUrls(cloud, [contest.poster]);
  // Award points a daily cap would cut: the admin is told what winners really get (best_branch pays none).
  const promises = contest.awards
    .filter((award) => award.kind !== 'best_branch')
    .map((award) => ({ label: `奖项「${award.name}」`, type: 'competition_award' as const, amount: award.points }));
  const pointsWarnings = await readCapWarnings(db, promises);
  return {
    ...contestView(contest, rounds, { eligible: false, myEntryId: null, posterUrl: urlOf(urls, contest.poster) }, caller.member._id, now),
    status: contest.status,
    eligibility: contest.eligibility,
    branchDepth: contest.branchDepth,
    judges: rounds.map((round) => ({
      roundId: round._id,
      judgeIds: round.judgeIds,
      judgeNames: round.judgeIds.map((id) => judges.get(id)?.name ?? ''),
      judgesPerEntry: round.judgesPerEntry,
      assignedAt: isoDate(round.judgesAssignedAt),
    })),
    pointsWarnings,
  };
}

export type CreateContestInput = z.output<typeof contestContracts.createContest.input>;

/**
 * Creates a draft contest with its rounds for `creator` (an admin in `scope`); the request id makes the
 * contest's id, so a retry answers the same contest and changes nothing. Answers the contest id.
 */
export async function createContestFor(db: Database, creator: MemberDoc, scope: Scope, input: CreateContestInput, at: Date): Promise<string> {
  const { rounds, requestId, ...fields } = input;
  checkEligibilityScope(fields.eligibility, scope);
  checkSettings(fields, rounds);
  const contestId = contestIdOf(creator._id, requestId);
  const contest: ContestDoc = {
    ...fields,
    _id: contestId,
    roundIds: rounds.map((_, index) => roundIdOf(contestId, index)),
    status: 'draft',
    finished: false,
    scopeDepartmentId: scope === 'all' ? null : (scope[0] as string),
    createdByMemberId: creator._id,
    createdAt: at,
    updatedAt: at,
  };
  await runTransaction(db, async (tx) => {
    if (await txGet<ContestDoc>(tx, COLLECTIONS.contests, contestId)) return;
    await txPut(tx, COLLECTIONS.contests, contest);
    for (const [index, round] of rounds.entries()) await txPut(tx, COLLECTIONS.contestRounds, newRound(contestId, index, round, at));
  });
  return contestId;
}

/** The contest's texts every eligible member reads; they pass WeChat's content check like members' own. */
function contestTexts(fields: Partial<Pick<ContestDoc, 'title' | 'theme' | 'summary' | 'rules' | 'topics' | 'awards'>>): (string | undefined)[] {
  return [
    fields.title,
    fields.theme,
    fields.summary,
    fields.rules,
    ...(fields.topics ?? []).flatMap((topic) => [topic.title, topic.description]),
    ...(fields.awards ?? []).map((award) => award.name),
  ];
}

export const createContest = defineAction({
  ...contestContracts.createContest,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, cloud, caller, input, now }) => {
    assertOwnUploads(caller.openid, [input.poster]);
    await checkTexts(cloud, caller.openid, [...contestTexts(input), ...input.rounds.map((one) => one.name)], 'forum');
    const contestId = await createContestFor(db, caller.member, organiserScopeOf(caller), input, now());
    return adminView(db, cloud, caller, contestId, now());
  },
});

export const updateContest = defineAction({
  ...contestContracts.updateContest,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, cloud, caller, input, now }) => {
    const { contestId, ...changes } = input;
    const contest = await requireAdministered(db, caller, contestId);
    assertOwnUploads(caller.openid, [changes.poster], { kept: [contest.poster] });
    if (contest.finished && changes.awards) throw new AppError('CONTEST_PHASE', '大赛已结束，奖项不能再修改');
    await checkTexts(cloud, caller.openid, contestTexts(changes), 'forum');
    const next = { ...contest, ...changes };
    checkEligibilityScope(next.eligibility, contest.scopeDepartmentId === null ? 'all' : [contest.scopeDepartmentId]);
    const rounds = (await loadRounds(db, [contestId])).get(contestId) ?? [];
    checkSettings(next, rounds);
    await db
      .collection(COLLECTIONS.contests)
      .doc(contestId)
      .update({ data: replacing(db, { ...changes, updatedAt: now() }) });
    return adminView(db, cloud, caller, contestId, now());
  },
});

export const updateRound = defineAction({
  ...contestContracts.updateRound,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, cloud, caller, input, now }) => {
    const { roundId, ...changes } = input;
    const { contest, round } = await requireAdministeredRound(db, caller, roundId);
    if (round.resultsStatus === 'published') throw new AppError('CONTEST_PHASE', '本轮成绩已公布，不能再修改');
    await checkTexts(cloud, caller.openid, [changes.name], 'forum');
    const today = beijingDate(now());
    if (changes.rubric && today >= round.judgingStartDay) throw new AppError('CONTEST_PHASE', '评审已开始，评分标准不能再修改');
    if (changes.judgesPerEntry !== undefined && changes.judgesPerEntry !== round.judgesPerEntry && today >= round.judgingStartDay) {
      throw new AppError('CONTEST_PHASE', '评审已开始，每件作品的评委人数不能再修改');
    }
    const rounds = ((await loadRounds(db, [contest._id])).get(contest._id) ?? []).map((other) => (other._id === roundId ? { ...other, ...changes } : other));
    checkSettings(contest, rounds);
    await db
      .collection(COLLECTIONS.contestRounds)
      .doc(roundId)
      .update({ data: replacing(db, { ...changes, updatedAt: now() }) });
    return adminView(db, cloud, caller, contest._id, now());
  },
});

/** Publishes, archives or withdraws a contest; the first publication sets `publishedAt`. */
export async function setContestStatus(db: Database, contest: ContestDoc, status: ContestDoc['status'], at: Date): Promise<void> {
  const firstPublication = status === 'published' && !contest.publishedAt;
  await db
    .collection(COLLECTIONS.contests)
    .doc(contest._id)
    .update({ data: { status, updatedAt: at, ...(firstPublication ? { publishedAt: at } : {}) } });
}

export const setStatus = defineAction({
  ...contestContracts.setStatus,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, cloud, caller, input, now }) => {
    const contest = await requireAdministered(db, caller, input.contestId);
    await setContestStatus(db, contest, input.status, now());
    return adminView(db, cloud, caller, contest._id, now());
  },
});

/** Sets a round's judge pool (members holding the judge role) before its judging starts. */
export async function setRoundJudges(db: Database, round: ContestRoundDoc, judgeIds: readonly string[], judgesPerEntry: number, at: Date): Promise<void> {
  if (beijingDate(at) >= round.judgingStartDay) throw new AppError('CONTEST_PHASE', '评审已开始，评委不能再更换');
  const unique = [...new Set(judgeIds)];
  if (unique.length < judgesPerEntry) throw new AppError('INVALID_INPUT', `评委人数不能少于每件作品的评委数 ${judgesPerEntry}`);
  const members = await byIds<MemberDoc>(db, COLLECTIONS.members, unique);
  for (const id of unique) {
    const member = members.get(id);
    if (!member?.active) throw new AppError('INVALID_INPUT', `评委 ${id} 不存在或已停用`);
    if (!member.roles.some((grant) => grant.role === 'judge')) throw new AppError('INVALID_INPUT', `${member.name} 没有评委角色`);
  }
  await db
    .collection(COLLECTIONS.contestRounds)
    .doc(round._id)
    .update({ data: { judgeIds: unique, judgesPerEntry, updatedAt: at } });
}

export const setJudges = defineAction({
  ...contestContracts.setJudges,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, cloud, caller, input, now }) => {
    const { contest, round } = await requireAdministeredRound(db, caller, input.roundId);
    await setRoundJudges(db, round, input.judgeIds, input.judgesPerEntry, now());
    return adminView(db, cloud, caller, contest._id, now());
  },
});

/** Where the entry stands in the round (see ROUND_ENTRY_STATUSES). */
function roundEntryStatus(entry: ContestEntryDoc, roundId: string): RoundEntryStatus {
  if (entry.currentRoundId !== roundId) return 'advanced';
  return entry.submitted ? 'submitted' : 'draft';
}

/**
 * The condition for a round's entries in `status`: every one names the contest, so the contest's indexes
 * (contestId with _id, contestId with currentRoundId; database/collections.json) serve it.
 */
function roundEntriesCondition(db: Database, round: ContestRoundDoc, status: RoundEntryStatus | undefined, keyword: string): Record<string, unknown> {
  const _ = db.command;
  const base = { contestId: round.contestId };
  const byStatus =
    status === 'draft' || status === 'submitted'
      ? { ...base, currentRoundId: round._id, submitted: status === 'submitted' }
      : status === 'advanced'
        ? { ...base, roundIds: round._id, currentRoundId: _.neq(round._id) }
        : { ...base, roundIds: round._id };
  return withEntryKeyword(db, byStatus, keyword);
}

export const roundEntries = defineAction({
  ...contestContracts.roundEntries,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, caller, input }) => {
    const { round } = await requireAdministeredRound(db, caller, input.roundId);
    const filter = roundEntriesCondition(db, round, input.status, input.keyword.trim());
    const found = await findPage<ContestEntryDoc>(db, COLLECTIONS.contestEntries, filter, [{ field: '_id', direction: 'asc' }], input);
    return pageOf(
      found,
      input,
      (entry): RoundEntryRow => ({
        id: entry._id,
        title: entry.title,
        kind: entry.kind,
        ownerName: entry.ownerName,
        teamName: entry.teamName,
        members: entry.memberIds.length,
        courses: entry.courseIds.length,
        status: roundEntryStatus(entry, round._id),
        submittedAt: isoDate(entry.submittedAt),
      }),
    );
  },
});

export const judgeCandidates = defineAction({
  ...contestContracts.judgeCandidates,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, caller, input }) => {
    const filter = allOf(db, [
      { active: true, 'roles.role': 'judge' },
      scopeCondition(db, 'departmentId', organiserScopeOf(caller)),
      memberKeywordCondition(db, input.keyword.trim()),
    ]);
    const found = await findPage<MemberDoc>(db, COLLECTIONS.members, filter, [{ field: '_id', direction: 'asc' }], input);
    return pageOf(found, input, (member) => ({ memberId: member._id, name: member.name, departmentPath: member.departmentPath }));
  },
});

export const adminDetail = defineAction({
  ...contestContracts.adminDetail,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, cloud, caller, input, now }) => {
    await requireAdministered(db, caller, input.contestId);
    return adminView(db, cloud, caller, input.contestId, now());
  },
});

export const adminList = defineAction({
  ...contestContracts.adminList,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, caller, input, now }) => {
    const scope = organiserScopeOf(caller);
    const condition = scopeCondition(db, 'scopeDepartmentId', scope);
    const found = await findPage<ContestDoc>(
      db,
      COLLECTIONS.contests,
      (condition ?? { _id: db.command.exists(true) }) as Record<string, unknown>,
      [
        { field: 'createdAt', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      input,
    );
    const rounds = await loadRounds(
      db,
      found.docs.map((doc) => doc._id),
    );
    return pageOf(found, input, (doc) => ({ ...contestSummary(doc, rounds.get(doc._id) ?? [], now()), status: doc.status }));
  },
});
