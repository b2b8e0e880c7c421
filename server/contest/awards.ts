/**
 * Awards (颁奖). When the last round's results are published, the computed awards are decided from them and
 * from the whole contest; named awards (指定奖项) are given by the admin afterwards. Each award is one
 * document `contestAwards/<contestId>:<awardId>`, created once (a transaction refuses a second decision), and
 * its points are paid to every member of each winning entry through the ledger, keyed
 * `competition_award:<memberId>:<awardDocId>:<memberId>`, so retries and re-runs pay once; each of them
 * gets a certificate (contest_award, source `<awardDocId>:<entryId>`), also created once.
 *
 * Computed awards:
 * - best_overall: the best final ranks; best_dimension: the best judges' average on one final-round dimension;
 * - popularity: the most public votes over all the contest's rounds;
 * - best_branch (最佳组织单位): members who signed up ÷ active headcount of the branch, highest rate (no points);
 * - team_most_courses: team entries with the most courses;
 * - team_course_value: team entries by Σ over their courses of learners × average rating, × the entry's last
 *   final score / 100 (a course without ratings counts 0).
 * Ties go to the better last final score, then the entry id.
 */
import type {
  ContestAwardConfig,
  ContestAwardDoc,
  ContestDoc,
  ContestEntryDoc,
  ContestResultsDoc,
  ContestStandingDoc,
  CourseDoc,
  MemberDoc,
} from '../../typings/domain';
import { CONTEST_ORGANISER_ROLES, contestContracts } from '../../typings/functions/contest';
import type { AwardView } from '../../typings/functions/contest';
import { AppError, COLLECTIONS, defineAction, findById, runTransaction, txGet } from '../core';
import type { Database } from '../core';
import { certificateNumber, issueCertificate } from '../core/certificates';
import { isoDate } from '../core/published';
import { beijingDate } from '../core/time';
import { txPut } from '../core/transaction';
import { byIds, docsOf } from '../core/db';
import { averageRating } from '../course';
import { awardPointsForEvent } from '../points';
import { loadRound, loadVisibleContest, requireAdministered } from './access';
import { branchName, headcounts } from './branches';
import { awardDocId } from './ids';
import { readEvery } from './read';
import { round2 } from './scoring';
import type { ComputedRow } from './scoring';

interface ContestFacts {
  /** Votes over all rounds, per entry. */
  votes: Map<string, number>;
  /** The final score of the last round with a result, per entry. */
  lastScore: Map<string, number>;
  teams: ContestEntryDoc[];
}

async function gatherFacts(db: Database, contest: ContestDoc): Promise<ContestFacts> {
  const votes = new Map<string, number>();
  const lastScore = new Map<string, number>();
  for (const roundId of contest.roundIds) {
    for (const standing of await readEvery<ContestStandingDoc>(db, COLLECTIONS.contestStandings, { roundId }))
      votes.set(standing.entryId, (votes.get(standing.entryId) ?? 0) + standing.votes);
    // Rounds in order: a later round's score replaces an earlier one.
    for (const doc of await readEvery<ContestResultsDoc>(db, COLLECTIONS.contestResults, { roundId }))
      for (const row of doc.rows) lastScore.set(row.entryId, row.finalScore);
  }
  const teams = (await readEvery<ContestEntryDoc>(db, COLLECTIONS.contestEntries, { contestId: contest._id, kind: 'team' })).filter((entry) => entry.submitted);
  return { votes, lastScore, teams };
}

type Decision = Pick<ContestAwardDoc, 'entryIds' | 'branchId' | 'basis'>;

/** Entries ranked by `value` (higher first), ties by last final score then id; only positive values win. */
function best(ids: readonly string[], value: (id: string) => number, facts: ContestFacts, winners: number): string[] {
  return ids
    .filter((id) => value(id) > 0)
    .sort((a, b) => value(b) - value(a) || (facts.lastScore.get(b) ?? 0) - (facts.lastScore.get(a) ?? 0) || (a < b ? -1 : 1))
    .slice(0, winners);
}

async function courseValues(db: Database, teams: readonly ContestEntryDoc[], facts: ContestFacts): Promise<Map<string, number>> {
  const courseIds = [...new Set(teams.flatMap((team) => team.courseIds))];
  const courses = new Map<string, CourseDoc>();
  for (let start = 0; start < courseIds.length; start += 1000)
    for (const [id, course] of await byIds<CourseDoc>(db, COLLECTIONS.courses, courseIds.slice(start, start + 1000))) courses.set(id, course);
  return new Map(
    teams.map((team) => {
      const reach = team.courseIds.reduce((sum, id) => {
        const stats = courses.get(id)?.stats;
        return sum + (stats ? stats.learners * (averageRating(stats) ?? 0) : 0);
      }, 0);
      return [team._id, round2((reach * (facts.lastScore.get(team._id) ?? 0)) / 100)];
    }),
  );
}

