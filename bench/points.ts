/**
 * Points and the mall: database operations per award and per redemption (counted by the local cloud), and
 * redemptions per second with 200 members redeeming concurrently (plenty of stock, and a crowd on stock 10).
 * Runs the domain code in this process against its own local cloud, as the race tests do.
 */
import { cpuMicros, type Recorder, runAlone, withBenchCloud } from './harness';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { AppError } from '../server/core';
import { getCloud } from '../server/core/cloud';
import { createItem } from '../server/points/mall/items';
import { redeem } from '../server/points/mall/orders';
import { awardPointsForEvent } from '../server/points/events';
import type { MemberDoc } from '../typings/domain';

const MEMBERS = 200;
const PER_MEMBER = 5;
/**
 * Calls in flight at once, as the contest voting bench: one process's SDK keeps at most 100 sockets to the
 * database (@cloudbase/node-sdk utils/request-core.js, maxSockets), and past about that, calls queue behind
 * them until the SDK's 15 s timeout (each CloudBase instance has its own SDK).
 */
const IN_FLIGHT = 50;

function member(i: number): MemberDoc {
  return {
    _id: `m:bench-points-${i}`,
    employeeNo: `BP${i}`,
    name: `员工${i}`,
    departmentId: 'dept:总部/销售部',
    departmentPath: ['总部', '销售部'],
    jobLevel: 'individual',
    hireDate: '2020-01-01',
    active: true,
    roles: [],
  };
}

const ITEM = {
  pictures: [],
  description: '',
  limitTotal: null,
  limitPerMonth: null,
  availableFrom: null,
  availableUntil: null,
  audiences: [],
  status: 'on_sale' as const,
  kind: 'physical' as const,
};

/** The answers by code, for example `OK 606, CONFLICT 394`. */
const answers = (codes: Map<string, number>): string => [...codes].map(([code, n]) => `${code} ${n}`).join(', ');

export function run(record: Recorder): Promise<void> {
  return withBenchCloud('points', async (cloud) => {
    const db = getCloud().database();
    const members = Array.from({ length: MEMBERS }, (_, i) => member(i));
    cloud.database.insertDocuments('members', members as unknown as Record<string, unknown>[]);
    const now = new Date();

    // Awards: one each, then the same again (the idempotent repeat). Callers that hold the member pass it
    // (a member's very first award reads it otherwise, once). A course completion (10 points) stays below the
    // first learner level (50): an award that carries a member onto a level adds its notice's insert, once.
    const completion = (m: MemberDoc, withMember: boolean) =>
      awardPointsForEvent(db, {
        type: 'course_completed',
        memberId: m._id,
        sourceId: 'course:bench-award',
        occurredAt: now,
        ...(withMember ? { member: m } : {}),
      });
    cloud.actions.reset();
    for (const m of members) await completion(m, true);
    record(
      'points: database operations per award',
      (cloud.actions.databaseOperations() / MEMBERS).toFixed(1),
      'first payment, sequential, a course completion below the first level (one that reaches a level adds its notice: 5) (before: 10.0)',
    );
    cloud.actions.reset();
    for (const m of members) await completion(m, false);
    record(
      'points: database operations per repeated award',
      (cloud.actions.databaseOperations() / MEMBERS).toFixed(1),
      'same source, pays nothing (before: 5.0)',
    );
    for (const m of members) {
      for (let k = 0; k < 4; k += 1)
        await awardPointsForEvent(db, { type: 'competition_award', memberId: m._id, sourceId: `bench-award-${k}`, occurredAt: now });
    }

    // Uncontended redemptions: one member at a time, each call counted on its own. The figure is the median
    // call (the item kept per instance, as the vote keeps its round); the mean adds the reads of the item and
    // its picture's media gate each time the kept copy lapses (ITEM_TTL_MS).
    const mug = await createItem(
      db,
      { ...ITEM, pictures: ['cloud://local.bucket/mall/mug.png'], name: '马克杯', price: 10, stock: 100_000, requestId: 'bench-points-mug' },
      'm:bench-admin',
      now,
    );
    const counts: number[] = [];
    for (const m of members.slice(0, 100)) {
      cloud.actions.reset();
      await redeem(db, m, [], mug._id, 'bench-solo', now);
      counts.push(cloud.actions.databaseOperations());
    }
    const sorted = [...counts].sort((a, b) => a - b);
    record(
      'points: database operations per redemption',
      (sorted[Math.floor(sorted.length / 2)] as number).toFixed(1),
      `median call, uncontended, physical item, caller check not included (9 with it until the kept item, 8 with it now; the first call on an instance reads the item and its picture's media gate: 2 more, mean ${(counts.reduce((sum, n) => sum + n, 0) / counts.length).toFixed(2)}) (before: 16.0)`,
    );

    // 200 members, each redeeming 5 times back to back, IN_FLIGHT members at a time.
    const outcomes = async (itemFor: (m: number) => string, tag: string) => {
      const codes = new Map<string, number>();
      cloud.actions.reset();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let index = next++; index < MEMBERS; index = next++) {
            const m = members[index] as MemberDoc;
            for (let k = 0; k < PER_MEMBER; k += 1) {
              let code = 'OK';
              try {
                await redeem(db, m, [], itemFor(index), `${tag}-${k}`, now);
              } catch (err) {
                if (!(err instanceof AppError)) throw err;
                code = err.code;
              }
              codes.set(code, (codes.get(code) ?? 0) + 1);
            }
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      return { seconds, codes, operations: cloud.actions.databaseOperations(), cpuMs: cpuMicros(process.cpuUsage(cpuBefore)) / 1000 };
    };
    // A catalogue of 20 items with plenty of stock, 10 members per item: every item is a small hot spot.
    const catalogue: { _id: string }[] = [];
    for (let i = 0; i < 20; i += 1)
      catalogue.push(await createItem(db, { ...ITEM, name: `礼品${i}`, price: 10, stock: 100_000, requestId: `bench-points-item-${i}` }, 'm:bench-admin', now));
    const crowd = await outcomes((m) => (catalogue[m % catalogue.length] as { _id: string })._id, 'bench-crowd');
    const sold = crowd.codes.get('OK') ?? 0;
    const cpuPerCall = crowd.cpuMs / (MEMBERS * PER_MEMBER);
    record(
      'points: CPU per redemption, 200 concurrent members on 20 items',
      `${cpuPerCall.toFixed(2)} ms`,
      `everything in the one process (mall code, wx-server-sdk, local cloud): ${(1000 / cpuPerCall).toFixed(0)} redemptions per second of one free core; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
    );
    record(
      'points: redemptions per second, 200 concurrent members on 20 items',
      (sold / crowd.seconds).toFixed(0),
      `${sold} of ${MEMBERS * PER_MEMBER} in ${crowd.seconds.toFixed(1)} s (${answers(crowd.codes)}), ${IN_FLIGHT} calls in flight, ${(crowd.operations / (MEMBERS * PER_MEMBER)).toFixed(1)} operations per request (before: 21/s with CONFLICT 364, 200 in flight, 24.6 operations)`,
    );

    const scarce = await createItem(db, { ...ITEM, name: '限量礼品', price: 10, stock: 10, requestId: 'bench-points-scarce' }, 'm:bench-admin', now);
    const rush = await outcomes(() => scarce._id, 'bench-rush');
    record(
      'points: 1,000 redemptions of stock 10 by 200 members',
      `${rush.seconds.toFixed(1)} s`,
      `${answers(rush.codes)}, ${(rush.operations / (MEMBERS * PER_MEMBER)).toFixed(1)} operations per request`,
    );
  });
}

runAlone(module, run);
