/**
 * 打卡 / 补卡: the day's task and course state, the text counter, pictures chosen and uploaded through the
 * transport, checks before sending, one requestId per intent (reused by 重新提交 after an unknown outcome),
 * refusals, and what success shows.
 */
import { failure, ok } from '../wx-stub';
import { settle, tap, wxStub, type RenderedComponent, openPage, text, fieldTarget } from '../harness';
import { backend, callsOf, checkinResult, detail, enrollment } from '../../helpers/pages/campaign';
import { backend as route, scoped, type Answer } from '../../helpers/backend';
import { detail as courseDetail, progress } from '../../helpers/pages/course';
import type { CheckinResult } from '../../../typings/functions/campaign';
import type { CourseDetail } from '../../../typings/functions/course';

const open = (query: Record<string, string> = { id: 'c1' }) => openPage('packageCampaign/checkin/index', query);

function courseAnswer(completed: boolean): Answer<CourseDetail> {
  return ok(courseDetail({ progress: completed ? progress({ completed: true }) : null }));
}

function backendWith(checkIn: () => Answer<CheckinResult>, options: { completed?: boolean; makeUp?: () => Answer<CheckinResult> } = {}) {
  route({
    ...scoped(['campaign'], { detail: () => ok(detail()), checkIn, ...(options.makeUp ? { makeUp: options.makeUp } : {}) }),
    // The course function answers the day's course; only its progress matters here.
    'course.detail': () => courseAnswer(options.completed ?? true),
  });
}

async function typeText(page: RenderedComponent, simulate: typeof import('miniprogram-simulate'), value: string) {
  fieldTarget(page.querySelector('.text')!).dispatchEvent('input', { detail: { value } });
  await settle(simulate);
}

/** The pictures are components/picture-picker's: its add tile and its thumbnails. */
const addPicture = (page: RenderedComponent) => page.querySelector('.pictures')!.querySelector('.picture-add')!;
const picturesShown = (page: RenderedComponent) => page.querySelector('.pictures')!.querySelectorAll('.picture-image');

const VALID_TEXT = '今天读完了第七章，收获很多，明天继续加油，坚持就是胜利。';

/** One picture uploaded and enough words: what the fixture campaign requires. */
async function fillValid(page: RenderedComponent, simulate: typeof import('miniprogram-simulate'), words = VALID_TEXT) {
  wxStub().files.set('/tmp/a.jpg', 'A');
  wxStub().chooseMediaAnswer = ['/tmp/a.jpg'];
  await tap(simulate, addPicture(page));
  await settle(simulate);
  await typeText(page, simulate, words);
}

test("shows the day's task, its course completion and the counter; too short or without pictures is not sent", async () => {
  backendWith(() => ok(checkinResult()), { completed: false });
  const { page, simulate } = await open();
  expect(text(page.querySelector('.day-title'))).toBe('第 7 天 · 2026-03-07');
  expect(text(page.querySelector('.prompt'))).toBe('今日思考 7');
  expect(text(page.querySelector('.course-state'))).toBe('未完成，去学习 ›');
  expect(text(page.querySelector('.counter'))).toBe('0 / 至少 20 字');

  await typeText(page, simulate, '  读了一点点  ');
  expect(text(page.querySelector('.counter'))).toBe('5 / 至少 20 字');
  await tap(simulate, page.querySelector('.submit-button')!);
  expect(text(page.querySelector('.error'))).toBe('心得文字还差 15 字');

  await typeText(page, simulate, '今天读完了第七章，收获很多，明天继续加油，坚持就是胜利。');
  await tap(simulate, page.querySelector('.submit-button')!);
  expect(text(page.querySelector('.error'))).toBe('请至少上传 1 张图片');
  expect(callsOf('checkIn')).toEqual([]);

  await tap(simulate, page.querySelector('.course')!);
  expect(wxStub().navigations).toEqual(['/packageCourse/course/index?id=course-7']);
});