async function bestBranch(db: Database, contest: ContestDoc): Promise<Decision> {
  const $ = db.command.aggregate;
  const grouped = (await db
    .collection(COLLECTIONS.contestParticipants)
    .aggregate()
    .match({ contestId: contest._id })
    .group({ _id: '$branchId', members: $.sum(1) })
    .limit(1000)
    .end()) as unknown as { list: { _id: string; members: number }[] };
  const counts = await headcounts(
    db,
    grouped.list.map((row) => row._id),
  );
  const rates = grouped.list
    .map((row) => ({ branchId: row._id, members: row.members, headcount: counts.get(row._id) ?? 0 }))
    .filter((row) => row.headcount > 0)
    .map((row) => ({ ...row, rate: row.members / row.headcount }))
    .sort((a, b) => b.rate - a.rate || b.members - a.members || (a.branchId < b.branchId ? -1 : 1));
  const top = rates[0];
  if (!top) return { entryIds: [], branchId: null, basis: '无人参赛' };
  return { entryIds: [], branchId: top.branchId, basis: `参与率 ${round2(top.rate * 100)}%（${top.members}/${top.headcount} 人）` };
}

async function decide(db: Database, contest: ContestDoc, award: ContestAwardConfig, rows: readonly ComputedRow[], facts: ContestFacts): Promise<Decision> {
  const ranked = rows.map((row) => row.entryId);
  const n = award.winners;
  switch (award.kind) {
    case 'best_overall':
      return { entryIds: ranked.slice(0, n), branchId: null, basis: '决赛最终得分最高' };
    case 'best_dimension': {
      const dimension = award.dimensionId as string;
      const byDimension = new Map(rows.map((row) => [row.entryId, row.dimensionAverages[dimension] ?? 0]));
      return { entryIds: best(ranked, (id) => byDimension.get(id) ?? 0, facts, n), branchId: null, basis: '决赛该评分维度的评委平均分最高' };
    }
    case 'popularity':
      return { entryIds: best([...facts.votes.keys()], (id) => facts.votes.get(id) ?? 0, facts, n), branchId: null, basis: '大众投票票数最多' };
    case 'best_branch':
      return bestBranch(db, contest);
    case 'team_most_courses': {
      const counts = new Map(facts.teams.map((team) => [team._id, team.courseIds.length]));
      return { entryIds: best([...counts.keys()], (id) => counts.get(id) ?? 0, facts, n), branchId: null, basis: '团队提交课程数最多' };
    }
    case 'team_course_value': {
      const values = await courseValues(db, facts.teams, facts);
      return { entryIds: best([...values.keys()], (id) => values.get(id) ?? 0, facts, n), branchId: null, basis: '学习人数 × 平均评分 × 大赛得分最高' };
    }
    case 'named':
      throw new Error('named awards are given by the admin');
  }
}

/** Creates the award document unless it exists; answers the stored one. */
async function recordAward(db: Database, doc: ContestAwardDoc): Promise<ContestAwardDoc> {
  return runTransaction(db, async (tx) => {
    const existing = await txGet<ContestAwardDoc>(tx, COLLECTIONS.contestAwards, doc._id);
    if (existing) return existing;
    await txPut(tx, COLLECTIONS.contestAwards, doc);
    return doc;
  });
}

/**
 * Pays the award's points to every member of its winning entries, once each, and certifies each of them
 * (获奖证书: one certificate per award and member, created once however often this runs).
 */
export async function payAward(db: Database, award: ContestAwardDoc, contestTitle: string): Promise<void> {
  if (award.entryIds.length === 0) return;
  const entries = await byIds<ContestEntryDoc>(db, COLLECTIONS.contestEntries, award.entryIds);
  const memberIds = [...new Set(award.entryIds.flatMap((id) => entries.get(id)?.memberIds ?? []))];
  if (award.points > 0) {
    for (const memberId of memberIds) {
      await awardPointsForEvent(db, {
        type: 'competition_award',
        memberId,
        sourceId: `${award._id}:${memberId}`,
        occurredAt: award.decidedAt,
        amount: award.points,
      });
    }
    await db
      .collection(COLLECTIONS.contestAwards)
      .doc(award._id)
      .update({ data: { paidMemberIds: memberIds } });
  }
  await certifyAward(db, award, contestTitle, entries, memberIds);
}

