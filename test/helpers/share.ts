/** Shared set-up of the share tests: members, a course, a published campaign and contest, and typed calls. */
import type { ActionInput, ActionName } from '../../typings/api';
import { callAction } from './invoke';
import { insertAll, seedMember, testDb } from './db';
import { tallyOpens } from '../../server/share/tally';
import { courseDoc, seedCourses } from './courses';
import { dataOf } from './envelope';
import { openidOf } from './identities';

export { openidOf };

export async function seedMembers(ids: readonly string[], departmentId = 'dept:总部/信息技术部'): Promise<void> {
  for (const id of ids) await seedMember(openidOf(id), id, { departmentId, departmentPath: departmentId.replace(/^dept:/, '').split('/') });
}

/** A published course everyone sees, a published campaign and a published contest. */
export async function seedTargets(prefix: string): Promise<{ courseId: string; campaignId: string; contestId: string }> {
  const courseId = `${prefix}:course`;
  await seedCourses(courseDoc(courseId, { title: '高效会议的五个习惯', durationMinutes: 1 }));
  const campaignId = `${prefix}:campaign`;
  const contestId = `${prefix}:contest`;
  await insertAll('campaigns', [
    { _id: campaignId, title: '21 天阅读打卡', summary: '', cover: null, startDay: '2026-03-01', endDay: '2026-03-21', status: 'published' },
  ]);
  await insertAll('contests', [{ _id: contestId, title: '微课大赛', theme: '', summary: '', poster: null, status: 'published' }]);
  return { courseId, campaignId, contestId };
}

export async function share<A extends ActionName<'share'>>(action: A, input: ActionInput<'share', A>, memberOrOpenid: string) {
  const openid = memberOrOpenid.startsWith('o-') ? memberOrOpenid : openidOf(memberOrOpenid);
  return callAction('share', action, input, { openid });
}

export async function createToken(
  sharerId: string,
  targetKind: ActionInput<'share', 'create'>['targetKind'],
  targetId: string,
  requestId: string,
): Promise<string> {
  return dataOf(await share('create', { targetKind, targetId, channel: 'chat', requestId }, sharerId)).token;
}

/** Runs the share function's timer tally now (opens count into the reach afterwards, server/share/tally.ts). */
export async function tallyShareOpens(): Promise<number> {
  return (await tallyOpens(testDb(), new Date())).counted;
}
