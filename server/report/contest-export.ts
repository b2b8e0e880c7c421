/**
 * Contest exports through the shared export (server/core/workbook.ts), for the contest's admins, served by the
 * report function so the contest function learners call on every page carries no export code (exceljs is
 * loaded only when one runs, server/core/excel.ts):
 * - the ranking (成绩排名) with every judge's scores per rubric dimension, one line per entry and judge in
 *   rank order: a published round reads its result documents (100 ranks each) one at a time, a round not yet
 *   published is computed as previewResults computes it; each 100 ranks' scores are one indexed read;
 * - the public votes (大众投票) per Beijing day and voter department, summed on the database from the
 *   voters' day documents (`contestVoterDays`) a page of groups at a time.
 */
import groupBy from 'lodash/groupBy';
import type { ContestDoc, ContestResultRow, ContestResultsDoc, ContestRoundDoc, ContestScoreDoc, DepartmentDoc, MemberDoc } from '../../typings/domain';
import { contestExportContracts } from '../../typings/functions/contest-exports';
import { CONTEST_ORGANISER_ROLES } from '../../typings/functions/contest';
import { COLLECTIONS, defineAction } from '../core';
import type { Database } from '../core';
import { byIds, docsOf, findById } from '../core/db';
import { beijingDate, beijingDateTime } from '../core/time';
import { exportRows, exportTable, pathSegment } from '../core/workbook';
import type { ExportColumn } from '../core/workbook';
import { branchName, computeRound, requireAdministeredRound, RESULTS_CHUNK, resultsDocId } from '../contest';

/** One line of the ranking: an entry's result and one judge's score sheet (null: nobody scored it yet). */
interface RankingLine {
  row: ContestResultRow;
  score: ContestScoreDoc | null;
}

export function rankingExport(round: ContestRoundDoc, judgeName: (judgeId: string) => string) {
  const result = (header: string, width: number, cell: (row: ContestResultRow) => string | number | null): ExportColumn<RankingLine> => ({
    header,
    width,
    cell: (line) => cell(line.row),
  });
  return exportTable<RankingLine>(`${round.name}成绩`.slice(0, 31), [
    result('名次', 6, (row) => row.rank),
    result('作品', 30, (row) => row.title),
    result('作者', 12, (row) => row.ownerName),
    result('团队', 14, (row) => row.teamName ?? ''),
    result('分组', 14, (row) => branchName(row.branchId)),
    result('总分', 8, (row) => row.finalScore),
    result('评委得分', 10, (row) => row.judgeScore),
    result('票数', 8, (row) => row.votes),
    result('投票得分', 10, (row) => row.voteScore),
    result('加分', 6, (row) => row.bonus),
    result('晋级', 6, (row) => (row.advances ? '是' : '')),
    { header: '评委', width: 12, cell: (line) => (line.score ? judgeName(line.score.judgeId) : '') },
    ...round.rubric.map((dimension) => ({
      header: `${dimension.name}(${dimension.min}-${dimension.max})`,
      width: 12,
      cell: (line: RankingLine) => line.score?.scores?.[dimension.id] ?? null,
    })),
    { header: '评委加权分', width: 10, cell: (line) => line.score?.weighted ?? null },
    { header: '评语', width: 40, cell: (line) => line.score?.comment ?? '' },
    { header: '评分时间', width: 18, cell: (line) => (line.score?.scoredAt ? beijingDateTime(new Date(line.score.scoredAt)) : '') },
  ]);
}

/** The round's ranked rows, 100 ranks at a time. */
async function* rankedChunks(db: Database, contest: ContestDoc, round: ContestRoundDoc): AsyncGenerator<ContestResultRow[]> {
  if (round.resultsStatus !== 'published') {
    const { ranked } = await computeRound(db, contest, round);
    for (let start = 0; start < ranked.length; start += RESULTS_CHUNK) yield ranked.slice(start, start + RESULTS_CHUNK);
    return;
  }
  const entries = round.resultsSummary?.entries ?? 0;
  for (let chunk = 0; chunk * RESULTS_CHUNK < entries; chunk += 1) {
    const doc = await findById<ContestResultsDoc>(db, COLLECTIONS.contestResults, resultsDocId(round._id, chunk));
    if (doc) yield doc.rows;
  }
}

