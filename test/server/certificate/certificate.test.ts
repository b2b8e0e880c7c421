/**
 * Certificates: one per achievement and member however often or concurrently it is issued, with an
 * unguessable verification code and one 获得证书 notification; my certificates list only mine; anyone with
 * the code (a member, an outsider) sees name, achievement and date; an unknown code gets a clear message.
 */
import type { CertificateDoc, NotificationDoc } from '../../../typings/domain';
import { certificateId, issueCertificate, CODE_LENGTH } from '../../../server/core/certificates';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { readWhere, testDb } from '../../helpers/db';
import { as, seedMembers } from '../../helpers/identities';
import { codeOf, dataOf } from '../../helpers/envelope';

jest.setTimeout(60_000);

const cloud = useTestCloud();

const draft = (memberId: string, source: string, achievement = '安全生产必修课') => ({
  kind: 'assignment' as const,
  source,
  number: `ZS-${source}`,
  memberId,
  memberName: '王芳',
  departmentPath: ['总部', '信息技术部'],
  achievement,
  detail: '按时完成必修课',
});

let codeOfAnna = '';

beforeAll(async () => {
  const [anna, bob] = await seedMembers(['c-anna', 'c-bob']);
  const issued = await Promise.all(Array.from({ length: 8 }, () => issueCertificate(testDb(), draft(anna!._id, 'as-1'), new Date('2026-05-02T02:00:00Z'))));
  codeOfAnna = issued[0]!.code;
  await issueCertificate(testDb(), draft(anna!._id, 'as-2', '新员工入职培训'), new Date('2026-05-03T02:00:00Z'));
  await issueCertificate(testDb(), draft(bob!._id, 'as-1'), new Date('2026-05-02T02:00:00Z'));
});

it('issues one certificate per achievement, one code and one notification, however often or concurrently', async () => {
  const stored = await readWhere<CertificateDoc>('certificates', { memberId: 'c-anna', source: 'as-1' });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ _id: certificateId('assignment', 'as-1', 'c-anna'), code: codeOfAnna, issuedDay: '2026-05-02' });
  expect(codeOfAnna).toMatch(new RegExp(`^[A-HJ-NP-Z2-9]{${CODE_LENGTH}}$`));
  const codes = (await readWhere<CertificateDoc>('certificates', {})).map((doc) => doc.code);
  expect(new Set(codes).size).toBe(codes.length);
  const told = await readWhere<NotificationDoc>('notifications', { memberId: 'c-anna', kind: 'certificate_issued' });
  expect(told.map((doc) => doc.title).sort()).toEqual(['获得证书：安全生产必修课', '获得证书：新员工入职培训']);
  expect(told.find((doc) => doc.title.endsWith('安全生产必修课'))?.page).toBe(`packageNotice/certificate/index?code=${codeOfAnna}`);
});

it('lists only my certificates, newest first', async () => {
  const mine = dataOf(await callAction('certificate', 'mine', { page: 1, pageSize: 10 }, as('c-anna')));
  expect(mine.items.map((item) => item.achievement)).toEqual(['新员工入职培训', '安全生产必修课']);
  expect(mine.total).toBe(2);
  expect(dataOf(await callAction('certificate', 'mine', { page: 1, pageSize: 10 }, as('c-bob'))).items).toHaveLength(1);
});

it('verifies a code for anyone, typed in any case with spaces, and says clearly when a code is unknown', async () => {
  const expected = {
    kind: 'assignment',
    code: codeOfAnna,
    number: 'ZS-as-1',
    memberName: '王芳',
    departmentPath: ['总部', '信息技术部'],
    achievement: '安全生产必修课',
    detail: '按时完成必修课',
    issuedDay: '2026-05-02',
  };
  expect(dataOf(await callAction('certificate', 'verify', { code: codeOfAnna }, as('c-bob')))).toEqual(expected);
  // An outsider: a WeChat user with no member behind it.
  const outsider = { openid: 'o-outsider' };
  expect(dataOf(await callAction('certificate', 'verify', { code: codeOfAnna }, outsider))).toEqual(expected);
  const typed = `${codeOfAnna.slice(0, 8).toLowerCase()} ${codeOfAnna.slice(8)}`;
  expect(dataOf(await callAction('certificate', 'verify', { code: typed }, outsider))).toEqual(expected);
  const unknown = await callAction('certificate', 'verify', { code: 'ABCDEFGHJKLMNPQR' }, outsider);
  expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '未找到该证书，请核对验证码' });
  expect(codeOf(await callAction('certificate', 'verify', { code: 'short' }, outsider))).toBe('INVALID_INPUT');
});

it('costs one database operation to verify after the caller (the indexed code), and two to list mine', async () => {
  cloud.actions.reset();
  await callAction('certificate', 'verify', { code: codeOfAnna }, as('c-bob'));
  expect(cloud.actions.databaseOperations()).toBe(2);
  cloud.actions.reset();
  await callAction('certificate', 'mine', { page: 1, pageSize: 10 }, as('c-anna'));
  expect(cloud.actions.databaseOperations()).toBe(3);
});
