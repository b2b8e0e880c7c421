/** 我的分享: the caller's shares, newest first, with their exact counters (summed shards), and totals. */
import type { ShareCounterDoc, ShareDoc } from '../../typings/docs/share';
import type { MyShareRow, MySharesView } from '../../typings/functions/share';
import type { PageInput } from '../../typings/functions/paging';
import { COLLECTIONS, type Database, findPage, pageOf } from '../core';
import { isoDate } from '../core/published';
import { countsOf, ZERO_COUNTS } from './counters';

async function totalsOf(db: Database, sharerId: string): Promise<MySharesView['totals']> {
  const $ = db.command.aggregate;
  const [{ total: shares }, summed] = await Promise.all([
    db.collection(COLLECTIONS.shares).where({ sharerId }).count() as Promise<{ total: number }>,
    db
      .collection(COLLECTIONS.shareCounters)
      .aggregate()
      .match({ sharerId })
      .group({ _id: null, opens: $.sum('$opens'), outsiderOpens: $.sum('$outsiderOpens'), conversions: $.sum('$conversions') })
      .end() as unknown as Promise<{ list: Pick<ShareCounterDoc, 'opens' | 'outsiderOpens' | 'conversions'>[] }>,
  ]);
  const sums = summed.list[0] ?? ZERO_COUNTS;
  return { shares, reach: sums.opens, outsiderOpens: sums.outsiderOpens, conversions: sums.conversions };
}

export async function myShares(db: Database, sharerId: string, input: PageInput): Promise<MySharesView> {
  const found = await findPage<ShareDoc>(
    db,
    COLLECTIONS.shares,
    { sharerId },
    [
      { field: 'createdAt', direction: 'desc' },
      { field: '_id', direction: 'asc' },
    ],
    input,
  );
  const [counts, totals] = await Promise.all([
    countsOf(
      db,
      found.docs.map((share) => share._id),
    ),
    totalsOf(db, sharerId),
  ]);
  const page = pageOf(found, input, (share): MyShareRow => {
    const count = counts.get(share._id) ?? ZERO_COUNTS;
    return {
      token: share._id,
      target: { kind: share.targetKind, id: share.targetId },
      title: share.targetTitle,
      channel: share.channel,
      createdAt: isoDate(share.createdAt) as string,
      reach: count.opens,
      outsiderOpens: count.outsiderOpens,
      conversions: count.conversions,
    };
  });
  return { ...page, totals };
}
