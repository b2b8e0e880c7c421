/**
 * A seeded generator of raw analytics records (learning records with their sessions, ratings, required
 * assignments and their targets, shares with counters and conversions, learning activity), written straight
 * into the local cloud, and an independent computation of the figures the reports must show.
 */
import { createHash } from 'node:crypto';
import type { ReportSums, TimeSlot } from '../../../typings/domain';
import { TIME_SLOTS } from '../../../typings/docs/report';
import { courseDoc, ZERO_REPORT_SUMS } from '../../helpers/courses';
import { memberDoc } from '../../helpers/db';
import type { TestCloud } from '../../helpers/local-cloud';

/** A deterministic stream of numbers in [0, 1) from a seed (SHA-256 of seed and position). */
export function prng(seed: number): () => number {
  let position = 0;
  return () => createHash('sha256').update(`${seed}:${position++}`).digest().readUInt32BE(0) / 2 ** 32;
}

export const DEPARTMENTS = ['dept:总部/销售部', 'dept:总部/销售部/华东', 'dept:总部/研发部'] as const;
const DAY = 86_400_000;
/** Monday 2026-03-02 00:00 Beijing. */
export const WINDOW_START = Date.parse('2026-03-01T16:00:00Z');

export interface Dataset {
  members: { id: string; departmentId: string }[];
  courses: string[];
  records: {
    memberId: string;
    courseId: string;
    studyMs: number;
    completed: boolean;
    completedAt: Date | null;
    quizAttempts: number;
    quizPassed: boolean;
    startedAt: Date;
    updatedAt: Date;
  }[];
  sessions: { id: string; memberId: string; courseId: string; at: Date }[];
  ratings: { memberId: string; courseId: string; rating: number; updatedAt: Date }[];
  /** Active assignment targets (course ids of the assignment) and cancelled ones, which must not count. */
  targets: { assignmentId: string; memberId: string; departmentId: string; courseIds: string[]; active: boolean; createdAt: Date }[];
  shares: {
    token: string;
    sharerId: string;
    departmentId: string;
    courseId: string;
    createdAt: Date;
    opens: number;
    conversions: number;
    convertedAt: Date[];
  }[];
  activity: {
    memberId: string;
    departmentId: string;
    day: string;
    week: string;
    weekday: number;
    slot: TimeSlot;
    studyMs: number;
    sessions: number;
    updatedAt: Date;
  }[];
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export function generate(seed: number, prefix: string, size = { members: 24, courses: 4 }): Dataset {
  const random = prng(seed);
  const members = Array.from({ length: size.members }, (_, i) => ({ id: `${prefix}:m${i}`, departmentId: DEPARTMENTS[i % DEPARTMENTS.length] as string }));
  const courses = Array.from({ length: size.courses }, (_, i) => `${prefix}:c${i}`);
  const at = (maxDays: number) => new Date(WINDOW_START + Math.floor(random() * maxDays * DAY));
  const data: Dataset = { members, courses, records: [], sessions: [], ratings: [], targets: [], shares: [], activity: [] };
  for (const member of members) {
    for (const courseId of courses) {
      if (random() < 0.35) continue;
      const startedAt = at(14);
      const completed = random() < 0.5;
      const completedAt = completed ? new Date(startedAt.getTime() + Math.floor(random() * 5 * DAY)) : null;
      const quizAttempts = random() < 0.5 ? 1 + Math.floor(random() * 2) : 0;
      data.records.push({
        memberId: member.id,
        courseId,
        studyMs: Math.floor(random() * 900_000),
        completed,
        completedAt,
        quizAttempts,
        quizPassed: quizAttempts > 0 && random() < 0.6,
        startedAt,
        updatedAt: completedAt ?? startedAt,
      });
      const sessions = 1 + Math.floor(random() * 3);
      for (let k = 0; k < sessions; k += 1) data.sessions.push({ id: `${member.id}:${courseId}:s${k}`, memberId: member.id, courseId, at: at(14) });
      if (random() < 0.3) data.ratings.push({ memberId: member.id, courseId, rating: 1 + Math.floor(random() * 5), updatedAt: at(14) });
    }
  }
  const [first, second, third] = courses as [string, string, string, ...string[]];
  for (const member of members) {
    if (member.departmentId.startsWith('dept:总部/销售部'))
      data.targets.push({
        assignmentId: `${prefix}:a1`,
        memberId: member.id,
        departmentId: member.departmentId,
        courseIds: [first, second],
        active: true,
        createdAt: at(3),
      });
    if (random() < 0.5)
      data.targets.push({
        assignmentId: `${prefix}:a2`,
        memberId: member.id,
        departmentId: member.departmentId,
        courseIds: [first],
        active: true,
        createdAt: at(3),
      });
    else
      data.targets.push({
        assignmentId: `${prefix}:a3`,
        memberId: member.id,
        departmentId: member.departmentId,
        courseIds: [third],
        active: false,
        createdAt: at(3),
      });
  }
  for (let i = 0; i < members.length; i += 1) {
    if (random() < 0.5) continue;
    const sharer = members[i] as Dataset['members'][number];
    const opens = Math.floor(random() * 6);
    const conversions = Math.floor(random() * (opens + 1));
    data.shares.push({
      token: `${prefix}t${String(i).padStart(3, '0')}`.slice(-12).padStart(12, 'x'),
      sharerId: sharer.id,
      departmentId: sharer.departmentId,
      courseId: pick(random, courses),
      createdAt: at(14),
      opens,
      conversions,
      convertedAt: Array.from({ length: conversions }, () => at(14)),
    });
  }
  const seen = new Set<string>();
  for (let i = 0; i < members.length * 6; i += 1) {
    const member = pick(random, members);
    const dayIndex = Math.floor(random() * 14);
    const dayValue = Date.parse('2026-03-02T00:00:00Z') + dayIndex * DAY;
    const day = new Date(dayValue).toISOString().slice(0, 10);
    const slot = pick(random, TIME_SLOTS);
    const key = `${member.id}:${day}:${slot}`;
    if (seen.has(key)) continue;
    seen.add(key);
    data.activity.push({
      memberId: member.id,
      departmentId: member.departmentId,
      day,
      week: dayIndex < 7 ? '2026-W10' : '2026-W11',
      weekday: (dayIndex % 7) + 1,
      slot,
      studyMs: Math.floor(random() * 600_000),
      sessions: Math.floor(random() * 3),
      updatedAt: new Date(dayValue),
    });
  }
  return data;
}

export function seedDataset(cloud: TestCloud, data: Dataset): void {
  const insert = (collection: string, docs: object[]) => cloud.database.insertDocuments(collection, docs as Record<string, unknown>[]);
  insert(
    'members',
    data.members.map((member) => memberDoc(member.id, { departmentId: member.departmentId, departmentPath: member.departmentId.slice(5).split('/') })),
  );
  insert(
    'courses',
    data.courses.map((id) => courseDoc(id, { title: `课程 ${id}` })),
  );
  // A record carries its player sessions: the count started (views) and the last report of each.
  const sessionsOf = (memberId: string, courseId: string) => data.sessions.filter((session) => session.memberId === memberId && session.courseId === courseId);
  insert(
    'learningRecords',
    data.records.map((record) => {
      const sessions = sessionsOf(record.memberId, record.courseId);
      return {
        _id: `${record.memberId}:${record.courseId}`,
        position: 0,
        furthest: 0,
        percent: 0,
        creditedUntil: null,
        completionEmitted: true,
        quizBestScore: null,
        quizPassEmitted: true,
        lastStudiedAt: record.updatedAt,
        version: 1,
        sessionCount: sessions.length,
        sessions: Object.fromEntries(sessions.map((session) => [session.id.split(':').pop(), { seq: 1, state: 'paused', at: session.at, clientTime: null }])),
        activity: {},
        ...record,
      };
    }),
  );
  insert(
    'courseRatings',
    data.ratings.map((rating) => ({
      _id: `${rating.courseId}:${rating.memberId}`,
      memberName: '',
      comment: '',
      hasComment: false,
      createdAt: rating.updatedAt,
      ...rating,
    })),
  );
  const assignments = new Map<string, { courseIds: string[]; active: boolean; createdAt: Date }>();
  for (const target of data.targets) assignments.set(target.assignmentId, target);
  insert(
    'assignments',
    [...assignments].map(([id, a]) => ({
      _id: id,
      kind: 'course',
      courseIds: a.courseIds,
      status: a.active ? 'active' : 'cancelled',
      updatedAt: a.createdAt,
      createdAt: a.createdAt,
    })),
  );
  insert(
    'assignmentTargets',
    data.targets.map((target) => ({
      _id: `${target.assignmentId}:${target.memberId}`,
      assignmentId: target.assignmentId,
      memberId: target.memberId,
      departmentId: target.departmentId,
      courseIds: target.courseIds,
      done: false,
      createdAt: target.createdAt,
    })),
  );
  insert(
    'shares',
    data.shares.map((share) => ({
      _id: share.token,
      sharerId: share.sharerId,
      sharerName: '',
      sharerDepartmentId: share.departmentId,
      targetKind: 'course',
      targetId: share.courseId,
      targetTitle: '',
      channel: 'chat',
      requestId: share.token,
      boardKind: null,
      boardId: null,
      createdAt: share.createdAt,
    })),
  );
  // Counters split over two shards, as parallel opens would leave them.
  insert(
    'shareCounters',
    data.shares.flatMap((share) =>
      [0, 1].map((shard) => ({
        _id: `${share.token}:${shard}`,
        token: share.token,
        shard,
        sharerId: share.sharerId,
        targetKind: 'course',
        targetId: share.courseId,
        boardKind: null,
        boardId: null,
        opens: shard === 0 ? Math.ceil(share.opens / 2) : Math.floor(share.opens / 2),
        outsiderOpens: 0,
        conversions: shard === 0 ? share.conversions : 0,
        updatedAt: share.createdAt,
      })),
    ),
  );
  insert(
    'shareAttributions',
    data.shares.flatMap((share) =>
      share.convertedAt.map((convertedAt, k) => ({
        _id: `${share.token}-opener${k}:course:${share.courseId}`,
        memberId: `${share.token}-opener${k}`,
        targetKind: 'course',
        targetId: share.courseId,
        token: share.token,
        sharerId: share.sharerId,
        openedAt: share.createdAt,
        convertedAt,
        updatedAt: convertedAt,
      })),
    ),
  );
  insert(
    'learningActivity',
    data.activity.map((doc) => ({ _id: `${doc.memberId}:${doc.day}:${doc.slot}`, ...doc })),
  );
}

/** The figures of every course among members of departments accepted by `inScope`, computed from the raw data. */
export function expectedSums(data: Dataset, inScope: (departmentId: string) => boolean): Map<string, ReportSums> {
  const departmentOf = new Map(data.members.map((member) => [member.id, member.departmentId]));
  const sums = new Map<string, ReportSums>();
  const of = (courseId: string) => {
    let value = sums.get(courseId);
    if (!value) sums.set(courseId, (value = { ...ZERO_REPORT_SUMS }));
    return value;
  };
  const member = (id: string) => inScope(departmentOf.get(id) as string);
  for (const record of data.records.filter((r) => member(r.memberId))) {
    const value = of(record.courseId);
    value.learners += 1;
    value.studyMs += record.studyMs;
    value.completions += record.completed ? 1 : 0;
    value.quizTakers += record.quizAttempts > 0 ? 1 : 0;
    value.quizPassers += record.quizPassed ? 1 : 0;
  }
  for (const session of data.sessions.filter((s) => member(s.memberId))) of(session.courseId).views += 1;
  for (const rating of data.ratings.filter((r) => member(r.memberId))) {
    of(rating.courseId).ratingCount += 1;
    of(rating.courseId).ratingSum += rating.rating;
  }
  for (const courseId of data.courses) {
    const pushed = new Set(data.targets.filter((t) => t.active && t.courseIds.includes(courseId) && inScope(t.departmentId)).map((t) => t.memberId));
    if (pushed.size > 0) of(courseId).audience += pushed.size;
    const shares = data.shares.filter((s) => s.courseId === courseId && inScope(s.departmentId));
    if (shares.length === 0) continue;
    const value = of(courseId);
    value.shares += shares.length;
    value.sharers += new Set(shares.map((s) => s.sharerId)).size;
    value.opens += shares.reduce((sum, s) => sum + s.opens, 0);
    value.conversions += shares.reduce((sum, s) => sum + s.conversions, 0);
  }
  return sums;
}
