/**
 * user.bind, user.redeemInvitation and user.me through the real `main`, the real wx-server-sdk and the
 * in-process local cloud: matching, throttling with its exact limits, races decided by the database, and
 * invitation codes. The limits (5 per OPENID per 15 minutes, 10 per employee number per hour) and fixed
 * windows are this project's choice (server/user/throttle.ts); CloudBase documents no such feature.
 */
import { callAction } from '../../helpers/invoke';
import { startTestCloud, TestCloud } from '../../helpers/local-cloud';
import { countAll, seedMember, testDb, grant } from '../fixtures';
import { bind, redeemInvitation } from '../../../server/user';
import { codeOf, dataOf, freezeClock, rosterMember, runConcurrently, seedRoster, setClock } from './helpers';

const asAction = (action: unknown) => action as Parameters<typeof runConcurrently>[0];

const T0 = new Date('2026-03-02T01:00:00Z');
const MINUTE = 60_000;

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
  freezeClock(T0);
  await seedRoster(
    rosterMember('E1001', '张三', { departmentId: 'dept:总部/人力资源部', departmentPath: ['总部', '人力资源部'], hireDate: '2026-02-01' }),
    rosterMember('E1002', '李四'),
    rosterMember('E1003', '王五', { active: false }),
    rosterMember('E1004', '赵六'),
    rosterMember('E1005', '孙七'),
    rosterMember('E1006', '周八'),
    rosterMember('E1007', '吴九'),
    rosterMember('E1008', '郑十'),
    rosterMember('E1009', '钱一'),
    rosterMember('E2000', '抢手'),
    rosterMember('E2001', '甲'),
    rosterMember('E2002', '乙'),
  );
  await seedMember('o-admin', 'm:ADMIN', { roles: [grant('admin')], departmentId: 'dept:总部', departmentPath: ['总部'] });
  await testDb().collection('departments').add({ data: { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null } });
  await testDb().collection('departments').add({ data: { _id: 'dept:总部/市场部', name: '市场部', path: ['总部', '市场部'], parentId: 'dept:总部' } });
});

afterAll(async () => {
  jest.useRealTimers();
  await cloud.dispose();
});

async function member(id: string): Promise<Record<string, unknown> | undefined> {
  return cloud.database.getDocument('members', id);
}

describe('user.bind', () => {
  it('binds an active roster member by employee number and name, and me shows it with audiences', async () => {
    const answer = await callAction('user', 'bind', { employeeNo: ' E1001 ', name: '　张三 ' }, { openid: 'o-zhang' });
    expect(dataOf(answer)).toEqual({
      bound: true,
      memberId: 'm:E1001',
      employeeNo: 'E1001',
      name: '张三',
      departmentId: 'dept:总部/人力资源部',
      departmentPath: ['总部', '人力资源部'],
      jobLevel: 'individual',
      active: true,
      external: false,
      roles: [],
      // Hired 2026-02-01, 29 Beijing days before T0: inside the 90-day new-hire window.
      audiences: ['new_hire', 'individual'],
    });
    expect(await callAction('user', 'me', {}, { openid: 'o-zhang' })).toMatchObject({ ok: true, data: { bound: true, memberId: 'm:E1001' } });
    const { data } = (await testDb().collection('members').doc('m:E1001').get()) as unknown as { data: { boundOpenid?: string } };
    expect(data.boundOpenid).toBe('o-zhang');
    const binding = (await testDb().collection('bindings').doc('o-zhang').get()) as unknown as { data: { memberId: string } };
    expect(binding.data.memberId).toBe('m:E1001');
  });

  it('refuses a second binding for the same WeChat user and the same member for another one', async () => {
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1002', name: '李四' }, { openid: 'o-zhang' }))).toBe('ALREADY_BOUND');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1001', name: '张三' }, { openid: 'o-other' }))).toBe('MEMBER_TAKEN');
    expect(await callAction('user', 'me', {}, { openid: 'o-other' })).toMatchObject({ ok: true, data: { bound: false } });
  });

  it('answers the same BIND_MISMATCH whether the number or the name is wrong', async () => {
    const wrongName = await callAction('user', 'bind', { employeeNo: 'E1004', name: '赵七' }, { openid: 'o-mismatch' });
    const wrongNo = await callAction('user', 'bind', { employeeNo: 'E9999', name: '赵六' }, { openid: 'o-mismatch' });
    expect(wrongName).toMatchObject({ ok: false, code: 'BIND_MISMATCH' });
    expect(wrongNo).toMatchObject({ ok: false, code: 'BIND_MISMATCH' });
    expect(wrongName.ok === false && wrongNo.ok === false && wrongName.message === wrongNo.message).toBe(true);
    expect(await countAll('bindings')).toBe(2);
  });

  it('refuses an inactive member', async () => {
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1003', name: '王五' }, { openid: 'o-wang' }))).toBe('MEMBER_INACTIVE');
  });

  it('rejects bad input before touching anything', async () => {
    const before = await countAll('bindAttempts');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: '', name: '张三' } as never, { openid: 'o-bad' }))).toBe('INVALID_INPUT');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1', name: '张', extra: 1 } as never, { openid: 'o-bad' }))).toBe('INVALID_INPUT');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1004', name: '赵六' }, {}))).toBe('UNAUTHENTICATED');
    expect(await countAll('bindAttempts')).toBe(before);
  });
});