async function* rankingLines(db: Database, contest: ContestDoc, round: ContestRoundDoc): AsyncGenerator<RankingLine[]> {
  for await (const rows of rankedChunks(db, contest, round)) {
    // At most judgesPerEntry sheets per entry: 100 entries' sheets stay within one query's 1000.
    const scores = await docsOf<ContestScoreDoc>(
      db
        .collection(COLLECTIONS.contestScores)
        .where({ roundId: round._id, entryId: db.command.in(rows.map((row) => row.entryId)) })
        .orderBy('_id', 'asc')
        .limit(1000),
    );
    const byEntry = groupBy(scores, (score) => score.entryId);
    yield rows.flatMap((row): RankingLine[] => {
      const sheets = byEntry[row.entryId] ?? [];
      return sheets.length > 0 ? sheets.map((score) => ({ row, score })) : [{ row, score: null }];
    });
  }
}

export const exportContestRanking = defineAction({
  ...contestExportContracts.exportContestRanking,
  roles: CONTEST_ORGANISER_ROLES,
  async handler({ db, cloud, caller, input, now }) {
    const { contest, round } = await requireAdministeredRound(db, caller, input.roundId);
    const judges = await byIds<MemberDoc>(db, COLLECTIONS.members, round.judgeIds);
    const at = now();
    const table = rankingExport(round, (judgeId) => judges.get(judgeId)?.name ?? judgeId);
    return exportRows(cloud, table, rankingLines(db, contest, round), {
      label: `contests/${pathSegment(round._id)}-ranking-${beijingDate(at)}`,
      ownerId: caller.member._id,
      now: at,
    });
  },
});

/** One day's votes from one department. */
interface VoteGroup {
  day: string;
  departmentId: string;
  votes: number;
  voters: number;
}

const VOTES_PAGE = 1000;

async function* voteGroups(db: Database, roundId: string): AsyncGenerator<VoteGroup[]> {
  const $ = db.command.aggregate;
  for (let skip = 0; ; skip += VOTES_PAGE) {
    const { list } = (await db
      .collection(COLLECTIONS.contestVoterDays)
      .aggregate()
      .match({ roundId })
      .group({ _id: { day: '$day', departmentId: '$departmentId' }, votes: $.sum('$votes'), voters: $.sum(1) })
      .sort({ '_id.day': 1, '_id.departmentId': 1 })
      .skip(skip)
      .limit(VOTES_PAGE)
      .end()) as unknown as { list: { _id: { day: string; departmentId: string }; votes: number; voters: number }[] };
    yield list.map((group) => ({ day: group._id.day, departmentId: group._id.departmentId, votes: group.votes, voters: group.voters }));
    if (list.length < VOTES_PAGE) return;
  }
}

export function votesExport(departmentPath: (departmentId: string) => string) {
  return exportTable<VoteGroup>('大众投票', [
    { header: '日期', width: 12, cell: (group) => group.day },
    { header: '部门', width: 36, cell: (group) => departmentPath(group.departmentId) },
    { header: '投票人数', width: 10, cell: (group) => group.voters },
    { header: '票数', width: 10, cell: (group) => group.votes },
  ]);
}

export const exportContestVotes = defineAction({
  ...contestExportContracts.exportContestVotes,
  roles: CONTEST_ORGANISER_ROLES,
  async handler({ db, cloud, caller, input, now }) {
    const { round } = await requireAdministeredRound(db, caller, input.roundId);
    const at = now();
    // Department names are looked up per page of groups (a page names at most 1000 departments).
    const names = new Map<string, string>();
    const pages = (async function* () {
      for await (const groups of voteGroups(db, round._id)) {
        const missing = [...new Set(groups.map((group) => group.departmentId))].filter((id) => !names.has(id));
        const found = await byIds<DepartmentDoc>(db, COLLECTIONS.departments, missing);
        for (const id of missing) names.set(id, found.get(id)?.path.join('/') ?? id.replace(/^dept:/, ''));
        yield groups;
      }
    })();
    return exportRows(
      cloud,
      votesExport((id) => names.get(id) ?? id),
      pages,
      { label: `contests/${pathSegment(round._id)}-votes-${beijingDate(at)}`, ownerId: caller.member._id, now: at },
    );
  },
});

export const contestExportActions = { exportContestRanking, exportContestVotes };
