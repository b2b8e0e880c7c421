/**
 * The award hook other areas call when something earns points (a course completed, a quiz passed, a
 * check-in...). It applies the admin's earning rules with daily caps per Beijing day of the event, and pays
 * each event once.
 *
 * How an award is paid exactly once in four operations (rules, account, entry, account), without a
 * transaction:
 * 1. the member's account is read: balance, year buckets, the day's totals for the caps (`days`) and
 *    `version`;
 * 2. the ledger entry is added with its `_id` from `${type}:${memberId}:${sourceId}` (the claim): a second
 *    payment of the same event, retried or raced from several instances, collides here and pays nothing;
 * 3. the account is written with one conditional update "where version is still what I read", adding the
 *    entry to `recent`. If someone else wrote the account meanwhile, the award reads it again, rewrites its
 *    entry if the caps or balance moved, and tries again: only awards of one member ever meet here.
 * A call killed between 2 and 3 leaves a claim that is not in its account's `recent`: the hourly timer
 * (settleAwards), or the same event sent again a minute later, applies it. `recent` keeps what was applied in
 * the last RECENT_MS, longer than the timer's look back, so an applied claim is never taken for an orphan.
 */
import type { MemberDoc } from '../../typings/domain';
import type { EarningRules, LearnerLevelRule } from '../../typings/functions/points';
import { AppError, COLLECTIONS, findById } from '../core';
import type { Backoff, Database } from '../core';
import { backoffPause } from '../core/transaction';
import { addDays, beijingDate, beijingYear, startOfBeijingDay } from '../core/time';
import { ledgerEntryId } from './ids';
import { applyPosting } from './ledger';
import type { AccountOwner } from './ledger';
import type { DayTotals, LedgerEntryDoc, PointsAccountDoc } from '../../typings/docs/points';
import { cappedAmount, readRules } from './rules';
import { expiryOf } from './time';
import { noticeLevelReached } from './level-notice';

/** The same union as `EarningEventType` in typings (a test keeps them equal). */
export type PointsEventType =
  | 'course_completed'
  | 'quiz_passed'
  | 'checkin'
  | 'streak_bonus'
  | 'competition_award'
  | 'course_published'
  | 'course_learner'
  | 'course_rated'
  | 'course_award'
  | 'session_attended';

const EVENT_TYPES: readonly PointsEventType[] = ['course_completed', 'quiz_passed', 'checkin', 'streak_bonus', 'competition_award', 'session_attended'];

export interface PointsEvent {
  type: PointsEventType;
  memberId: string;
  /** What the event is about, for example the course id; one payment per type, member and source. */
  sourceId: string;
  occurredAt: Date;
  /**
   * Points set by the source itself (a campaign's points per check-in or streak bonus, a contest's award
   * points), replacing the rule's points for the type; the admin's daily caps still apply. Integer ≥ 0.
   */
  amount?: number;
  /** The member, when the caller holds it: the member's first award then needs no read of it. */
  member?: AccountOwner;
}

export const awardKey = (event: Pick<PointsEvent, 'type' | 'memberId' | 'sourceId'>): string => `${event.type}:${event.memberId}:${event.sourceId}`;

/** Days of totals an account keeps behind its newest; an older day's totals are summed from the ledger. */
const KEPT_DAYS = 7;
/** How long `recent` remembers an applied award: more than the timer's look back (LOOK_BACK_MS). */
const RECENT_MS = 3 * 3_600_000;
/** A claim this old whose account does not hold it was left by a call that died (the function runs 20 s at most). */
const STALE_MS = 60_000;
/** The timer looks at claims of the last two hours: it runs hourly (cloudfunctions/pointsExpiry/config.json). */
const LOOK_BACK_MS = 2 * 3_600_000;
/**
 * Rounds of the account's conditional write before a member racing themself is told CONFLICT, with the
 * server's growing random waits between them (10 ms doubling to 640 ms: about 3 s at worst).
 */
const AWARD_BACKOFF: Backoff = { rounds: 10, attemptsPerRound: 1, baseMs: 10, capMs: 640 };

/** The earning rules and the learner ladder, read together (one document). */
type RulesAndLevels = EarningRules & { levels: readonly LearnerLevelRule[] };