describe('throttling', () => {
  it('allows 5 failures per WeChat user in 15 minutes, then refuses even the right pair until the window passes', async () => {
    setClock(new Date(T0.getTime() + 60 * MINUTE));
    const guesser = { openid: 'o-guesser' };
    for (let i = 1; i <= 5; i += 1) {
      expect(codeOf(await callAction('user', 'bind', { employeeNo: `X${i}`, name: '无名' }, guesser))).toBe('BIND_MISMATCH');
    }
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1005', name: '孙七' }, guesser))).toBe('RATE_LIMITED');
    expect(codeOf(await callAction('user', 'redeemInvitation', { code: 'ABCDEFGH' }, guesser))).toBe('RATE_LIMITED');
    setClock(new Date(T0.getTime() + 75 * MINUTE));
    expect(dataOf(await callAction('user', 'bind', { employeeNo: 'E1005', name: '孙七' }, guesser))).toMatchObject({ memberId: 'm:E1005' });
  });

  it('allows 10 failures per employee number in an hour, from any WeChat users', async () => {
    setClock(new Date(T0.getTime() + 120 * MINUTE));
    for (let i = 1; i <= 10; i += 1) {
      expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1006', name: `猜${i}` }, { openid: `o-spray-${i}` }))).toBe('BIND_MISMATCH');
    }
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1006', name: '周八' }, { openid: 'o-zhou' }))).toBe('RATE_LIMITED');
    // Another employee number is not affected.
    expect(dataOf(await callAction('user', 'bind', { employeeNo: 'E1007', name: '吴九' }, { openid: 'o-wu' }))).toMatchObject({ memberId: 'm:E1007' });
    setClock(new Date(T0.getTime() + 180 * MINUTE));
    expect(dataOf(await callAction('user', 'bind', { employeeNo: 'E1006', name: '周八' }, { openid: 'o-zhou' }))).toMatchObject({ memberId: 'm:E1006' });
  });

  it('counts parallel wrong guesses exactly: never more than 5 get an answer', async () => {
    setClock(new Date(T0.getTime() + 240 * MINUTE));
    const guesser = { openid: 'o-parallel-guesser' };
    const codes = await Promise.all(Array.from({ length: 8 }, (_, i) => runConcurrently(asAction(bind), { employeeNo: `Y${i}`, name: '无名' }, guesser.openid)));
    expect(codes.filter((code) => code === 'BIND_MISMATCH').length).toBe(5);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBe(3);
  });
});

