/**
 * Points for attending a classroom session (线下课签到): paid through the ledger under the admin's earning
 * rule, once per session and member however often the member scans, within the rule's daily cap (a second
 * session the same day pays what is left), and nothing when the admin sets the rule to 0. Payment comes
 * before the attendance's write, so a call dying between them is completed by the next scan.
 */
import type { ClassroomSessionDoc, ClassroomSignupDoc } from '../../../typings/domain';
import type { EarningRules } from '../../../typings/functions/points';
import { attendanceToken } from '../../../server/classroom/attendance';
import type { LedgerEntryDoc } from '../../../typings/docs/points';
import { DEFAULT_RULES } from '../../../server/points/rules';
import { awardPointsForEvent } from '../../../server/points';
import { sessionDoc, signupDoc } from '../../helpers/classroom';
import { freezeClock } from '../../helpers/clock';
import { grant, insertAll, readDoc, readWhere, seedMember, testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { as, seedMembers } from '../../helpers/identities';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';

jest.setTimeout(120_000);

useTestCloud();

const ADMIN = { openid: 'o-att-admin' };

function rules(points: number, cap: number | null): EarningRules {
  return {
    ...DEFAULT_RULES,
    points: { ...DEFAULT_RULES.points, session_attended: points },
    dailyCaps: { ...DEFAULT_RULES.dailyCaps, session_attended: cap },
  };
}

async function signedUpSession(id: string, memberIds: readonly string[]): Promise<ClassroomSessionDoc> {
  const session = sessionDoc({ _id: id, startsInHours: 0.25, signedUp: memberIds.length });
  await insertAll('classroomSessions', [session]);
  await insertAll(
    'classroomSignups',
    memberIds.map((memberId) => signupDoc(id, memberId)),
  );
  return session;
}

const scan = async (session: ClassroomSessionDoc, memberId: string) =>
  dataOf(await callAction('classroom', 'attend', { token: attendanceToken(session, new Date()) }, as(memberId)));

beforeAll(async () => {
  freezeClock(new Date('2026-06-10T05:50:00Z'));
  await seedMember(ADMIN.openid, 'm:att-admin', { roles: [grant('admin')] });
  await seedMembers(['att-1', 'att-2', 'att-3']);
});

it('pays the admin’s rule once per session, capped per day, and nothing when the rule pays none', async () => {
  expect(codeOf(await callAction('points', 'setRules', rules(15, 25), ADMIN))).toBe('OK');
  const morning = await signedUpSession('attpoints0a1', ['att-1', 'att-2']);
  const afternoon = await signedUpSession('attpoints0b1', ['att-1']);
  expect(await scan(morning, 'att-1')).toMatchObject({ firstTime: true, points: 15 });
  expect(await scan(morning, 'att-1')).toMatchObject({ firstTime: false, points: 0 });
  // The second session the same day pays what the daily cap leaves (25 - 15).
  expect(await scan(afternoon, 'att-1')).toMatchObject({ firstTime: true, points: 10 });
  const paid = await readWhere<LedgerEntryDoc>('pointsLedger', { memberId: 'att-1', reason: 'session_attended' });
  expect(paid.map((entry) => [entry.source, entry.amount]).sort()).toEqual([
    ['attpoints0a1', 15],
    ['attpoints0b1', 10],
  ]);
  // The rule set to 0: attending still counts, no points.
  expect(codeOf(await callAction('points', 'setRules', rules(0, null), ADMIN))).toBe('OK');
  expect(await scan(morning, 'att-2')).toMatchObject({ firstTime: true, points: 0 });
  expect(await readWhere('pointsLedger', { memberId: 'att-2' })).toEqual([]);
});

it('records the attendance of a scan whose call died after paying, without paying twice', async () => {
  expect(codeOf(await callAction('points', 'setRules', rules(12, null), ADMIN))).toBe('OK');
  const session = await signedUpSession('attpoints0c1', ['att-3']);
  // What a call that died between the payment and the attendance's write left behind.
  await awardPointsForEvent(testDb(), { type: 'session_attended', memberId: 'att-3', sourceId: session._id, occurredAt: new Date() });
  expect(await scan(session, 'att-3')).toMatchObject({ firstTime: true, points: 0 });
  expect((await readDoc<ClassroomSignupDoc>('classroomSignups', `${session._id}:att-3`))?.attendedAt).not.toBeNull();
  expect((await readWhere<LedgerEntryDoc>('pointsLedger', { memberId: 'att-3' })).map((entry) => entry.amount)).toEqual([12]);
});