test('pictures are chosen and uploaded, removable; submitting sends text, fileIDs, day and a requestId once; success shows points and streak', async () => {
  backendWith(() => ok(checkinResult({ bonusAwarded: 50, milestonesReached: [7] })));
  const { page, simulate } = await open();
  expect(text(page.querySelector('.course-state'))).toBe('已完成');
  wxStub().files.set('/tmp/a.jpg', 'A');
  wxStub().files.set('/tmp/b.png', 'B');
  wxStub().chooseMediaAnswer = ['/tmp/a.jpg', '/tmp/b.png'];
  await tap(simulate, addPicture(page));
  // Two uploads one after the other, then their preview URLs.
  await settle(simulate, 8);
  expect(wxStub().chooseMediaOptions[0]).toMatchObject({ count: 9, mediaType: ['image'] });
  expect(wxStub().uploads.map((upload) => upload.cloudPath)).toEqual([
    expect.stringMatching(/^uploads\/[^/]+\/checkin\/[A-Za-z0-9_-]+\.jpg$/),
    expect.stringMatching(/^uploads\/[^/]+\/checkin\/[A-Za-z0-9_-]+\.png$/),
  ]);
  expect(picturesShown(page)).toHaveLength(2);
  expect(text(page.querySelector('.picture-hint'))).toBe('图片 2/9（至少 1 张）');

  await tap(simulate, page.querySelector('.pictures')!.querySelectorAll('.picture-remove')[0]!);
  expect(picturesShown(page)).toHaveLength(1);

  await typeText(page, simulate, '今天读完了第七章，收获很多，明天继续加油，坚持就是胜利。');
  await tap(simulate, page.querySelector('.submit-button')!);
  await settle(simulate);
  const [sent] = callsOf('checkIn');
  expect(sent).toMatchObject({
    action: 'checkIn',
    campaignId: 'c1',
    day: '2026-03-07',
    text: '今天读完了第七章，收获很多，明天继续加油，坚持就是胜利。',
    pictures: [wxStub().uploads[1] ? `cloud://local-bucket/${wxStub().uploads[1]!.cloudPath}` : ''],
  });
  expect(String(sent?.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(text(page.querySelector('.result-title'))).toBe('打卡成功');
  expect(text(page.querySelector('.result'))).toContain('获得 10 积分');
  expect(text(page.querySelector('.result'))).toContain('达成连续打卡 7 天！');
  expect(text(page.querySelector('.result'))).toContain('连续打卡奖励 50 积分');
  expect(text(page.querySelector('.result'))).toContain('已连续打卡 4 天，累计 6 天');

  await tap(simulate, page.querySelector('.calendar-button')!);
  expect(wxStub().navigations).toEqual(['/packageCampaign/calendar/index?id=c1']);
});

test('an unknown outcome keeps the requestId for 重新提交; a refusal drops it', async () => {
  const answers: Answer<CheckinResult>[] = [{ networkError: 'timeout' }, failure('INTERNAL', '服务器开小差了，请稍后重试'), ok(checkinResult())];
  backendWith(() => answers.shift()!);
  const { page, simulate } = await open();
  await fillValid(page, simulate);

  await tap(simulate, page.querySelector('.submit-button')!);
  await settle(simulate);
  expect(text(page.querySelector('.error'))).toContain('提交结果未确认：网络连接失败');
  expect(text(page.querySelector('.submit-label'))).toBe('重新提交');
  await tap(simulate, page.querySelector('.submit-button')!);
  await settle(simulate);
  await tap(simulate, page.querySelector('.submit-button')!);
  await settle(simulate);
  const ids = callsOf('checkIn').map((call) => call.requestId);
  expect(ids).toHaveLength(3);
  expect(new Set(ids).size).toBe(1);
  expect(text(page.querySelector('.result-title'))).toBe('打卡成功');
});

test.each([
  ['ALREADY_CHECKED_IN', '这一天已经打过卡了'],
  ['CHECKIN_IN_PROGRESS', '这一天的打卡正在提交中，请稍后到打卡日历查看'],
  ['CHECKIN_REQUIREMENT', '打卡内容未达到活动要求，请检查文字、图片和当天课程'],
  ['CONTENT_REJECTED', '内容含有违规信息，请修改后再提交'],
] as const)('a %s refusal is said and the next submit is a new intent', async (code, shown) => {
  backendWith(() => failure(code, '被拒绝'));
  const { page, simulate } = await open();
  await fillValid(page, simulate);
  await tap(simulate, page.querySelector('.submit-button')!);
  await settle(simulate);
  expect(text(page.querySelector('.error'))).toBe(shown);
  expect(text(page.querySelector('.submit-label'))).toBe('提交打卡');
  await tap(simulate, page.querySelector('.submit-button')!);
  await settle(simulate);
  const [first, second] = callsOf('checkIn').map((call) => call.requestId);
  expect(first).not.toBe(second);
});

test('make-up mode: the missed day, cards left and cost; sends makeUp with that day', async () => {
  backendWith(() => ok(checkinResult()), {
    makeUp: () => ok(checkinResult({ pointsAwarded: 10, pointsSpent: 5, enrollment: enrollment({ makeUpCardsLeft: 1, daysDone: 6 }) })),
  });
  const { page, simulate } = await open({ id: 'c1', day: '2026-03-05' });
  expect(text(page.querySelector('.day-title'))).toBe('补卡 · 第 5 天 · 2026-03-05');
  expect(text(page.querySelector('.make-up-info'))).toBe('补卡卡剩余 2 张，本次补卡消耗 5 积分');
  await fillValid(page, simulate, '补上前天的心得：坚持阅读，每天进步一点点。');
  await tap(simulate, page.querySelector('.submit-button')!);
  await settle(simulate);
  expect(callsOf('checkIn')).toEqual([]);
  expect(callsOf('makeUp')[0]).toMatchObject({ action: 'makeUp', campaignId: 'c1', day: '2026-03-05' });
  expect(text(page.querySelector('.result-title'))).toBe('补卡成功');
  expect(text(page.querySelector('.result'))).toContain('补卡消耗 5 积分');
  expect(text(page.querySelector('.result'))).toContain('剩余补卡卡 1 张');
});

test('no check-in when already done today or not taking part', async () => {
  backend({ detail: () => ok(detail({ checkedInToday: true })) });
  const done = await open();
  expect(text(done.page)).toContain('今天已经打过卡了');
  backend({ detail: () => ok(detail({ myEnrollment: enrollment({ status: 'pending' }) })) });
  const pending = await open();
  expect(text(pending.page)).toContain('报名成功后才能打卡');
});

test("shows what today's check-in really pays, and why when the daily cap cuts it", async () => {
  backendWith(() => ok(checkinResult()));
  const { page: full } = await open();
  expect(text(full.querySelector('.today-points'))).toBe('今日打卡可得 10 积分');
  route({ ...scoped(['campaign'], { detail: () => ok(detail({ pointsPerCheckin: 5, todayCheckinPoints: 2 })) }), 'course.detail': () => courseAnswer(true) });
  const { page: capped } = await open();
  expect(text(capped.querySelector('.today-points'))).toBe('今日打卡可得 2 积分（活动设定 5 积分，受每日积分上限限制）');
  route({ ...scoped(['campaign'], { detail: () => ok(detail({ todayCheckinPoints: null })) }), 'course.detail': () => courseAnswer(true) });
  const { page: none } = await open();
  expect(none.querySelector('.today-points')).toBeFalsy();
});
