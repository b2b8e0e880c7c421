/**
 * The classroom race bars through real concurrent calls (actions run directly, so they overlap as on many
 * CloudBase instances): 300 members scanning the code at once give 300 attendances, no duplicate and no
 * CONFLICT, and 300 attendance payments through the ledger (线下课签到), none twice; everyone scanning four
 * times more still attends once and is paid once; 60 members signing up at once for
 * 25 seats take exactly 25 and the counter equals the sign-ups.
 */
import type { ClassroomSessionDoc, ClassroomSignupDoc } from '../../../typings/domain';
import type { LedgerEntryDoc, PointsAccountDoc } from '../../../typings/docs/points';
import { DEFAULT_RULES } from '../../../server/points/rules';
import { classroomFunction } from '../../../server/classroom/actions';
import { attendanceToken } from '../../../server/classroom/attendance';
import { useTestCloud } from '../../helpers/local-cloud';
import { insertAll, readDoc, readWhere } from '../../helpers/db';
import { openidOf, seedMembers } from '../../helpers/identities';
import { actionOf, runConcurrently } from '../../helpers/concurrency';
import { sessionDoc, signupDoc } from '../../helpers/classroom';
import { freezeClock } from '../../helpers/clock';

jest.setTimeout(300_000);

useTestCloud();

// A frozen clock keeps the code of the moment valid however long 1500 calls take on a busy machine.
beforeAll(() => freezeClock(new Date('2026-06-10T05:50:00Z')));

function tally(codes: readonly string[]): Record<string, number> {
  return codes.reduce<Record<string, number>>((acc, code) => {
    acc[code] = (acc[code] ?? 0) + 1;
    return acc;
  }, {});
}

it('records 300 attendances, none twice and none refused, when 300 members scan at once, then four times more', async () => {
  const session = sessionDoc({ _id: 'race0attend0', startsInHours: 0.25, capacity: 300, signedUp: 300 });
  const ids = Array.from({ length: 300 }, (_, i) => `cls-race-${i}`);
  await seedMembers(ids);
  const now = new Date();
  await insertAll('classroomSessions', [session]);
  await insertAll(
    'classroomSignups',
    ids.map((memberId) => signupDoc(session._id, memberId, now)),
  );
  const attend = actionOf(classroomFunction, 'attend');
  const token = attendanceToken(session, new Date());
  const first = await Promise.all(ids.map((id) => runConcurrently(attend, { token }, openidOf(id))));
  // Distinct members share no document on the way: every one is answered OK, none CONFLICT.
  expect(tally(first)).toEqual({ OK: 300 });
  // Everyone scans again, four more waves of 300 at once: each answered OK (already attended), nothing added.
  const again: string[] = [];
  for (let wave = 0; wave < 4; wave += 1) again.push(...(await Promise.all(ids.map((id) => runConcurrently(attend, { token }, openidOf(id))))));
  expect(tally(again)).toEqual({ OK: 1200 });
  const signups = await readWhere<ClassroomSignupDoc>('classroomSignups', { sessionId: session._id });
  expect(signups).toHaveLength(300);
  expect(signups.filter((signup) => signup.attendedAt !== null)).toHaveLength(300);
  expect(new Set(signups.map((signup) => signup.memberId)).size).toBe(300);
  // 300 payments under the rule, one per member and session (the entry id is the claim), none twice.
  const paid = await readWhere<LedgerEntryDoc>('pointsLedger', { reason: 'session_attended' });
  expect(paid).toHaveLength(300);
  expect(new Set(paid.map((entry) => entry.memberId)).size).toBe(300);
  expect(paid.every((entry) => entry.source === session._id && entry.amount === DEFAULT_RULES.points.session_attended)).toBe(true);
  const balances = new Map((await readWhere<PointsAccountDoc>('pointsAccounts')).map((account) => [account._id, account.balance]));
  expect(ids.map((id) => balances.get(id))).toEqual(ids.map(() => DEFAULT_RULES.points.session_attended));
});

it('gives exactly 25 seats to 60 members signing up at once, and the counter equals the sign-ups', async () => {
  const session = sessionDoc({ _id: 'race0signup0', capacity: 25 });
  await insertAll('classroomSessions', [session]);
  const ids = Array.from({ length: 60 }, (_, i) => `cls-seat-${i}`);
  await seedMembers(ids);
  const signUp = actionOf(classroomFunction, 'signUp');
  const codes = await Promise.all(ids.map((id) => runConcurrently(signUp, { sessionId: session._id }, openidOf(id))));
  expect(tally(codes)).toEqual({ OK: 25, SESSION_FULL: 35 });
  const signed = await readWhere<ClassroomSignupDoc>('classroomSignups', { sessionId: session._id, status: 'signed_up' });
  expect(signed).toHaveLength(25);
  expect((await readDoc<ClassroomSessionDoc>('classroomSessions', session._id))?.signedUp).toBe(25);
  expect((await readDoc<ClassroomSessionDoc>('classroomSessions', session._id))?.lease ?? null).toBeNull();
});
