/**
 * The one lease: a field `{ holder, until }` on a document, taken with one atomic conditional update (no
 * transaction), so only one request of a crowd gets it. A lease that has run out (its holder crashed) or that
 * `holder` already holds (a retry of the same request) is taken over. It only spreads work or keeps one
 * worker at a time: what must stay exact is still written in a transaction by whoever holds it.
 * An update is atomic on its document, so two updates with the same condition cannot both take the lease:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html
 */
import type { Database } from './cloud';
import type { CollectionName } from './collections';

export interface Lease {
  holder: string;
  until: Date;
}

export interface LeaseSite {
  collection: CollectionName;
  /** The document that carries the lease. */
  id: string;
  /** Its field, e.g. `lease`. */
  field: string;
  /** Further conditions the document must meet to be leased (e.g. an enrollment still enrolled). */
  when?: Record<string, unknown>;
}

/** Takes the lease for `holder` until `now + ms`; false when another holder's lease is still running. */
export async function takeLease(db: Database, site: LeaseSite, holder: string, now: Date, ms: number): Promise<boolean> {
  const _ = db.command;
  const { field } = site;
  const result = (await db
    .collection(site.collection)
    .where(
      _.and([
        { _id: site.id, ...site.when },
        _.or([{ [field]: _.exists(false) }, { [field]: null }, { [`${field}.until`]: _.lt(now) }, { [`${field}.holder`]: holder }]),
      ]),
    )
    .update({ data: { [field]: _.set({ holder, until: new Date(now.getTime() + ms) }) } })) as unknown as { stats: { updated: number } };
  return result.stats.updated > 0;
}

/** Gives the lease back if `holder` still holds it. */
export async function releaseLease(db: Database, site: LeaseSite, holder: string): Promise<void> {
  await db
    .collection(site.collection)
    .where({ _id: site.id, [`${site.field}.holder`]: holder })
    .update({ data: { [site.field]: db.command.remove() } });
}
