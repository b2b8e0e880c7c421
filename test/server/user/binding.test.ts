/**
 * user.bind, user.redeemInvitation and user.me through the real `main`, the real wx-server-sdk and the
 * in-process local cloud: matching with the second factor (WeChat-verified phone or an admin's bind code),
 * one generic refusal, throttling with its exact limits, the attempt log, races decided by the database,
 * and invitation codes. The limits (5 failures per OPENID and per employee number per hour) and fixed
 * windows are this project's choice (server/user/throttle.ts); CloudBase documents no such feature. The
 * phone-number token is single-use and valid 5 minutes, errcode 40029 otherwise:
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, seedMember, testDb, grant } from '../../helpers/db';
import { bind, redeemInvitation } from '../../../server/user/actions';
import { codeOf, dataOf } from '../../helpers/envelope';
import { freezeClock, setClock } from '../../helpers/clock';
import { phoneCode, rosterMember, seedRoster } from '../../helpers/roster';
import { runConcurrently } from '../../helpers/concurrency';

const asAction = (action: unknown) => action as Parameters<typeof runConcurrently>[0];

const T0 = new Date('2026-03-02T01:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Races of 20 parallel bindings: generous on a machine busy with other suites (the default is 5 s).
jest.setTimeout(30_000);

const cloud = useTestCloud();

/** Roster phones: E1xxx members have 1390000xxxx. */
const phoneOf = (employeeNo: string) => `1390000${employeeNo.slice(1)}`;
const onRoster = (employeeNo: string, name: string, overrides: Parameters<typeof rosterMember>[2] = {}) =>
  rosterMember(employeeNo, name, { mobile: phoneOf(employeeNo), ...overrides });

beforeAll(async () => {
  freezeClock(T0);
  await seedRoster(
    // A roster phone as people type it: the comparison normalises +86, spaces and dashes.
    onRoster('E1001', '张三', {
      departmentId: 'dept:总部/人力资源部',
      departmentPath: ['总部', '人力资源部'],
      hireDate: '2026-02-01',
      mobile: '+86 139-0000-1001',
    }),
    onRoster('E1002', '李四'),
    onRoster('E1003', '王五', { active: false }),
    onRoster('E1004', '赵六'),
    onRoster('E1005', '孙七'),
    onRoster('E1006', '周八'),
    onRoster('E1007', '吴九'),
    onRoster('E1008', '郑十'),
    onRoster('E1009', '钱一'),
    onRoster('E2000', '抢手'),
    onRoster('E2001', '甲'),
    onRoster('E2002', '乙'),
    rosterMember('E4001', '无手机', { departmentId: 'dept:总部/市场部', departmentPath: ['总部', '市场部'] }),
    rosterMember('E4002', '无手机二', { departmentId: 'dept:总部/市场部', departmentPath: ['总部', '市场部'] }),
    rosterMember('E4003', '无手机三', { departmentId: 'dept:总部/市场部', departmentPath: ['总部', '市场部'] }),
    rosterMember('E4004', '抢码', { departmentId: 'dept:总部/市场部', departmentPath: ['总部', '市场部'] }),
    onRoster('E4005', '换号', { departmentId: 'dept:总部/市场部', departmentPath: ['总部', '市场部'] }),
    onRoster('E4006', '旧码', { departmentId: 'dept:总部/市场部', departmentPath: ['总部', '市场部'] }),
  );
  await seedMember('o-admin', 'm:ADMIN', { roles: [grant('admin')], departmentId: 'dept:总部', departmentPath: ['总部'] });
  await seedMember('o-market-admin', 'm:MKT-ADMIN', {
    roles: [grant('admin', 'dept:总部/市场部')],
    departmentId: 'dept:总部/市场部',
    departmentPath: ['总部', '市场部'],
  });
  await testDb()
    .collection('departments')
    .add({ data: { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null } });
  await testDb()
    .collection('departments')
    .add({ data: { _id: 'dept:总部/市场部', name: '市场部', path: ['总部', '市场部'], parentId: 'dept:总部' } });
});

afterAll(async () => {
  jest.useRealTimers();
});

async function member(id: string): Promise<Record<string, unknown> | undefined> {
  return cloud.database.getDocument('members', id);
}