interface Award {
  type: PointsEventType;
  memberId: string;
  key: string;
  source: string;
  entryId: string;
  day: string;
  year: number;
  at: Date;
  /** Before the caps. */
  base: number;
}

type Outcome = { awarded: number; entryId: string | null };

/**
 * Pays an event per the rules. Answers `{ awarded: 0, entryId: <the earlier entry> }` for a repeat and
 * `{ awarded: 0, entryId: null }` when the type pays nothing or the day's caps are reached (nothing is
 * written then, so a retry on the same day is capped again). The daily caps count the Beijing day of
 * `occurredAt`; the points count as earned in that Beijing year (for expiry).
 */
export async function awardPointsForEvent(db: Database, event: PointsEvent): Promise<Outcome> {
  if (event.sourceId === '') throw new AppError('INVALID_INPUT', '积分来源不能为空');
  if (event.amount !== undefined && (!Number.isInteger(event.amount) || event.amount < 0)) throw new AppError('INVALID_INPUT', '积分必须是非负整数');
  const { rules, levels } = await readRules(db);
  const base = event.amount ?? rules.points[event.type];
  if (base <= 0) return { awarded: 0, entryId: null };
  const key = awardKey(event);
  const award: Award = {
    type: event.type,
    memberId: event.memberId,
    key,
    source: event.sourceId,
    entryId: ledgerEntryId(key),
    day: beijingDate(event.occurredAt),
    year: beijingYear(event.occurredAt),
    at: event.occurredAt,
    base,
  };
  const account = await readAccount(db, award.memberId);
  if (account?.recent?.[award.entryId] !== undefined) return { awarded: 0, entryId: award.entryId };
  const owner = event.member ?? account ?? (await findById<MemberDoc>(db, COLLECTIONS.members, award.memberId));
  if (!owner) throw new AppError('NOT_FOUND', '成员不存在');
  return apply(db, { ...rules, levels }, award, ownerOf(owner), account, null);
}

/**
 * Caps, claims and applies `award` against `account` (as read). `claimed` is the award's entry when it is
 * already written (a claim being completed).
 */
async function apply(
  db: Database,
  rules: RulesAndLevels,
  award: Award,
  owner: AccountOwner,
  read: PointsAccountDoc | null,
  claimed: LedgerEntryDoc | null,
): Promise<Outcome> {
  let account = read;
  let entry = claimed;
  for (let round = 1; ; round += 1) {
    if (account?.recent?.[award.entryId] !== undefined) return { awarded: entry && !claimed ? entry.amount : 0, entryId: award.entryId };
    const amount = cappedAmount(rules, award.type, await dayTotals(db, account, award), award.base);
    if (amount <= 0) {
      // Nothing is paid: a claim of ours goes, so the event may pay on a day with room left.
      if (entry) await db.collection(COLLECTIONS.pointsLedger).doc(award.entryId).remove();
      return { awarded: 0, entryId: null };
    }
    const posting = {
      idempotencyKey: award.key,
      amount,
      reason: award.type,
      source: award.source,
      note: null,
      at: award.at,
      earnedYear: award.year,
      expiresAt: rules.expiryEnabled ? expiryOf(award.year) : null,
      levels: rules.levels,
    };
    const next = applyPosting(account, owner, posting);
    const written: LedgerEntryDoc = { ...next.entry, claimedAt: entry?.claimedAt ?? new Date() };
    if (!entry) {
      const earlier = await insertEntry(db, written);
      if (earlier) return repeated(db, rules, earlier, owner);
    } else if (
      entry.amount !== written.amount ||
      entry.balanceAfter !== written.balanceAfter ||
      JSON.stringify(entry.buckets) !== JSON.stringify(written.buckets)
    ) {
      const { _id, ...fields } = written;
      await db.collection(COLLECTIONS.pointsLedger).doc(_id).set({ data: fields });
    }
    entry = written;
    const after: PointsAccountDoc = {
      ...next.account,
      days: withDay(account?.days ?? {}, award, amount),
      recent: withRecent(account?.recent ?? {}, award.entryId),
    };
    if (await writeAccount(db, account, after)) {
      // Only the write that recorded a new rung notifies it (one insert, keyed by the rung: see level-notice.ts).
      await noticeLevelReached(db, award.memberId, account, after, award.at);
      return { awarded: claimed ? 0 : amount, entryId: award.entryId };
    }
    if (round >= AWARD_BACKOFF.rounds) throw new AppError('CONFLICT');
    await backoffPause(AWARD_BACKOFF, round);
    account = await readAccount(db, award.memberId);
  }
}