async function certifyAward(
  db: Database,
  award: ContestAwardDoc,
  contestTitle: string,
  entries: ReadonlyMap<string, ContestEntryDoc>,
  memberIds: readonly string[],
): Promise<void> {
  const members = await byIds<MemberDoc>(db, COLLECTIONS.members, memberIds);
  const day = beijingDate(award.decidedAt);
  for (const entryId of award.entryIds) {
    const entry = entries.get(entryId);
    for (const memberId of entry?.memberIds ?? []) {
      const member = members.get(memberId);
      if (!entry || !member) continue;
      const source = `${award._id}:${entryId}`;
      await issueCertificate(
        db,
        {
          kind: 'contest_award',
          source,
          memberId,
          memberName: member.name,
          departmentPath: member.departmentPath,
          achievement: `${contestTitle} ${award.name}`,
          detail: `作品《${entry.title}》`,
          number: certificateNumber('DS', day, `${source}:${memberId}`),
        },
        award.decidedAt,
      );
    }
  }
}

function awardDoc(contest: ContestDoc, award: ContestAwardConfig, decision: Decision, at: Date): ContestAwardDoc {
  return {
    _id: awardDocId(contest._id, award.id),
    contestId: contest._id,
    awardId: award.id,
    kind: award.kind,
    name: award.name,
    ...decision,
    points: award.kind === 'best_branch' ? 0 : award.points,
    paidMemberIds: [],
    decidedAt: at,
  };
}

/** Decides and pays every computed award of the contest from the last round's ranked rows. */
export async function decideAwards(db: Database, contest: ContestDoc, rows: readonly ComputedRow[], at: Date): Promise<void> {
  const computed = contest.awards.filter((award) => award.kind !== 'named');
  if (computed.length === 0) return;
  const facts = await gatherFacts(db, contest);
  for (const award of computed) {
    const stored = await recordAward(db, awardDoc(contest, award, await decide(db, contest, award, rows, facts), at));
    await payAward(db, stored, contest.title);
  }
}

async function awardView(db: Database, award: ContestAwardDoc): Promise<AwardView> {
  const entries = await byIds<ContestEntryDoc>(db, COLLECTIONS.contestEntries, award.entryIds);
  return {
    awardId: award.awardId,
    kind: award.kind,
    name: award.name,
    points: award.points,
    winners: award.entryIds.map((id) => {
      const entry = entries.get(id);
      return { entryId: id, title: entry?.title ?? '', ownerName: entry?.ownerName ?? '', teamName: entry?.teamName ?? null };
    }),
    branchName: award.branchId ? branchName(award.branchId) : null,
    basis: award.basis,
    decidedAt: isoDate(award.decidedAt),
  };
}

/** Gives a named award of a finished contest to entries and pays its points (once; a repeat answers it). */
export async function giveNamedAward(db: Database, contest: ContestDoc, awardId: string, entryIds: readonly string[], at: Date): Promise<ContestAwardDoc> {
  const config = contest.awards.find((award) => award.id === awardId);
  if (config?.kind !== 'named') throw new AppError('NOT_FOUND', '没有这个指定奖项');
  const final = (await loadRound(db, contest.roundIds.at(-1) as string)).round;
  if (final.resultsStatus !== 'published') throw new AppError('CONTEST_PHASE', '决赛成绩公布后才能颁发指定奖项');
  const unique = [...new Set(entryIds)];
  if (unique.length > config.winners) throw new AppError('INVALID_INPUT', `该奖项最多颁给 ${config.winners} 件作品`);
  const entries = await byIds<ContestEntryDoc>(db, COLLECTIONS.contestEntries, unique);
  if (unique.some((id) => entries.get(id)?.contestId !== contest._id || !entries.get(id)?.submitted))
    throw new AppError('NOT_FOUND', '作品不存在或不属于本次大赛');
  const stored = await recordAward(db, awardDoc(contest, config, { entryIds: unique, branchId: null, basis: '大赛组委会评定' }, at));
  if ([...stored.entryIds].sort().join() !== [...unique].sort().join()) throw new AppError('CONTEST_PHASE', '该奖项已颁发');
  await payAward(db, stored, contest.title);
  return stored;
}

export const giveAward = defineAction({
  ...contestContracts.giveAward,
  roles: CONTEST_ORGANISER_ROLES,
  handler: async ({ db, caller, input, now }) => {
    const contest = await requireAdministered(db, caller, input.contestId);
    const stored = await giveNamedAward(db, contest, input.awardId, input.entryIds, now());
    return awardView(db, (await findById<ContestAwardDoc>(db, COLLECTIONS.contestAwards, stored._id)) as ContestAwardDoc);
  },
});

export const awards = defineAction({
  ...contestContracts.awards,
  roles: ['learner'],
  handler: async ({ db, caller, input }) => {
    const contest = await loadVisibleContest(db, input.contestId, caller.member);
    const docs = await docsOf<ContestAwardDoc>(db.collection(COLLECTIONS.contestAwards).where({ contestId: contest._id }).limit(100));
    const order = new Map(contest.awards.map((award, index) => [award.id, index]));
    docs.sort((a, b) => (order.get(a.awardId) ?? 0) - (order.get(b.awardId) ?? 0));
    return Promise.all(docs.map((doc) => awardView(db, doc)));
  },
});