/** Binds with the phone WeChat verified for `phone` (the roster's own one unless told). */
function bindByPhone(employeeNo: string, name: string, openid: string, phone = phoneOf(employeeNo)) {
  return callAction('user', 'bind', { employeeNo, name, phoneCode: phoneCode(cloud, phone) }, { openid });
}

async function issueCode(memberId: string, admin = { openid: 'o-admin' }): Promise<string> {
  return dataOf(await callAction('admin', 'issueBindCode', { memberId }, admin)).code;
}

describe('user.bind', () => {
  it('binds an active roster member by employee number, name and the roster phone WeChat verified, and me shows it', async () => {
    const answer = await callAction(
      'user',
      'bind',
      { employeeNo: ' E1001 ', name: '　张三 ', phoneCode: phoneCode(cloud, '13900001001') },
      { openid: 'o-zhang' },
    );
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
    expect(codeOf(await bindByPhone('E1002', '李四', 'o-zhang'))).toBe('ALREADY_BOUND');
    expect(codeOf(await bindByPhone('E1001', '张三', 'o-other'))).toBe('MEMBER_TAKEN');
    expect(await callAction('user', 'me', {}, { openid: 'o-other' })).toMatchObject({ ok: true, data: { bound: false } });
  });

  it('binding without the second factor is refused: employee number and name alone are not enough', async () => {
    const answer = await callAction('user', 'bind', { employeeNo: 'E1004', name: '赵六' } as never, { openid: 'o-no-factor' });
    expect(codeOf(answer)).toBe('INVALID_INPUT');
    expect(await member('m:E1004')).not.toHaveProperty('boundOpenid');
  });

  it('answers one generic BIND_MISMATCH whether the number, the name, the phone or the bind code is wrong', async () => {
    const refusals = [
      await bindByPhone('E1004', '赵七', 'o-mismatch-1'),
      await bindByPhone('E9999', '赵六', 'o-mismatch-2', phoneOf('E1004')),
      await bindByPhone('E1004', '赵六', 'o-mismatch-3', '13712345678'),
      await callAction('user', 'bind', { employeeNo: 'E1004', name: '赵六', bindCode: 'ABCD-EFGH-JKMN' }, { openid: 'o-mismatch-4' }),
      // The roster has no phone for E4001: a verified phone proves nothing for that member.
      await bindByPhone('E4001', '无手机', 'o-mismatch-5', '13700004001'),
    ];
    for (const answer of refusals) expect(answer).toMatchObject({ ok: false, code: 'BIND_MISMATCH' });
    expect(new Set(refusals.map((answer) => (answer.ok ? '' : answer.message))).size).toBe(1);
    expect(await countAll('bindings')).toBe(3);
  });

  it('a phone-number token works once: the same token again answers PHONE_CODE_INVALID, as does an unknown one', async () => {
    const code = phoneCode(cloud, phoneOf('E1008'));
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1008', name: '郑十', phoneCode: code }, { openid: 'o-zheng' }))).toBe('OK');
    expect(dataOf(await callAction('admin', 'unbindMember', { memberId: 'm:E1008' }, { openid: 'o-admin' }))).toMatchObject({ bound: false });
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1008', name: '郑十', phoneCode: code }, { openid: 'o-zheng-2' }))).toBe(
      'PHONE_CODE_INVALID',
    );
    // An invalid token says nothing about the roster: the same answer for a wrong number.
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E0000', name: '无人', phoneCode: 'forged' }, { openid: 'o-forger' }))).toBe(
      'PHONE_CODE_INVALID',
    );
  });

  it('a phone-number token expires after 5 minutes', async () => {
    setClock(new Date(T0.getTime() + 10 * MINUTE));
    const code = phoneCode(cloud, phoneOf('E1009'));
    setClock(new Date(T0.getTime() + 15 * MINUTE + 1));
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1009', name: '钱一', phoneCode: code }, { openid: 'o-qian' }))).toBe('PHONE_CODE_INVALID');
    expect(codeOf(await bindByPhone('E1009', '钱一', 'o-qian'))).toBe('OK');
  });

  it('refuses an inactive member', async () => {
    expect(codeOf(await bindByPhone('E1003', '王五', 'o-wang'))).toBe('MEMBER_INACTIVE');
  });

  it('rejects bad input before touching anything', async () => {
    const before = await countAll('bindAttempts');
    const logged = await countAll('bindLog');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: '', name: '张三', phoneCode: 'x' } as never, { openid: 'o-bad' }))).toBe('INVALID_INPUT');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1', name: '张', phoneCode: 'x', bindCode: 'y' } as never, { openid: 'o-bad' }))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1', name: '张', phoneCode: 'x', extra: 1 } as never, { openid: 'o-bad' }))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E1004', name: '赵六', bindCode: 'X' }, {}))).toBe('UNAUTHENTICATED');
    expect(await countAll('bindAttempts')).toBe(before);
    expect(await countAll('bindLog')).toBe(logged);
  });
});