/** The entry's id was taken: a repeat. A claim left by a call that died is applied now. */
async function repeated(db: Database, rules: RulesAndLevels, earlier: LedgerEntryDoc, owner: AccountOwner): Promise<Outcome> {
  if (isStale(earlier, Date.now())) await complete(db, rules, earlier, owner);
  return { awarded: 0, entryId: earlier._id };
}

/** A claim old enough that its call has ended, young enough that `recent` would still hold it if applied. */
function isStale(entry: LedgerEntryDoc, now: number): boolean {
  if (!entry.claimedAt) return false;
  const age = now - new Date(entry.claimedAt).getTime();
  return age >= STALE_MS && age < RECENT_MS;
}

/** Applies a claim whose call died before its account was written (nothing, if it was applied after all). */
async function complete(db: Database, rules: RulesAndLevels, entry: LedgerEntryDoc, owner?: AccountOwner): Promise<boolean> {
  const account = await readAccount(db, entry.memberId);
  if (account?.recent?.[entry._id] !== undefined) return false;
  const type = entry.reason as PointsEventType;
  if (!EVENT_TYPES.includes(type)) return false;
  const at = new Date(entry.createdAt);
  const award: Award = {
    type,
    memberId: entry.memberId,
    key: entry.idempotencyKey,
    source: entry.source,
    entryId: entry._id,
    day: beijingDate(at),
    year: beijingYear(at),
    at,
    base: entry.amount,
  };
  const who = owner ?? account ?? (await findById<MemberDoc>(db, COLLECTIONS.members, entry.memberId));
  if (!who) return false;
  await apply(db, rules, award, ownerOf(who), account, entry);
  return true;
}

/**
 * The timer's part: claims of the last LOOK_BACK_MS that no call completed. Answers how many it applied.
 * Reads every recent claim, a thousand per query, and their accounts a hundred per query.
 */
export async function settleAwards(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  const { rules: earning, levels } = await readRules(db);
  const rules = { ...earning, levels };
  let settled = 0;
  let from = new Date(now.getTime() - LOOK_BACK_MS);
  const until = new Date(now.getTime() - STALE_MS);
  for (;;) {
    const { data } = (await db
      .collection(COLLECTIONS.pointsLedger)
      .where({ claimedAt: _.gte(from).and(_.lt(until)) })
      .orderBy('claimedAt', 'asc')
      .limit(1000)
      .get()) as unknown as { data: LedgerEntryDoc[] };
    for (let i = 0; i < data.length; i += 100) {
      const batch = data.slice(i, i + 100);
      const accounts = (await db
        .collection(COLLECTIONS.pointsAccounts)
        .where({ _id: _.in([...new Set(batch.map((entry) => entry.memberId))]) })
        .limit(100)
        .get()) as unknown as { data: PointsAccountDoc[] };
      const byId = new Map(accounts.data.map((account) => [account._id, account]));
      for (const entry of batch) {
        if (byId.get(entry.memberId)?.recent?.[entry._id] !== undefined) continue;
        if (await complete(db, rules, entry)) settled += 1;
      }
    }
    if (data.length < 1000) return settled;
    // Claims written in one millisecond never fill a page: the next page starts after this one's last.
    from = new Date(new Date((data[data.length - 1] as LedgerEntryDoc).claimedAt as Date).getTime() + 1);
  }
}

function ownerOf(source: AccountOwner | PointsAccountDoc): AccountOwner {
  const id = 'memberId' in source ? source.memberId : source._id;
  return { _id: id, name: source.name, departmentId: source.departmentId, departmentPath: source.departmentPath };
}

function readAccount(db: Database, memberId: string): Promise<PointsAccountDoc | null> {
  return findById<PointsAccountDoc>(db, COLLECTIONS.pointsAccounts, memberId);
}

