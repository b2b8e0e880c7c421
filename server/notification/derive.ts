/**
 * Notifications the `notification` timer derives from what other actions already wrote, so those actions
 * do no extra work:
 *  - required courses (`assignmentTargets`, one per targeted member): 新的必修课 for every member not done
 *    while the assignment runs; from TIMED_FROM (Beijing) 明天截止 on the day before the due day and 已逾期 on
 *    the day after it;
 *    members who completed it get their certificate (必修课结业证书) once;
 *  - contest results (`contestRounds.resultsStatus = 'published'`): 投票结果 for every member of every entry
 *    of the round, for RESULTS_WINDOW_DAYS after publication;
 *  - classroom sessions starting tomorrow (Beijing day): from TIMED_FROM, 明天上课 for every member signed up
 *    (`classroomSignups`, status signed_up); a session is scanned again when its sign-up count changes;
 *  - classroom sessions cancelled (`classroomSessions.status = 'cancelled'`) that have not ended yet: 课程已取消
 *    for every member still signed up, at any hour (a member must not travel to a cancelled class);
 *  - learner levels recorded without a notice: an admin's new ladder raises many accounts in one update
 *    (server/points/level-settings.ts), which cannot notify each; the timer reads the accounts whose level
 *    changed since its cursor and creates 升级提醒 for the rung each holds (deriveLevelUps).
 * Every notification has a deterministic id (server/core/notify.ts), so a run repeated, overlapping or
 * resumed creates each once. A source and Beijing day keep a cursor (`notificationRuns`), so a finished
 * source costs one read per run; an assignment is scanned again when its targeted count changes (new
 * hires, moves) or when the day reaches TIMED_FROM.
 */
import type {
  AssignmentDoc,
  AssignmentTargetDoc,
  CertificateDoc,
  ClassroomSessionDoc,
  ClassroomSignupDoc,
  ContestDoc,
  ContestEntryDoc,
  ContestRoundDoc,
  NotificationRunDoc,
} from '../../typings/domain';
import { byIds, COLLECTIONS, findById } from '../core';
import { certificateId, certificateNumber, issueCertificate } from '../core/certificates';
import type { Database } from '../core';
import type { NotificationDraft } from '../core/notify';
import { notify } from '../core/notify';
import { addDays, beijingDate, beijingHour, beijingTime, startOfBeijingDay } from '../core/time';
import { learnerLevelNotice } from '../points';

/** Beijing hour from which the time-based kinds are created (and pushed): nobody is messaged at midnight. */
export const TIMED_FROM = 9;
/** Days after publication during which a round's results are still announced. */
export const RESULTS_WINDOW_DAYS = 3;
/** Targets per page: up to two notifications each stays within one read of 1000 ids. */
const PAGE = 500;
const MAX_QUERY = 1000;

export interface DeriveBudget {
  started: number;
  budgetMs: number;
}

const overBudget = (budget: DeriveBudget): boolean => Date.now() - budget.started > budget.budgetMs;

async function saveRun(db: Database, id: string, run: Omit<NotificationRunDoc, '_id'>): Promise<void> {
  await db.collection(COLLECTIONS.notificationRuns).doc(id).set({ data: run });
}

function assignmentPage(assignment: AssignmentDoc): string {
  return assignment.kind === 'series' && assignment.seriesId
    ? `packageCourse/series/index?id=${encodeURIComponent(assignment.seriesId)}`
    : `packageCourse/course/index?id=${encodeURIComponent(assignment.courseId ?? assignment.courseIds[0] ?? '')}`;
}

/** What a member not done with `assignment` is told on `today` (timed kinds only once `timed`). */
export function assignmentDrafts(assignment: AssignmentDoc, memberId: string, today: string, timed: boolean): NotificationDraft[] {
  const base = { memberId, source: assignment._id, page: assignmentPage(assignment) };
  const drafts: NotificationDraft[] = [];
  if (assignment.dueDay >= today)
    drafts.push({ ...base, kind: 'required_course', title: `新的必修课：${assignment.title}`, body: `请在 ${assignment.dueDay} 前完成` });
  if (timed && assignment.dueDay === addDays(today, 1))
    drafts.push({ ...base, kind: 'due_tomorrow', title: `必修课明天截止：${assignment.title}`, body: `截止 ${assignment.dueDay}，尚未完成` });
  if (timed && assignment.dueDay < today)
    drafts.push({ ...base, kind: 'overdue', title: `必修课已逾期：${assignment.title}`, body: `${assignment.dueDay} 已截止，请尽快完成` });
  return drafts;
}

/**
 * Issues the 必修课结业证书 of members who completed `assignment` (server/core/certificates.ts; once each),
 * rescanning only when its completed count changed that day.
 */