describe('bind codes', () => {
  it('binds a member without a roster phone with the one-time code an admin issued, once', async () => {
    const code = await issueCode('m:E4001');
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}(-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}){2}$/);
    // Only a salted hash is stored.
    const stored = cloud.database.getDocument('bindCodes', 'm:E4001') as Record<string, unknown>;
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));
    expect(JSON.stringify(stored)).not.toContain(code);
    // Typed loosely: lower case, spaces instead of dashes.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect(dataOf(await callAction('user', 'bind', { employeeNo: 'E4001', name: '无手机', bindCode: typed }, { openid: 'o-nophone' }))).toMatchObject({
      memberId: 'm:E4001',
    });
    expect(dataOf(await callAction('admin', 'unbindMember', { memberId: 'm:E4001' }, { openid: 'o-admin' }))).toMatchObject({ bound: false });
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E4001', name: '无手机', bindCode: code }, { openid: 'o-nophone-2' }))).toBe('BIND_MISMATCH');
  });

  it('a code is tied to its member, replaced by a newer one, and expires after 72 hours', async () => {
    const forOther = await issueCode('m:E4003');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E4002', name: '无手机二', bindCode: forOther }, { openid: 'o-e4002' }))).toBe(
      'BIND_MISMATCH',
    );
    const first = await issueCode('m:E4002');
    const second = await issueCode('m:E4002');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E4002', name: '无手机二', bindCode: first }, { openid: 'o-e4002' }))).toBe('BIND_MISMATCH');
    setClock(new Date(Date.now() + 72 * HOUR + 1));
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E4002', name: '无手机二', bindCode: second }, { openid: 'o-e4002-late' }))).toBe(
      'BIND_MISMATCH',
    );
    const fresh = await issueCode('m:E4002');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E4002', name: '无手机二', bindCode: fresh }, { openid: 'o-e4002-late' }))).toBe('OK');
  });

  it('is a fallback where the roster phone changed: the code binds a member whose roster has a phone', async () => {
    const code = await issueCode('m:E4005');
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E4005', name: '换号', bindCode: code }, { openid: 'o-new-number' }))).toBe('OK');
  });

  it('binding by phone spends an open code too: after an unbind, the old code opens nothing', async () => {
    const code = await issueCode('m:E4006');
    expect(codeOf(await bindByPhone('E4006', '旧码', 'o-old-code'))).toBe('OK');
    expect(cloud.database.getDocument('bindCodes', 'm:E4006')).toMatchObject({ status: 'used' });
    expect(dataOf(await callAction('admin', 'unbindMember', { memberId: 'm:E4006' }, { openid: 'o-admin' }))).toMatchObject({ bound: false });
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E4006', name: '旧码', bindCode: code }, { openid: 'o-old-code-thief' }))).toBe(
      'BIND_MISMATCH',
    );
  });

  it('20 WeChat users racing one bind code: exactly one binds, the code is spent', async () => {
    const code = await issueCode('m:E4004');
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => runConcurrently(asAction(bind), { employeeNo: 'E4004', name: '抢码', bindCode: code }, `o-code-race-${i}`)),
    );
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'MEMBER_TAKEN' || c === 'BIND_MISMATCH' || c === 'RATE_LIMITED')).toBe(true);
    expect(cloud.database.getDocument('bindCodes', 'm:E4004')).toMatchObject({ status: 'used' });
    expect(await countAll('bindings')).toBeGreaterThan(0);
    const bound = (await testDb().collection('bindings').where({ memberId: 'm:E4004' }).get()) as unknown as { data: unknown[] };
    expect(bound.data).toHaveLength(1);
  });

  it('admins issue codes only within their scope, for active, unbound roster members', async () => {
    expect(await callAction('admin', 'issueBindCode', { memberId: 'm:E1002' }, { openid: 'o-market-admin' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(cloud.database.getDocument('bindCodes', 'm:E1002')).toBeUndefined();
    expect(codeOf(await callAction('admin', 'issueBindCode', { memberId: 'm:E4003' }, { openid: 'o-market-admin' }))).toBe('OK');
    expect(codeOf(await callAction('admin', 'issueBindCode', { memberId: 'm:E1003' }, { openid: 'o-admin' }))).toBe('MEMBER_INACTIVE');
    expect(await callAction('admin', 'issueBindCode', { memberId: 'm:E1001' }, { openid: 'o-admin' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(codeOf(await callAction('admin', 'issueBindCode', { memberId: 'm:none' }, { openid: 'o-admin' }))).toBe('NOT_FOUND');
    expect(codeOf(await callAction('admin', 'issueBindCode', { memberId: 'm:E1002' }, { openid: 'o-zhang' }))).toBe('FORBIDDEN');
  });
});

describe('throttling', () => {
  it('allows 5 failures per WeChat user in an hour, then refuses even the right factors, with the wait, until the window passes', async () => {
    setClock(new Date('2026-03-10T00:00:00Z'));
    const guesser = { openid: 'o-guesser' };
    for (let i = 1; i <= 5; i += 1) {
      expect(codeOf(await callAction('user', 'bind', { employeeNo: `X${i}`, name: '无名', bindCode: 'AAAA-BBBB-CCCC' }, guesser))).toBe('BIND_MISMATCH');
    }
    setClock(new Date('2026-03-10T00:20:00Z'));
    const limited = await bindByPhone('E1005', '孙七', guesser.openid);
    expect(limited).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '尝试次数过多，请 40 分钟后再试' });
    expect(codeOf(await callAction('user', 'redeemInvitation', { code: 'ABCDEFGH' }, guesser))).toBe('RATE_LIMITED');
    setClock(new Date('2026-03-10T01:00:00Z'));
    expect(dataOf(await bindByPhone('E1005', '孙七', guesser.openid))).toMatchObject({ memberId: 'm:E1005' });
  });

  it('a blocked caller spends no phone-number token: the same token still works once the wait is over', async () => {
    setClock(new Date('2026-03-11T00:00:00Z'));
    for (let i = 1; i <= 5; i += 1)
      await callAction('user', 'bind', { employeeNo: `Z${i}`, name: '无名', bindCode: 'AAAA-BBBB-CCCC' }, { openid: 'o-patient' });
    const code = phoneCode(cloud, phoneOf('E2002'));
    expect(codeOf(await callAction('user', 'bind', { employeeNo: 'E2002', name: '乙', phoneCode: code }, { openid: 'o-patient' }))).toBe('RATE_LIMITED');
    // The token was never exchanged: WeChat would still answer it.
    expect(cloud.openapi.phoneNumbers.getPhoneNumber({ code }, undefined)).toMatchObject({
      json: { errcode: 0, phone_info: { purePhoneNumber: phoneOf('E2002') } },
    });
    setClock(new Date('2026-03-11T01:00:00Z'));
    expect(codeOf(await bindByPhone('E2002', '乙', 'o-patient'))).toBe('OK');
  });

  it('allows 5 failures per employee number in an hour, from any WeChat users', async () => {
    setClock(new Date('2026-03-12T00:00:00Z'));
    for (let i = 1; i <= 5; i += 1) {
      expect(codeOf(await bindByPhone('E1006', `猜${i}`, `o-spray-${i}`))).toBe('BIND_MISMATCH');
    }
    expect(codeOf(await bindByPhone('E1006', '周八', 'o-zhou'))).toBe('RATE_LIMITED');
    // Another employee number is not affected.
    expect(dataOf(await bindByPhone('E1007', '吴九', 'o-wu'))).toMatchObject({ memberId: 'm:E1007' });
    setClock(new Date('2026-03-12T01:00:00Z'));
    expect(dataOf(await bindByPhone('E1006', '周八', 'o-zhou'))).toMatchObject({ memberId: 'm:E1006' });
  });

  it('counts parallel wrong guesses exactly: 30 at once, never more than 5 get an answer', async () => {
    setClock(new Date('2026-03-13T00:00:00Z'));
    const guesser = 'o-parallel-guesser';
    const codes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => runConcurrently(asAction(bind), { employeeNo: `Y${i}`, name: '无名', bindCode: 'AAAA-BBBB-CCCC' }, guesser)),
    );
    expect(codes.filter((code) => code === 'BIND_MISMATCH').length).toBe(5);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBe(25);
  });

  it('counts parallel guesses at one employee number from 30 WeChat users exactly', async () => {
    setClock(new Date('2026-03-14T00:00:00Z'));
    const codes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        runConcurrently(asAction(bind), { employeeNo: 'E2001', name: '甲', bindCode: `WRONG-${i}` }, `o-spray-parallel-${i}`),
      ),
    );
    expect(codes.filter((code) => code === 'BIND_MISMATCH').length).toBe(5);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBe(25);
  });
});

