/**
 * Demo data for share tracking and learning analytics: six weeks of study by a few dozen colleagues spread
 * over weekdays and time slots the way the survey describes (lunch and after work busiest, a morning peak
 * before work, little at night), shares of demo courses and campaigns by demo members to chats, Moments and
 * posters, colleagues opening them (and some outsiders, who see nothing), and the conversions that follow.
 * Study goes through the learning record code (the record with its sessions and activity, then points,
 * required assignments and conversions; the rollup derives the course counters and the heatmap); shares and opens through the share domain functions; the
 * rollup runs at the end so the reports and the heatmap show figures after `npm start`. Request ids and
 * deterministic keys make a second seeding change nothing but the rollup's time.
 */
import { createHash } from 'node:crypto';
import type { Caller, Database } from '../../server/core';
import { COLLECTIONS, findById } from '../../server/core';
import { docsOf } from '../../server/core/db';
import { addActivity } from '../../server/learning/activity';
import { positionLimit } from '../../server/learning/completion';
import { emitPendingEvents } from '../../server/learning/events';
import { keepSession, newRecord, recordId, settle, writeRecord } from '../../server/learning/record';
import { runRollup } from '../../server/report/rollup';
import { convert } from '../../server/share/conversions';
import { createShare } from '../../server/share/create';
import { openShare } from '../../server/share/open';
import { tallyOpens } from '../../server/share/tally';
import type { CourseDoc, LearningRecordDoc, MemberDoc } from '../../typings/domain';
import type { ShareChannel } from '../../typings/docs/share';
import type { TimeSlot } from '../../typings/docs/report';

import { TIME_SLOT_DEFINITIONS } from '../../typings/functions/report';
import type { buildDemoCompany } from './company';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const WEEKS = 6;

/** How study spreads over a working day's slots (the survey's shape); weekends shift to after work. */
const WEEKDAY_WEIGHTS: Record<TimeSlot, number> = { before_work: 14, working_hours: 16, lunch: 26, before_leaving: 8, after_work: 30, night: 6 };
const WEEKEND_WEIGHTS: Record<TimeSlot, number> = { before_work: 8, working_hours: 30, lunch: 12, before_leaving: 5, after_work: 35, night: 10 };