describe('races', () => {
  it('20 WeChat users binding one member at once: exactly one wins, and the member names that one', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => runConcurrently(asAction(bind), { employeeNo: 'E2000', name: '抢手' }, `o-race-${i}`)));
    const winners = codes.flatMap((code, i) => (code === 'OK' ? [`o-race-${i}`] : []));
    expect(winners).toHaveLength(1);
    expect(codes.filter((code) => code !== 'OK').every((code) => code === 'MEMBER_TAKEN')).toBe(true);
    const { data } = (await testDb().collection('members').doc('m:E2000').get()) as unknown as { data: { boundOpenid: string } };
    expect(data.boundOpenid).toBe(winners[0]);
    const bindings = (await testDb().collection('bindings').where({ memberId: 'm:E2000' }).get()) as unknown as { data: { _id: string }[] };
    expect(bindings.data.map((binding) => binding._id)).toEqual(winners);
  });

  it('one WeChat user binding two members at once gets exactly one', async () => {
    const racer = { openid: 'o-two-members' };
    const codes = await Promise.all([
      runConcurrently(asAction(bind), { employeeNo: 'E2001', name: '甲' }, racer.openid),
      runConcurrently(asAction(bind), { employeeNo: 'E2002', name: '乙' }, racer.openid),
    ]);
    expect(codes.sort()).toEqual(['ALREADY_BOUND', 'OK']);
    const bound = await Promise.all(['m:E2001', 'm:E2002'].map(async (id) => ((await testDb().collection('members').doc(id).get()) as unknown as { data: { boundOpenid?: string } }).data.boundOpenid));
    expect(bound.filter((openid) => openid === racer.openid)).toHaveLength(1);
  });
});

describe('invitations', () => {
  const admin = { openid: 'o-admin' };

  async function createCode(validDays = 7): Promise<string> {
    const answer = await callAction('admin', 'createInvitation', { name: '合作伙伴', note: '外包讲师', departmentId: 'dept:总部/市场部', validDays }, admin);
    return dataOf(answer).code;
  }

  it('creates unambiguous random codes', async () => {
    const codes = await Promise.all([createCode(), createCode(), createCode()]);
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8,}$/);
    expect(new Set(codes).size).toBe(3);
  });

  it('redeems a code once under 10 parallel redeems, creating one external partner', async () => {
    setClock(new Date(T0.getTime() + 300 * MINUTE));
    const code = await createCode();
    const codes = await Promise.all(Array.from({ length: 10 }, (_, i) => runConcurrently(asAction(redeemInvitation), { code: code.toLowerCase() }, `o-partner-${i}`)));
    const winner = codes.findIndex((c) => c === 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'INVITATION_INVALID')).toBe(true);
    expect(dataOf(await callAction('user', 'me', {}, { openid: `o-partner-${winner}` }))).toMatchObject({
      bound: true,
      memberId: `m:ext-${code}`,
      employeeNo: null,
      name: '合作伙伴',
      departmentId: 'dept:总部/市场部',
      jobLevel: 'individual',
      external: true,
      audiences: ['external_partner'],
    });
    const listed = dataOf(await callAction('admin', 'listInvitations', { status: 'used' }, admin));
    expect(listed.items.find((item) => item.code === code)).toMatchObject({ status: 'used', usedByMemberId: `m:ext-${code}` });
  });

  it('refuses expired and revoked codes', async () => {
    setClock(new Date(T0.getTime() + 400 * MINUTE));
    const expiring = await createCode(1);
    const revoked = await createCode();
    expect(dataOf(await callAction('admin', 'revokeInvitation', { code: revoked }, admin))).toMatchObject({ status: 'revoked' });
    setClock(new Date(T0.getTime() + 400 * MINUTE + 86_400_000));
    expect(codeOf(await callAction('user', 'redeemInvitation', { code: expiring }, { openid: 'o-late' }))).toBe('INVITATION_INVALID');
    expect(codeOf(await callAction('user', 'redeemInvitation', { code: revoked }, { openid: 'o-late' }))).toBe('INVITATION_INVALID');
    const expired = dataOf(await callAction('admin', 'listInvitations', { status: 'expired' }, admin));
    expect(expired.items.map((item) => item.code)).toContain(expiring);
    expect(await member(`m:ext-${expiring}`)).toBeUndefined();
  });
});