describe('attempt log', () => {
  it('logs every attempt with its outcome and reason; admins read it within their scope, never seeing an OPENID', async () => {
    const all = dataOf(await callAction('admin', 'listBindAttempts', { pageSize: 50, employeeNo: 'E1004' }, { openid: 'o-admin' }));
    expect(all.items.map((item) => item.reason).sort()).toEqual(['bind_code_invalid', 'name_mismatch', 'phone_mismatch'].sort());
    expect(all.items.every((item) => item.outcome === 'refused' && item.memberId === 'm:E1004')).toBe(true);
    const bound = dataOf(await callAction('admin', 'listBindAttempts', { outcome: 'bound', pageSize: 50 }, { openid: 'o-admin' }));
    expect(bound.items.find((item) => item.employeeNo === 'E1001')).toMatchObject({ factor: 'phone', reason: 'bound' });
    expect(bound.items.find((item) => item.employeeNo === 'E4001')).toMatchObject({ factor: 'bind_code', reason: 'bound' });
    const limited = dataOf(await callAction('admin', 'listBindAttempts', { outcome: 'rate_limited', pageSize: 50 }, { openid: 'o-admin' }));
    expect(limited.total).toBeGreaterThanOrEqual(50);
    const unknown = dataOf(await callAction('admin', 'listBindAttempts', { employeeNo: 'E9999' }, { openid: 'o-admin' }));
    expect(unknown.items).toHaveLength(1);
    expect(unknown.items[0]).toMatchObject({ reason: 'no_member', memberId: null });
    // The same WeChat user always shows as the same pseudonym, and no OPENID leaves the function.
    const guesses = dataOf(await callAction('admin', 'listBindAttempts', { employeeNo: 'X1' }, { openid: 'o-admin' }));
    expect(guesses.items[0]?.wechatUser).toMatch(/^微信用户 [0-9a-f]{8}$/);
    expect(JSON.stringify([all, bound, limited, unknown, guesses])).not.toMatch(/o-(guesser|zhang|mismatch|nophone|spray)/);
    // A department admin sees attempts on their members only.
    const scoped = dataOf(await callAction('admin', 'listBindAttempts', { pageSize: 50 }, { openid: 'o-market-admin' }));
    expect(scoped.total).toBeGreaterThan(0);
    expect(scoped.items.every((item) => item.memberId !== null && /^m:E400/.test(item.memberId))).toBe(true);
    expect(codeOf(await callAction('admin', 'listBindAttempts', {}, { openid: 'o-zhang' }))).toBe('FORBIDDEN');
  });
});

describe('races', () => {
  it('20 WeChat users binding one member at once: exactly one wins, and the member names that one', async () => {
    setClock(new Date('2026-03-20T00:00:00Z'));
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runConcurrently(asAction(bind), { employeeNo: 'E2000', name: '抢手', phoneCode: phoneCode(cloud, phoneOf('E2000')) }, `o-race-${i}`),
      ),
    );
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
      runConcurrently(asAction(bind), { employeeNo: 'E1002', name: '李四', phoneCode: phoneCode(cloud, phoneOf('E1002')) }, racer.openid),
      runConcurrently(asAction(bind), { employeeNo: 'E4003', name: '无手机三', bindCode: await issueCode('m:E4003') }, racer.openid),
    ]);
    expect(codes.sort()).toEqual(['ALREADY_BOUND', 'OK']);
    const bound = await Promise.all(
      ['m:E1002', 'm:E4003'].map(
        async (id) => ((await testDb().collection('members').doc(id).get()) as unknown as { data: { boundOpenid?: string } }).data.boundOpenid,
      ),
    );
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
    const codes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => runConcurrently(asAction(redeemInvitation), { code: code.toLowerCase() }, `o-partner-${i}`)),
    );
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
