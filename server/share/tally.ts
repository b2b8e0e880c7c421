/**
 * Counting members' opens into a share's reach, exactly once, after the open.
 *
 * An open only places its record (open.ts: `shareOpens/<token>:<memberId>` added with `counted: false`; the
 * deterministic `_id` makes a repeated open a duplicate). The share function's timer runs `tallyOpens`
 * every 10 s: it finds uncounted opens by the `counted_1` index and, per share, one transaction re-reads
 * up to TALLY_CHUNK of them, marks those still uncounted and adds their number to one random counter shard
 * (./counters.ts). Because the transaction re-reads `counted`, overlapping tallies, or a tally replayed
 * after a crash anywhere, add each open exactly once; an open placed by a function killed right after is
 * counted by the next run. The reach shown to the sharer lags its opens by one timer period. Opens of a share
 * that no longer exists are retired uncounted, so they cannot hold the batch (and every later open) forever.
 */
import type { ShareDoc, ShareOpenDoc } from '../../typings/docs/share';
import { AppError, COLLECTIONS, txGet } from '../core';
import type { Database } from '../core';
import { docsOf } from '../core/db';
import chunk from 'lodash/chunk';
import sum from 'lodash/sum';
import { inParallel } from '../core/parallel';
import { cachedShare } from './open';
import { counted, incrementShard } from './counters';

/** Uncounted opens read per query. */
const TALLY_BATCH = 200;
/** Opens of one share counted by one transaction (its reads and writes stay few). */
const TALLY_CHUNK = 20;
/** Transactions in flight (different shares, or chunks of one share on random shards). */
const TALLY_IN_FLIGHT = 4;

export interface OpenTally {
  /** Opens this run added to reach. */
  counted: number;
  /** Whether the budget ran out with opens left (the next run goes on). */
  more: boolean;
}

/** Counts the given opens of one share that are still uncounted; answers how many this call counted. */
async function countOpens(db: Database, share: ShareDoc, ids: readonly string[], now: Date): Promise<number> {
  return counted(db, async (tx) => {
    let fresh = 0;
    for (const id of ids) {
      const open = await txGet<ShareOpenDoc>(tx, COLLECTIONS.shareOpens, id);
      if (open?.counted !== false) continue;
      await tx
        .collection(COLLECTIONS.shareOpens)
        .doc(id)
        .update({ data: { counted: true } });
      fresh += 1;
    }
    if (fresh > 0) await incrementShard(tx, share, 'opens', now, fresh);
    return fresh;
  });
}

/** The share the opens belong to; null when it is gone (its opens then have no reach to count into). */
async function shareOrNull(db: Database, token: string): Promise<ShareDoc | null> {
  try {
    return await cachedShare(db, token);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** Marks opens of a vanished share counted without adding them anywhere; answers 0 (nothing was counted). */
async function retireOpens(db: Database, ids: readonly string[]): Promise<number> {
  await db
    .collection(COLLECTIONS.shareOpens)
    .where({ _id: db.command.in([...ids]), counted: false })
    .update({ data: { counted: true } });
  return 0;
}

export async function tallyOpens(db: Database, now: Date, options: { budgetMs?: number } = {}): Promise<OpenTally> {
  const started = Date.now();
  const within = (): boolean => options.budgetMs === undefined || Date.now() - started < options.budgetMs;
  let total = 0;
  for (;;) {
    if (!within()) return { counted: total, more: true };
    const batch = await docsOf<ShareOpenDoc>(db.collection(COLLECTIONS.shareOpens).where({ counted: false }).limit(TALLY_BATCH));
    // A Map, not lodash's groupBy: its iteratee modules would swell the bundle learners load (BENCHMARKS.md, Function bundles).
    const byToken = new Map<string, string[]>();
    for (const open of batch) {
      const ids = byToken.get(open.token);
      if (ids) ids.push(open._id);
      else byToken.set(open.token, [open._id]);
    }
    const work = [...byToken].flatMap(([token, ids]) => chunk(ids, TALLY_CHUNK).map((part) => ({ token, ids: part })));
    const counts = await inParallel(work, TALLY_IN_FLIGHT, async ({ token, ids }) => {
      const share = await shareOrNull(db, token);
      return share ? countOpens(db, share, ids, now) : retireOpens(db, ids);
    });
    total += sum(counts);
    if (batch.length < TALLY_BATCH) return { counted: total, more: false };
  }
}
