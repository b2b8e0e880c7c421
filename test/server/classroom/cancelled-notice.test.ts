/**
 * 课程已取消: cancelling a session tells every member still signed up, through the `notification` timer,
 * once each however often it runs: in the message centre (unless the member turned the kind off) and as a
 * subscribe message where the member has a subscription left. Members who had cancelled their sign-up, or
 * never signed up, hear nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NotificationDoc } from '../../../typings/domain';
import { getCloud } from '../../../server/core/cloud';
import { runNotifications } from '../../../server/notification/actions';
import { templateEnvOf } from '../../../server/notification/settings';
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, readWhere, seedMember, testDb } from '../../helpers/db';
import { as, seedMembers } from '../../helpers/identities';
import { dataOf } from '../../helpers/envelope';
import { beijing, freezeClock, setClock } from '../../helpers/clock';
import { seedClassroomWorld, sessionFields } from './helpers';

jest.setTimeout(120_000);

const ENV = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../cloudfunctions/notification/config.json'), 'utf8')) as { envVariables: Record<string, string> }
).envVariables;
const TRAINER = 'o-cxl-trainer';
const cloud = useTestCloud();

beforeAll(async () => {
  Object.assign(process.env, ENV);
  freezeClock(beijing('2026-06-01', '10:00'));
  await seedClassroomWorld();
  await seedMember(TRAINER, 'm:cxl-trainer', { name: '总部讲师', roles: [grant('trainer')] });
  await seedMembers(['cxl-1', 'cxl-2', 'cxl-3', 'cxl-left', 'cxl-never']);
});

afterAll(() => {
  for (const key of Object.keys(ENV)) delete process.env[key];
});

it('tells the members still signed up once, in the message centre and by subscribe message where one is left', async () => {
  const session = dataOf(await callAction('classroom', 'save', { ...sessionFields('2026-06-10'), requestId: 'cxl-create' }, { openid: TRAINER }));
  for (const member of ['cxl-1', 'cxl-2', 'cxl-3', 'cxl-left']) dataOf(await callAction('classroom', 'signUp', { sessionId: session.id }, as(member)));
  dataOf(await callAction('classroom', 'cancelSignUp', { sessionId: session.id }, as('cxl-left')));
  dataOf(await callAction('notification', 'setKind', { kind: 'session_cancelled', enabled: false }, as('cxl-3')));
  const template = ENV[templateEnvOf('session_cancelled')] as string;
  dataOf(await callAction('notification', 'subscribe', { templateIds: [template], requestId: 'cxl-panel-1' }, as('cxl-1')));
  dataOf(await callAction('notification', 'subscribe', { templateIds: [template], requestId: 'cxl-panel-3' }, as('cxl-3')));

  // Before the cancellation the timer tells nobody anything about it.
  await runNotifications(testDb(), getCloud(), new Date());
  expect(await readWhere('notifications', { kind: 'session_cancelled' })).toHaveLength(0);

  setClock(beijing('2026-06-02', '07:30'));
  expect(dataOf(await callAction('classroom', 'cancel', { sessionId: session.id }, { openid: TRAINER })).status).toBe('cancelled');
  // Twice at once and once more: each member told once (deterministic ids), early in the morning too.
  await Promise.all([runNotifications(testDb(), getCloud(), new Date()), runNotifications(testDb(), getCloud(), new Date())]);
  await runNotifications(testDb(), getCloud(), new Date());
  const told = await readWhere<NotificationDoc>('notifications', { kind: 'session_cancelled' });
  expect(told.map((doc) => doc.memberId).sort()).toEqual(['cxl-1', 'cxl-2', 'cxl-3']);
  expect(told[0]).toMatchObject({
    title: '课程已取消：高效沟通工作坊',
    body: '原定 2026-06-10 14:00',
    page: `packageClassroom/session/index?id=${session.id}`,
  });
  // The subscribe message goes to the member with a subscription left and the kind on; not to cxl-3 (off).
  const sent = cloud.openapi.outbox().filter((message) => message.templateId === template);
  expect(sent.map((message) => message.touser)).toEqual([as('cxl-1').openid]);
  expect(told.find((doc) => doc.memberId === 'cxl-3')?.push).toBe('skipped');
  // The member who turned the kind off does not see it; the others do.
  expect(dataOf(await callAction('notification', 'list', {}, as('cxl-3'))).items).toEqual([]);
  expect(dataOf(await callAction('notification', 'list', {}, as('cxl-2'))).items.map((item) => item.kind)).toEqual(['session_cancelled']);
});