/** A stable number in [0, 1) from a key: the demo is the same on every seeding. */
function chance(key: string): number {
  return createHash('sha256').update(`share-demo:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

function weighted<T extends string>(weights: Record<T, number>, key: string): T {
  const entries = Object.entries(weights) as [T, number][];
  let roll = chance(key) * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (entries[entries.length - 1] as [T, number])[0];
}

/** An instant on Beijing day `daysAgo` before `now`, at a random minute of `slot`. */
function momentIn(now: Date, daysAgo: number, slot: TimeSlot, key: string): Date {
  const beijingMidnight = Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS - daysAgo * DAY_MS;
  const ranges = TIME_SLOT_DEFINITIONS[slot].hours;
  const [from, to] = ranges[Math.floor(chance(`${key}:range`) * ranges.length)] as [number, number];
  return new Date(beijingMidnight + (from + chance(`${key}:hour`) * (to - from)) * 3_600_000);
}

/**
 * One study session of `minutes` at `at` (the overdue demo's too, scripts/demo/overdue.ts): the record with
 * the session, its credit and its activity in one write (as learning.report writes it), then the completion
 * hooks (points, assignments, conversions). A session the record knows already changes nothing.
 */
export async function study(db: Database, member: MemberDoc, course: CourseDoc, at: Date, minutes: number, finish: boolean, sessionId: string): Promise<void> {
  const creditMs = minutes * 60_000;
  const before = await findById<LearningRecordDoc>(db, COLLECTIONS.learningRecords, recordId(member._id, course._id));
  if (before?.sessions?.[sessionId]) return;
  const base = before ?? newRecord(member._id, course._id, at);
  const position = finish ? positionLimit(course) : Math.min(positionLimit(course), base.furthest + positionLimit(course) / 3);
  const after = settle(
    course,
    {
      ...base,
      position,
      studyMs: base.studyMs + creditMs,
      lastStudiedAt: at,
      sessions: keepSession(base.sessions, sessionId, { seq: 1, state: 'paused', at, clientTime: null }),
      sessionCount: (base.sessionCount ?? 0) + 1,
      activity: addActivity(base.activity, at, creditMs, true),
    },
    at,
  );
  if (!(await writeRecord(db, before, after))) throw new Error(`演示学习记录 ${after._id} 写入冲突`);
  await emitPendingEvents(db, after, at);
}

/** Brings the report rollups (and the course counters they derive) up to date now rather than at the first timer ticks. */
export async function settleReports(db: Database, now: Date): Promise<void> {
  let result = await runRollup(db, now);
  while (result.more) result = await runRollup(db, now);
}

const caller = (member: MemberDoc | null, openid: string): Caller => ({ openid, appid: null, unionid: null, member });

export interface ShareDemoResult {
  studySessions: number;
  shares: number;
  opens: number;
  outsiderOpens: number;
  campaignConversions: number;
}

export async function seedShareDemo(db: Database, company: ReturnType<typeof buildDemoCompany>, now: Date): Promise<ShareDemoResult> {
  const members = company.members.filter((member) => member.active && !member.external);
  const learnerIds = new Set(company.identities.map((identity) => identity.memberId));
  // The demo identities and about forty colleagues study; courses without a quiz gate complete by reading.
  const learners = [
    ...members.filter((m) => learnerIds.has(m._id)),
    ...members.filter((m) => !learnerIds.has(m._id) && chance(`learner:${m._id}`) < 0.35),
  ].slice(0, 48);
  const courses = (
    await docsOf<CourseDoc>(
      db
        .collection(COLLECTIONS.courses)
        .where({ status: 'published', audiences: db.command.size(0) })
        .orderBy('_id', 'asc')
        .limit(30),
    )
  )
    // Step-by-step series lock their courses; the demo keeps to courses anyone may start.
    .filter((course) => !(course.quiz?.requiredForCompletion ?? false) && (course.seriesIds ?? []).length === 0);
  if (courses.length === 0) throw new Error('演示课程尚未导入：请先导入课程目录');

  // Shares first (a share has to exist before it brings anyone): demo members share a few courses.
  const sharers = learners.slice(0, 12);
  const channels: ShareChannel[] = ['chat', 'chat', 'timeline', 'poster'];
  const shares: { token: string; course: CourseDoc; sharer: MemberDoc; at: Date }[] = [];
  for (const [index, sharer] of sharers.entries()) {
    const course = courses[index % Math.min(6, courses.length)] as CourseDoc;
    const at = momentIn(now, 35 - index * 2, weighted(WEEKDAY_WEIGHTS, `share-slot:${index}`), `share:${index}`);
    const share = await createShare(
      db,
      sharer,
      { targetKind: 'course', targetId: course._id, channel: channels[index % channels.length] as ShareChannel, requestId: `demo-share-${index}` },
      at,
    );
    shares.push({ token: share._id, course, sharer, at });
  }

  let studySessions = 0;
  let opens = 0;
  let outsiderOpens = 0;
  for (const [m, member] of learners.entries()) {
    // A colleague reached by a share opens it first, then studies that course; others pick their own.
    const share = shares.find((s, i) => s.sharer._id !== member._id && chance(`reached:${member._id}:${i}`) < 0.18);
    const own = Array.from(
      { length: 1 + Math.floor(chance(`count:${member._id}`) * 3) },
      (_, k) => courses[Math.floor(chance(`course:${member._id}:${k}`) * courses.length)] as CourseDoc,
    );
    const plan = [...(share ? [share.course] : []), ...own.filter((course) => course._id !== share?.course._id)];
    for (const [c, course] of plan.entries()) {
      const sessions = 1 + Math.floor(chance(`sessions:${member._id}:${course._id}`) * 3);
      const firstDay = Math.floor(chance(`day:${member._id}:${course._id}`) * (WEEKS * 7 - 4)) + 3;
      if (share && c === 0) {
        const openedAt = new Date(Math.max(share.at.getTime() + 3_600_000, momentIn(now, firstDay + 1, 'lunch', `open:${member._id}`).getTime()));
        if ((await openShare(db, caller(member, `demo-open-${member._id}`), share.token, openedAt)).member) opens += 1;
      }
      for (let s = 0; s < sessions; s += 1) {
        const daysAgo = Math.max(0, firstDay - s * 2);
        const weekday = new Date(now.getTime() + BEIJING_OFFSET_MS - daysAgo * DAY_MS).getUTCDay();
        const weights = weekday === 0 || weekday === 6 ? WEEKEND_WEIGHTS : WEEKDAY_WEIGHTS;
        const slot = weighted(weights, `slot:${member._id}:${course._id}:${s}`);
        const at = momentIn(now, daysAgo, slot, `at:${member._id}:${course._id}:${s}`);
        const finish = s === sessions - 1 && chance(`finish:${member._id}:${course._id}`) < 0.7;
        const minutes = Math.max(1, Math.round(course.durationMinutes * (0.4 + chance(`minutes:${m}:${c}:${s}`) * 0.5)));
        await study(db, member, course, at, minutes, finish, `demo-${s}`);
        studySessions += 1;
      }
    }
  }
  // Outsiders (a share forwarded beyond the company) see nothing and count as outside reach.
  for (const [index, share] of shares.entries()) {
    const count = Math.floor(chance(`outsiders:${index}`) * 4);
    for (let k = 0; k < count; k += 1) {
      if ((await openShare(db, caller(null, `demo-outsider-${index}-${k}`), share.token, new Date(share.at.getTime() + (k + 2) * 3_600_000))).counted)
        outsiderOpens += 1;
    }
  }

  // Campaign shares for the share leaderboard: opens and sign-ups reported through the conversion hook.
  const campaigns = await docsOf<{ _id: string }>(
    db.collection(COLLECTIONS.campaigns).where({ status: 'published' }).field({ _id: true }).orderBy('_id', 'asc').limit(3),
  );
  let campaignConversions = 0;
  for (const [c, campaign] of campaigns.entries()) {
    for (const [index, sharer] of sharers.slice(0, 5).entries()) {
      const at = momentIn(now, 10 + index, 'lunch', `campaign-share:${c}:${index}`);
      const share = await createShare(
        db,
        sharer,
        { targetKind: 'campaign', targetId: campaign._id, channel: 'chat', requestId: `demo-campaign-${c}-${index}` },
        at,
      );
      const reached = members.filter((m) => m._id !== sharer._id && chance(`campaign-open:${c}:${index}:${m._id}`) < 0.03 + index * 0.01);
      for (const member of reached) {
        await openShare(db, caller(member, `demo-open-${member._id}`), share._id, new Date(at.getTime() + 2 * 3_600_000));
        // As the campaign's sign-up would report it (a member counts once, for the share that brought them first).
        if (
          chance(`campaign-convert:${c}:${member._id}`) < 0.4 &&
          (await convert(db, { memberId: member._id, targetKind: 'campaign', targetId: campaign._id, at: new Date(at.getTime() + 5 * 3_600_000) }))
        ) {
          campaignConversions += 1;
        }
      }
    }
  }
  // Count the opens into the reach and bring the reports up to date now rather than at the first timer ticks.
  await tallyOpens(db, now);
  await settleReports(db, now);
  return { studySessions, shares: shares.length + campaigns.length * 5, opens, outsiderOpens, campaignConversions };
}