/** Adds the claim; answers null, or the entry already there (the event was claimed before). */
async function insertEntry(db: Database, entry: LedgerEntryDoc): Promise<LedgerEntryDoc | null> {
  try {
    await db.collection(COLLECTIONS.pointsLedger).add({ data: { ...entry } });
    return null;
  } catch (err) {
    const earlier = await findById<LedgerEntryDoc>(db, COLLECTIONS.pointsLedger, entry._id);
    if (earlier) return earlier;
    throw err;
  }
}

/**
 * Writes the account if nobody wrote it since `before` was read: created with its id (a second creator
 * collides), or updated where `version` is unchanged (accounts written before versions match on its absence).
 */
async function writeAccount(db: Database, before: PointsAccountDoc | null, after: PointsAccountDoc): Promise<boolean> {
  const _ = db.command;
  const { _id, ...fields } = after;
  if (!before) {
    try {
      await db.collection(COLLECTIONS.pointsAccounts).add({ data: { _id, ...fields } });
      return true;
    } catch (err) {
      if (await readAccount(db, _id)) return false;
      throw err;
    }
  }
  const data: Record<string, unknown> = {};
  // Objects are replaced whole: a plain object in an update merges key by key and would keep pruned days
  // (https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/database/command/Command.set.md).
  for (const [name, value] of Object.entries(fields))
    data[name] = value !== null && typeof value === 'object' && !(value instanceof Date) ? _.set(value) : value;
  const result = (await db
    .collection(COLLECTIONS.pointsAccounts)
    .where({ _id, version: before.version === undefined ? _.exists(false) : before.version })
    .update({ data })) as unknown as { stats: { updated: number } };
  return result.stats.updated === 1;
}

/**
 * What the member earned by awards on `day`: from the account for its last KEPT_DAYS days, else summed
 * from the ledger (one query; an unapplied claim counts too, so a cap is never exceeded).
 */
async function dayTotals(db: Database, account: PointsAccountDoc | null, { memberId, day, entryId }: Award): Promise<DayTotals> {
  const kept = account?.days;
  if (!account || (kept && day >= keptFrom(kept))) return kept?.[day] ?? { total: 0, byType: {} };
  const _ = db.command;
  const start = startOfBeijingDay(day) as Date;
  const end = startOfBeijingDay(addDays(day, 1)) as Date;
  const { data } = (await db
    .collection(COLLECTIONS.pointsLedger)
    .where({ memberId, createdAt: _.gte(start).and(_.lt(end)), reason: _.in([...EVENT_TYPES]) })
    .limit(1000)
    .get()) as unknown as { data: LedgerEntryDoc[] };
  const totals: DayTotals = { total: 0, byType: {} };
  for (const entry of data) {
    if (entry._id === entryId) continue;
    const type = entry.reason as PointsEventType;
    totals.total += entry.amount;
    totals.byType[type] = (totals.byType[type] ?? 0) + entry.amount;
  }
  return totals;
}

/** The first day an account's `days` answers for: KEPT_DAYS before its newest (older days were dropped). */
function keptFrom(days: Readonly<Record<string, DayTotals>>): string {
  const newest = Object.keys(days).sort().pop();
  return newest === undefined ? '' : addDays(newest, -KEPT_DAYS);
}

function withDay(days: Readonly<Record<string, DayTotals>>, award: Award, amount: number): Record<string, DayTotals> {
  const current = days[award.day] ?? { total: 0, byType: {} };
  const next: Record<string, DayTotals> = {
    ...days,
    [award.day]: { total: current.total + amount, byType: { ...current.byType, [award.type]: (current.byType[award.type] ?? 0) + amount } },
  };
  const from = keptFrom(next);
  for (const day of Object.keys(next)) if (day < from) delete next[day];
  return next;
}

function withRecent(recent: Readonly<Record<string, number>>, entryId: string): Record<string, number> {
  const now = Date.now();
  const next: Record<string, number> = {};
  for (const [id, at] of Object.entries(recent)) if (now - at < RECENT_MS) next[id] = at;
  next[entryId] = now;
  return next;
}
