/**
 * The demo's WeChat side: every demo WeChat user's verified phone number is the roster 手机 of the member
 * it stands for, so in local mode the unbound demo-visitor binds with 工号 + 姓名 + 手机号验证 exactly as on
 * a phone: the gateway's stand-in for the phone-number button mints a token for the visitor's number, and
 * user.bind exchanges it through phonenumber.getPhoneNumber.
 */
import { callAction } from '../helpers/invoke';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { insertAll } from '../helpers/db';
import { buildDemoCompany } from '../../scripts/demo/company';
import { demoWeChat } from '../../scripts/demo';

const NOW = new Date('2026-11-27T02:00:00Z');
const company = buildDemoCompany(NOW);
let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
  await insertAll('departments', company.departments);
  await insertAll('members', company.members);
  cloud.openapi.phoneNumbers.update(demoWeChat(NOW).wechatPhones);
});

afterAll(async () => {
  await cloud.dispose();
});

it('gives every demo WeChat user the roster phone of its member, and the visitor an unbound, active member', () => {
  const { wechatPhones, visitor } = demoWeChat(NOW);
  for (const identity of [...company.identities, company.visitor]) {
    const member = company.members.find((candidate) => candidate._id === identity.memberId);
    expect(member?.mobile).toMatch(/^1[3-9]\d{9}$/);
    expect(wechatPhones[identity.openid]).toBe(member?.mobile);
  }
  const member = company.members.find((candidate) => candidate.employeeNo === visitor.employeeNo);
  expect(member).toMatchObject({ active: true, name: visitor.name });
  expect(company.identities.map((identity) => identity.memberId)).not.toContain(member?._id);
});

it('binds demo-visitor in local mode with the token the gateway mints for its number', async () => {
  const { visitor } = demoWeChat(NOW);
  const res = await fetch(`${cloud.url}/gateway/getPhoneNumber`, { method: 'POST', headers: { 'x-weike-openid': visitor.openid } });
  const { code } = (await res.json()) as { code: string };
  const answer = await callAction('user', 'bind', { employeeNo: visitor.employeeNo, name: visitor.name, phoneCode: code }, { openid: visitor.openid });
  expect(answer).toMatchObject({ ok: true, data: { bound: true, employeeNo: visitor.employeeNo } });
  // Another demo user's number does not open the visitor's member.
  const other = cloud.openapi.phoneNumbers.mintFor('demo-learner') as string;
  const refused = await callAction('user', 'bind', { employeeNo: visitor.employeeNo, name: visitor.name, phoneCode: other }, { openid: 'demo-stranger' });
  expect(refused).toMatchObject({ ok: false, code: 'BIND_MISMATCH' });
});