async function certifyCompletions(db: Database, assignment: AssignmentDoc, today: string, now: Date, budget: DeriveBudget): Promise<boolean> {
  const _ = db.command;
  const runId = `c:${assignment._id}:${today}`;
  const run = await findById<NotificationRunDoc>(db, COLLECTIONS.notificationRuns, runId);
  if (assignment.completedCount === 0 || (run?.done && run.seen === assignment.completedCount)) return false;
  let cursor = run && !run.done ? run.cursor : '';
  for (;;) {
    if (overBudget(budget)) return true;
    const page = (await db
      .collection(COLLECTIONS.assignmentTargets)
      .where({ assignmentId: assignment._id, done: true, _id: _.gt(cursor) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get()) as unknown as { data: AssignmentTargetDoc[] };
    const held = await byIds<CertificateDoc>(
      db,
      COLLECTIONS.certificates,
      page.data.map((target) => certificateId('assignment', assignment._id, target.memberId)),
    );
    for (const target of page.data) {
      if (held.has(certificateId('assignment', assignment._id, target.memberId))) continue;
      const { memberId, name: memberName, departmentPath } = target;
      const number = certificateNumber('BX', beijingDate(target.doneAt ?? now), target._id);
      await issueCertificate(
        db,
        { kind: 'assignment', source: assignment._id, memberId, memberName, departmentPath, achievement: assignment.title, detail: '完成必修课', number },
        now,
      );
    }
    const last = page.data[page.data.length - 1];
    if (last) cursor = last._id;
    const done = page.data.length < PAGE;
    await saveRun(db, runId, { cursor, done, seen: assignment.completedCount, timed: false, updatedAt: now });
    if (done) return false;
  }
}

/** Scans the targets of every running assignment (and those due yesterday, for 已逾期). */
export async function deriveAssignments(db: Database, now: Date, budget: DeriveBudget): Promise<{ created: number; more: boolean }> {
  const _ = db.command;
  const today = beijingDate(now);
  const timed = beijingHour(now) >= TIMED_FROM;
  const assignments = (await db
    .collection(COLLECTIONS.assignments)
    .where({ status: 'active', dueDay: _.gte(addDays(today, -1)) })
    .orderBy('_id', 'asc')
    .limit(MAX_QUERY)
    .get()) as unknown as { data: AssignmentDoc[] };
  let created = 0;
  for (const assignment of assignments.data) {
    if (await certifyCompletions(db, assignment, today, now, budget)) return { created, more: true };
    const runId = `a:${assignment._id}:${today}`;
    const run = await findById<NotificationRunDoc>(db, COLLECTIONS.notificationRuns, runId);
    if (run?.done && run.seen === assignment.assignedCount && (run.timed || !timed)) continue;
    // An unfinished scan of the same kind continues; anything else starts over (ids make repeats free).
    let cursor = run && !run.done && run.timed === timed ? run.cursor : '';
    for (;;) {
      if (overBudget(budget)) return { created, more: true };
      const page = (await db
        .collection(COLLECTIONS.assignmentTargets)
        .where({ assignmentId: assignment._id, done: false, _id: _.gt(cursor) })
        .orderBy('_id', 'asc')
        .field({ memberId: true })
        .limit(PAGE)
        .get()) as unknown as { data: Pick<AssignmentTargetDoc, '_id' | 'memberId'>[] };
      created += await notify(
        db,
        page.data.flatMap((target) => assignmentDrafts(assignment, target.memberId, today, timed)),
        now,
      );
      const last = page.data[page.data.length - 1];
      if (last) cursor = last._id;
      const done = page.data.length < PAGE;
      await saveRun(db, runId, { cursor, done, seen: assignment.assignedCount, timed, updatedAt: now });
      if (done) break;
    }
  }
  return { created, more: false };
}

/** Announces rounds whose results were published lately to every member of their entries. */
export async function deriveResults(db: Database, now: Date, budget: DeriveBudget): Promise<{ created: number; more: boolean }> {
  const _ = db.command;
  const rounds = (await db
    .collection(COLLECTIONS.contestRounds)
    .where({ resultsStatus: 'published', resultsPublishedAt: _.gte(new Date(now.getTime() - RESULTS_WINDOW_DAYS * 86_400_000)) })
    .limit(MAX_QUERY)
    .get()) as unknown as { data: ContestRoundDoc[] };
  let created = 0;
  for (const round of rounds.data) {
    const runId = `r:${round._id}`;
    const run = await findById<NotificationRunDoc>(db, COLLECTIONS.notificationRuns, runId);
    if (run?.done) continue;
    const contest = await findById<ContestDoc>(db, COLLECTIONS.contests, round.contestId);
    if (!contest) continue;
    let cursor = run?.cursor ?? '';
    for (;;) {
      if (overBudget(budget)) return { created, more: true };
      const page = (await db
        .collection(COLLECTIONS.contestEntries)
        .where({ contestId: round.contestId, roundIds: round._id, _id: _.gt(cursor) })
        .orderBy('_id', 'asc')
        .field({ memberIds: true })
        .limit(PAGE)
        .get()) as unknown as { data: Pick<ContestEntryDoc, '_id' | 'memberIds'>[] };
      const members = [...new Set(page.data.flatMap((entry) => entry.memberIds))];
      created += await notify(
        db,
        members.map((memberId) => ({
          memberId,
          kind: 'vote_results',
          source: round._id,
          title: `${round.name}结果已公布`,
          body: contest.title,
          page: `packageContest/results/index?contestId=${encodeURIComponent(round.contestId)}`,
        })),
        now,
      );
      const last = page.data[page.data.length - 1];
      if (last) cursor = last._id;
      const done = page.data.length < PAGE;
      await saveRun(db, runId, { cursor, done, seen: round.entryCount, timed: false, updatedAt: now });
      if (done) break;
    }
  }
  return { created, more: false };
}

/**
 * Notifies every member signed up for `session` (`classroomSignups`, status signed_up) from `scan.cursor`
 * on, a page at a time, saving the scan's run after each page so a run stopped by its budget resumes.
 */
async function tellSignedUp(
  db: Database,
  session: ClassroomSessionDoc,
  scan: { runId: string; cursor: string; timed: boolean },
  draft: (memberId: string) => NotificationDraft,
  now: Date,
  budget: DeriveBudget,
): Promise<{ created: number; more: boolean }> {
  const _ = db.command;
  let { cursor } = scan;
  let created = 0;
  for (;;) {
    if (overBudget(budget)) return { created, more: true };
    const page = (await db
      .collection(COLLECTIONS.classroomSignups)
      .where({ sessionId: session._id, status: 'signed_up', _id: _.gt(cursor) })
      .orderBy('_id', 'asc')
      .field({ memberId: true })
      .limit(PAGE)
      .get()) as unknown as { data: Pick<ClassroomSignupDoc, '_id' | 'memberId'>[] };
    created += await notify(
      db,
      page.data.map((signup) => draft(signup.memberId)),
      now,
    );
    const last = page.data[page.data.length - 1];
    if (last) cursor = last._id;
    const done = page.data.length < PAGE;
    await saveRun(db, scan.runId, { cursor, done, seen: session.signedUp, timed: scan.timed, updatedAt: now });
    if (done) return { created, more: false };
  }
}

/** What a member signed up for `session` is told the day before. */
export function sessionTomorrowDraft(session: Pick<ClassroomSessionDoc, '_id' | 'title' | 'place' | 'startAt'>, memberId: string): NotificationDraft {
  return {
    memberId,
    kind: 'session_tomorrow',
    source: session._id,
    title: `明天上课：${session.title}`,
    body: `${beijingTime(new Date(session.startAt))} ${session.place}`,
    page: `packageClassroom/session/index?id=${encodeURIComponent(session._id)}`,
  };
}

/** Tells the members signed up for sessions starting tomorrow (Beijing), from TIMED_FROM. */
export async function deriveSessions(db: Database, now: Date, budget: DeriveBudget): Promise<{ created: number; more: boolean }> {
  if (beijingHour(now) < TIMED_FROM) return { created: 0, more: false };
  const _ = db.command;
  const today = beijingDate(now);
  const from = startOfBeijingDay(addDays(today, 1)) as Date;
  const to = startOfBeijingDay(addDays(today, 2)) as Date;
  const sessions = (await db
    .collection(COLLECTIONS.classroomSessions)
    .where({ status: 'published', startAt: _.gte(from).and(_.lt(to)) })
    .limit(MAX_QUERY)
    .get()) as unknown as { data: ClassroomSessionDoc[] };
  let created = 0;
  for (const session of sessions.data) {
    const runId = `s:${session._id}:${today}`;
    const run = await findById<NotificationRunDoc>(db, COLLECTIONS.notificationRuns, runId);
    if (run?.done && run.seen === session.signedUp) continue;
    const told = await tellSignedUp(
      db,
      session,
      { runId, cursor: run && !run.done ? run.cursor : '', timed: true },
      (memberId) => sessionTomorrowDraft(session, memberId),
      now,
      budget,
    );
    created += told.created;
    if (told.more) return { created, more: true };
  }
  return { created, more: false };
}

/** What a member signed up for `session` is told when it is cancelled. */
export function sessionCancelledDraft(session: Pick<ClassroomSessionDoc, '_id' | 'title' | 'startAt'>, memberId: string): NotificationDraft {
  return {
    memberId,
    kind: 'session_cancelled',
    source: session._id,
    title: `课程已取消：${session.title}`,
    body: `原定 ${beijingDate(new Date(session.startAt))} ${beijingTime(new Date(session.startAt))}`,
    page: `packageClassroom/session/index?id=${encodeURIComponent(session._id)}`,
  };
}

/**
 * Tells the members still signed up for sessions cancelled before their end. Sign-ups no longer change once
 * a session is cancelled (signUpOpen needs it published), so one finished scan per session is final
 * (`x:<sessionId>`); the sessions read are those not ended yet (index `status, endAt`).
 */
export async function deriveCancellations(db: Database, now: Date, budget: DeriveBudget): Promise<{ created: number; more: boolean }> {
  const _ = db.command;
  const sessions = (await db
    .collection(COLLECTIONS.classroomSessions)
    .where({ status: 'cancelled', endAt: _.gte(now) })
    .limit(MAX_QUERY)
    .get()) as unknown as { data: ClassroomSessionDoc[] };
  let created = 0;
  for (const session of sessions.data) {
    const runId = `x:${session._id}`;
    const run = await findById<NotificationRunDoc>(db, COLLECTIONS.notificationRuns, runId);
    if (run?.done) continue;
    const told = await tellSignedUp(
      db,
      session,
      { runId, cursor: run?.cursor ?? '', timed: false },
      (memberId) => sessionCancelledDraft(session, memberId),
      now,
      budget,
    );
    created += told.created;
    if (told.more) return { created, more: true };
  }
  return { created, more: false };
}

/** The first run looks back this far for level changes (older ones are history, not news). */
export const LEVELS_LOOK_BACK_MS = 86_400_000;
/**
 * Level changes younger than this are left for the next run: a ladder save writes every account's change
 * with the save's instant, over several updates within the points function's timeout (20 s), so the cursor
 * must not pass that instant before the save has finished writing.
 */
export const LEVELS_SETTLE_MS = 2 * 60_000;
const LEVELS_RUN_ID = 'levels';

interface LevelledAccount {
  _id: string;
  levelRank?: number;
  levelName?: string;
  levelReachedAt?: Date;
}

/**
 * 升级提醒 for levels recorded without one (a ladder saved by an admin raises many members in one update).
 * Reads the accounts whose level changed since the cursor (`levelReachedAt`, then `_id`; index
 * `levelReachedAt, _id`), a page at a time, and notifies the rung each holds: the notice's id is one per
 * member and rung (server/points/level-notice.ts), so a level already notified by the award that reached it,
 * a rerun or two runs at once create nothing more (notify() checks a page's ids in one read first). A member
 * raised again before the run is told the rung they hold, as an award would tell them.
 */
export async function deriveLevelUps(db: Database, now: Date, budget: DeriveBudget): Promise<{ created: number; more: boolean }> {
  const _ = db.command;
  const run = await findById<NotificationRunDoc>(db, COLLECTIONS.notificationRuns, LEVELS_RUN_ID);
  const [atText, afterId = ''] = run?.cursor.split('|') ?? [];
  let after = new Date(atText ? Number(atText) : now.getTime() - LEVELS_LOOK_BACK_MS);
  let lastId = afterId;
  const until = new Date(now.getTime() - LEVELS_SETTLE_MS);
  let created = 0;
  for (;;) {
    if (overBudget(budget)) return { created, more: true };
    const page = (await db
      .collection(COLLECTIONS.pointsAccounts)
      .where(_.or([{ levelReachedAt: _.gt(after).and(_.lt(until)) }, { levelReachedAt: after, _id: _.gt(lastId) }]) as unknown as Record<string, unknown>)
      .orderBy('levelReachedAt', 'asc')
      .orderBy('_id', 'asc')
      .field({ levelRank: true, levelName: true, levelReachedAt: true })
      .limit(PAGE)
      .get()) as unknown as { data: LevelledAccount[] };
    created += await notify(
      db,
      page.data.flatMap((account) => (account.levelRank && account.levelName ? [learnerLevelNotice(account._id, account.levelRank, account.levelName)] : [])),
      now,
    );
    const last = page.data[page.data.length - 1];
    if (last?.levelReachedAt) {
      after = new Date(last.levelReachedAt);
      lastId = last._id;
    }
    const done = page.data.length < PAGE;
    if (done) {
      // Everything before `until` is read: the next run starts there.
      if (until > after) await saveRun(db, LEVELS_RUN_ID, { cursor: `${until.getTime()}|`, done, seen: 0, timed: false, updatedAt: now });
      return { created, more: false };
    }
    await saveRun(db, LEVELS_RUN_ID, { cursor: `${after.getTime()}|${lastId}`, done, seen: 0, timed: false, updatedAt: now });
  }
}
