/**
 * Campaign and contest summaries (活动与大赛概览), narrowed to the caller's report scope: campaigns whose
 * managing scope (server/campaign/access.ts) and contests whose scope lie within it; company-wide ones only
 * for unscoped callers. Figures come from their own maintained counters: a campaign's sign-ups
 * (`counts.enrolled`) and check-ins (its sharded counters, server/campaign/counters.ts); a contest's entries
 * (the first round's `entryCount`). Their share figures sum the share counters of the campaign's or
 * contest's board. Contests keep votes per entry and round only (no contest total), so `votes` is null.
 */
import type { CampaignDoc, ContestDoc, ContestRoundDoc } from '../../typings/domain';
import type { ShareBoardKind } from '../../typings/docs/share';
import type { Page, PageInput } from '../../typings/functions/paging';
import type { CampaignReportRow, ContestReportRow } from '../../typings/functions/report';
import { AppError, COLLECTIONS, type Database, findOne, findPage, pageOf, scopeCondition } from '../core';
import type { Scope } from '../core';
import { campaignScopeCondition } from '../campaign';
import { byIds } from '../core/db';
import { readCheckinCounts } from '../campaign';

const NEWEST_FIRST = [
  { field: 'publishedAt', direction: 'desc' as const },
  { field: '_id', direction: 'asc' as const },
];

interface BoardSums {
  shares: number;
  opens: number;
  conversions: number;
}

async function boardSums(db: Database, boardKind: ShareBoardKind, boardIds: readonly string[]): Promise<Map<string, BoardSums>> {
  const sums = new Map<string, BoardSums>(boardIds.map((id) => [id, { shares: 0, opens: 0, conversions: 0 }]));
  if (boardIds.length === 0) return sums;
  const $ = db.command.aggregate;
  const match = { boardKind, boardId: db.command.in([...boardIds]) };
  const [counters, shares] = await Promise.all([
    db
      .collection(COLLECTIONS.shareCounters)
      .aggregate()
      .match(match)
      .group({ _id: '$boardId', opens: $.sum('$opens'), conversions: $.sum('$conversions') })
      .limit(boardIds.length)
      .end() as unknown as Promise<{
      list: { _id: string; opens: number; conversions: number }[];
    }>,
    db
      .collection(COLLECTIONS.shares)
      .aggregate()
      .match(match)
      .group({ _id: '$boardId', shares: $.sum(1) })
      .limit(boardIds.length)
      .end() as unknown as Promise<{ list: { _id: string; shares: number }[] }>,
  ]);
  for (const row of counters.list) Object.assign(sums.get(row._id) ?? {}, { opens: row.opens, conversions: row.conversions });
  for (const row of shares.list) Object.assign(sums.get(row._id) ?? {}, { shares: row.shares });
  return sums;
}

/** `filter` and, unless null, `condition`. */
function both(db: Database, filter: Record<string, unknown>, condition: unknown): Record<string, unknown> {
  return condition === null ? filter : (db.command.and([filter, condition as Record<string, unknown>]) as unknown as Record<string, unknown>);
}

/** Contests within `scope`: company-wide ones (no scope department) for an unscoped caller only. */
function contestScopeCondition(db: Database, scope: Scope): unknown {
  if (scope === 'all') return null;
  if (scope.length === 0) return { _id: db.command.in([]) };
  return scopeCondition(db, 'scopeDepartmentId', scope);
}

export async function campaignSummaries(db: Database, scope: Scope, input: PageInput): Promise<Page<CampaignReportRow>> {
  const found = await findPage<CampaignDoc>(
    db,
    COLLECTIONS.campaigns,
    both(db, { status: 'published' }, campaignScopeCondition(db, scope)),
    NEWEST_FIRST,
    input,
  );
  const ids = found.docs.map((doc) => doc._id);
  const [shares, checkins] = await Promise.all([boardSums(db, 'campaign', ids), Promise.all(ids.map((id) => readCheckinCounts(db, id)))]);
  const checkinsOf = new Map(ids.map((id, index) => [id, checkins[index]?.total.checkins ?? 0]));
  return pageOf(found, input, (doc) => ({
    campaignId: doc._id,
    title: doc.title,
    startDay: doc.startDay,
    endDay: doc.endDay,
    participants: doc.counts?.enrolled ?? null,
    checkins: checkinsOf.get(doc._id) ?? null,
    ...(shares.get(doc._id) as BoardSums),
  }));
}

export async function contestSummaries(db: Database, scope: Scope, input: PageInput): Promise<Page<ContestReportRow>> {
  const found = await findPage<ContestDoc>(db, COLLECTIONS.contests, both(db, { status: 'published' }, contestScopeCondition(db, scope)), NEWEST_FIRST, input);
  const ids = found.docs.map((doc) => doc._id);
  const firstRounds = found.docs.map((doc) => doc.roundIds?.[0]).filter((id): id is string => typeof id === 'string');
  const [shares, rounds] = await Promise.all([boardSums(db, 'contest', ids), byIds<ContestRoundDoc>(db, COLLECTIONS.contestRounds, firstRounds)]);
  return pageOf(found, input, (doc) => {
    const round = doc.roundIds?.[0] ? rounds.get(doc.roundIds[0]) : undefined;
    return { contestId: doc._id, title: doc.title, entries: round ? round.entryCount : null, votes: null, ...(shares.get(doc._id) as BoardSums) };
  });
}

/**
 * The title of a campaign or contest within `scope`, whatever its status (an ended or archived one's share
 * board is still worth exporting). One outside the scope is answered like one that does not exist: the
 * answer does not reveal another branch's.
 */
export async function boardInScope(db: Database, scope: Scope, boardKind: ShareBoardKind, boardId: string): Promise<string> {
  const [collection, condition] =
    boardKind === 'campaign' ? [COLLECTIONS.campaigns, campaignScopeCondition(db, scope)] : [COLLECTIONS.contests, contestScopeCondition(db, scope)];
  const doc = await findOne<{ title: string }>(db, collection, both(db, { _id: boardId }, condition));
  if (!doc) throw new AppError('NOT_FOUND', boardKind === 'campaign' ? '活动不存在' : '大赛不存在');
  return doc.title;
}
