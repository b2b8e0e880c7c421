/**
 * Media checks of member uploads (server/core/media-check.ts) through the real functions and the local
 * cloud's security.mediaCheckAsync, whose `wxa_media_check` pushes go to the real `mediaCheck` main:
 * check-in pictures, mall item pictures, course covers and contest pitch videos are hidden from other members
 * until they pass, shown after, and stay hidden when risky; their uploader sees 审核中 / 未通过. A forged
 * event cannot approve a file, repeated events change nothing, trace ids never reach a client, and the timer
 * asks again for a result that never came.
 */
import { createHash } from 'node:crypto';
import type { Envelope } from '../../typings/envelope';
import type { MediaCheckEvent } from '../../emulator/openapi';
import { callAction, invoke } from '../helpers/invoke';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { grant, insertAll, testDb } from '../helpers/db';
import { codeOf, dataOf } from '../helpers/envelope';
import { freezeClock, setClock } from '../helpers/clock';
import type { UploadPurpose } from '../../typings/uploads';
import { beijing, campaignFields, makeCampaign, openidOf, requestId, seedMembers, seedTrainer } from './campaign/helpers';
import { givePoints } from './points/helpers';
import { courseFields, round, seedStudioCourse } from './contest/helpers';
import { mediaCheckId } from '../../server/core/media-check';
import type { MediaCheckDoc } from '../../typings/docs/media-check';
import type { Main } from '../../server/core';
import { itemForm } from '../helpers/mall';

/** A member's own upload folder for one purpose (server/core/uploads.ts). */
const ownFolder = (memberId: string, purpose: UploadPurpose): string => `uploads/${openidOf(memberId)}/${purpose}/`;
const checkinFolder = (memberId: string): string => ownFolder(memberId, 'checkin');

jest.setTimeout(120_000);

interface Sdk {
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
}

let cloud: TestCloud;
let sdk: Sdk;
let mediaCheckMain: Main;
const RISKY = Buffer.from('a picture the block list names');
const as = (memberId: string) => ({ openid: openidOf(memberId) });

async function upload(cloudPath: string, content: Buffer = Buffer.from(`picture ${cloudPath}`)): Promise<string> {
  return (await sdk.uploadFile({ cloudPath, fileContent: content })).fileID;
}

/** WeChat answers every held check now. */
async function deliver(): Promise<void> {
  cloud.openapi.mediaChecks.release();
  await cloud.openapi.mediaChecks.idle();
}

async function checkOf(fileID: string): Promise<MediaCheckDoc> {
  const { data } = (await testDb()
    .collection('mediaChecks')
    .where({ _id: mediaCheckId(fileID) })
    .get()) as unknown as { data: MediaCheckDoc[] };
  if (!data[0]) throw new Error(`no check for ${fileID}`);
  return data[0];
}

/** The push as a caller from the mini-program would send it (SOURCE wx_client), or as WeChat would. */
function push(event: object, from: 'client' | 'wechat', openid = 'o-anyone'): Promise<Envelope<{ changed: boolean }>> {
  const saved = process.env.TCB_SOURCE;
  if (from === 'client') process.env.TCB_SOURCE = 'wx_client';
  else delete process.env.TCB_SOURCE;
  return invoke<{ changed: boolean }>(mediaCheckMain, event, { openid }).finally(() => {
    if (saved === undefined) delete process.env.TCB_SOURCE;
    else process.env.TCB_SOURCE = saved;
  });
}

beforeAll(async () => {
  cloud = await startTestCloud({ mediaCheckDelayMs: null });
  cloud.openapi.setBlockList({ text: [], imageSha256: [createHash('sha256').update(RISKY).digest('hex')] });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  sdk = require('wx-server-sdk') as Sdk;
  const { FUNCTIONS } = await import('../../server/functions');
  mediaCheckMain = FUNCTIONS.mediaCheck.main;
  // The push reaches the mediaCheck function as WeChat's message, in this process (config.json declares the route).
  cloud.openapi.mediaChecks.connect([{ msgType: 'event', event: 'wxa_media_check', functionName: 'mediaCheck' }], (_name, event, openid) =>
    push(event, 'wechat', openid),
  );
});

afterAll(async () => {
  jest.useRealTimers();
  await cloud.dispose();
});

describe('check-in pictures', () => {
  let campaignId: string;
  let good: string;
  let risky: string;
  const AUTHOR = 'm:mc-author';
  const READER = 'm:mc-reader';

  it('are hidden from other members until WeChat passes them, and stay hidden when risky', async () => {
    freezeClock(beijing('2026-05-04', '09:00'));
    const trainer = await seedTrainer('m:mc-trainer');
    const campaign = await makeCampaign(trainer, campaignFields('2026-05-04', 7), new Date());
    campaignId = campaign._id;
    await seedMembers([AUTHOR, READER, 'm:mc-late']);
    for (const id of [AUTHOR, READER, 'm:mc-late']) dataOf(await callAction('campaign', 'signUp', { campaignId }, as(id)));
    good = await upload(`${checkinFolder(AUTHOR)}good.png`);
    risky = await upload(`${checkinFolder(AUTHOR)}risky.png`, RISKY);
    const done = dataOf(
      await callAction('campaign', 'checkIn', { campaignId, text: '今天的练习', pictures: [good, risky], requestId: requestId() }, as(AUTHOR)),
    );
    // The author sees their pictures, marked 审核中.
    expect(done.checkin.pictures).toEqual([good, risky]);
    expect(done.checkin.mediaReview).toEqual({ [good]: 'pending', [risky]: 'pending' });
    const before = dataOf(await callAction('campaign', 'feed', { campaignId }, as(READER)));
    expect(before.items).toEqual([expect.objectContaining({ memberId: AUTHOR, pictures: [], mediaReview: null })]);

    await deliver();
    expect((await checkOf(good)).status).toBe('pass');
    expect((await checkOf(risky)).status).toBe('risky');
    const after = dataOf(await callAction('campaign', 'feed', { campaignId }, as(READER)));
    expect(after.items[0]).toMatchObject({ pictures: [good], mediaReview: null });
    const own = dataOf(await callAction('campaign', 'myCheckin', { campaignId, day: '2026-05-04' }, as(AUTHOR)));
    expect(own).toMatchObject({ pictures: [good, risky], mediaReview: { [risky]: 'rejected' } });
    // Trace ids stay on the server.
    const traceIds = [(await checkOf(good)).traceId, (await checkOf(risky)).traceId];
    for (const answer of [done, before, after, own]) for (const traceId of traceIds) expect(JSON.stringify(answer)).not.toContain(traceId as string);
  });

  it('refuses a forged event from a client and ignores unknown or repeated ones', async () => {
    const riskyCheck = await checkOf(risky);
    const goodCheck = await checkOf(good);
    const forged = {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: riskyCheck.traceId,
      version: 2,
      result: { suggest: 'pass', label: 100 },
      detail: [],
    };
    expect(codeOf(await push(forged, 'client', openidOf(AUTHOR)))).toBe('FORBIDDEN');
    // Even through a channel that is not a client's, a decided check stays decided ...
    expect(dataOf(await push(forged, 'wechat'))).toEqual({ changed: false });
    // ... and a made-up trace id matches nothing.
    expect(dataOf(await push({ ...forged, trace_id: 'guessed-trace-id' }, 'wechat'))).toEqual({ changed: false });
    expect(await checkOf(risky)).toEqual(riskyCheck);
    // WeChat's own push, delivered twice, changes nothing the second time.
    const original = cloud.openapi.mediaChecks.pushed.find((event: MediaCheckEvent) => event.trace_id === goodCheck.traceId);
    expect(original).toBeDefined();
    expect(dataOf(await push(original as MediaCheckEvent, 'wechat'))).toEqual({ changed: false });
    expect(await checkOf(good)).toEqual(goodCheck);
    const feed = dataOf(await callAction('campaign', 'feed', { campaignId }, as(READER)));
    expect(feed.items[0]?.pictures).toEqual([good]);
  });

  it('asks again, from the timer, for a result that never came; the late first answer is ignored', async () => {
    const picture = await upload(`${checkinFolder('m:mc-late')}late.png`);
    dataOf(await callAction('campaign', 'checkIn', { campaignId, text: '迟到的结果', pictures: [picture], requestId: requestId() }, as('m:mc-late')));
    const first = await checkOf(picture);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(cloud.openapi.mediaChecks.drop()).toBe(1);
    const timer = { Type: 'Timer', TriggerName: 'tenMinuteRetry', Time: new Date().toISOString() };
    // Too early: WeChat has 30 minutes.
    expect(dataOf(await invoke(mediaCheckMain, timer))).toEqual({ retried: 0 });
    setClock(new Date(Date.now() + 36 * 60_000));
    expect(dataOf(await invoke(mediaCheckMain, timer))).toEqual({ retried: 1 });
    expect(dataOf(await invoke(mediaCheckMain, timer))).toEqual({ retried: 0 });
    const second = await checkOf(picture);
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(second.traceId).not.toBe(first.traceId);
    await deliver();
    expect((await checkOf(picture)).status).toBe('pass');
    // The first request's answer, had it come late, names a trace id no check holds any more.
    expect(
      dataOf(await push({ MsgType: 'event', Event: 'wxa_media_check', trace_id: first.traceId, result: { suggest: 'risky', label: 20002 } }, 'wechat')),
    ).toEqual({ changed: false });
    expect((await checkOf(picture)).status).toBe('pass');
  });
});

describe('a check WeChat never answers', () => {
  it('goes to a reviewer after five requests, hidden meanwhile', async () => {
    const [member] = await seedMembers(['m:mc-silent']);
    await seedMembers(['m:mc-silent-reviewer'], { roles: [grant('reviewer')] });
    const picture = await upload('mall/m:mc-silent/quiet.png');
    const { submitMediaChecks } = await import('../../server/core/media-check');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    await submitMediaChecks(testDb(), require('wx-server-sdk'), { openid: openidOf(member!._id), member: member! }, [picture]);
    const timer = { Type: 'Timer', TriggerName: 'tenMinuteRetry', Time: new Date().toISOString() };
    for (let attempt = 2; attempt <= 5; attempt += 1) {
      cloud.openapi.mediaChecks.drop();
      setClock(new Date(Date.now() + 36 * 60_000));
      expect(dataOf(await invoke(mediaCheckMain, timer))).toEqual({ retried: 1 });
      expect(await checkOf(picture)).toMatchObject({ attempts: attempt, method: 'wechat' });
    }
    cloud.openapi.mediaChecks.drop();
    setClock(new Date(Date.now() + 36 * 60_000));
    expect(dataOf(await invoke(mediaCheckMain, timer))).toEqual({ retried: 0 });
    expect(await checkOf(picture)).toMatchObject({ status: 'pending', method: 'manual', traceId: null, attempts: 5 });
    const queue = dataOf(await callAction('mediaCheck', 'pendingReviews', {}, as('m:mc-silent-reviewer')));
    expect(queue.items).toEqual(expect.arrayContaining([expect.objectContaining({ checkId: mediaCheckId(picture), kind: 'image' })]));
  });
});

describe('a check whose request never left', () => {
  it('is asked for by the timer', async () => {
    const [member] = await seedMembers(['m:mc-crashed']);
    const picture = await upload('mall/m:mc-crashed/orphan.png');
    const now = new Date();
    // What submitMediaChecks leaves when the function stops between recording the check and asking WeChat.
    await insertAll('mediaChecks', [
      {
        _id: mediaCheckId(picture),
        fileID: picture,
        kind: 'image',
        method: 'wechat',
        uploaderId: member!._id,
        uploaderName: member!.name,
        departmentId: member!.departmentId,
        openid: openidOf(member!._id),
        scene: 3,
        status: 'pending',
        traceId: null,
        attempts: 0,
        requestedAt: now,
        createdAt: now,
        decidedAt: null,
        label: null,
        decidedBy: null,
      },
    ]);
    setClock(new Date(Date.now() + 36 * 60_000));
    expect(dataOf(await invoke(mediaCheckMain, { Type: 'Timer', TriggerName: 'tenMinuteRetry', Time: new Date().toISOString() }))).toEqual({ retried: 1 });
    await deliver();
    expect(await checkOf(picture)).toMatchObject({ status: 'pass', attempts: 1 });
  });
});

describe('mall item pictures', () => {
  it('are hidden from members until they pass; the admin who uploaded them sees 审核中 / 未通过', async () => {
    await seedMembers(['m:mc-admin'], { roles: [grant('admin')] });
    await seedMembers(['m:mc-shopper']);
    const good = await upload(`${ownFolder('m:mc-admin', 'mall-item')}cup.png`);
    const risky = await upload(`${ownFolder('m:mc-admin', 'mall-item')}bad.png`, RISKY);
    const fields = itemForm({ name: '保温杯', pictures: [good, risky], price: 100, stock: 5 });
    const created = dataOf(await callAction('points', 'createItem', { ...fields, requestId: requestId() }, as('m:mc-admin')));
    expect(created.mediaReview).toEqual({ [good]: 'pending', [risky]: 'pending' });
    const listed = () => callAction('points', 'listItems', {}, as('m:mc-shopper')).then(dataOf);
    expect((await listed()).items).toEqual([expect.objectContaining({ id: created.id, pictures: [], mediaReview: null })]);
    await deliver();
    expect((await listed()).items[0]?.pictures).toEqual([good]);
    expect(dataOf(await callAction('points', 'getItem', { itemId: created.id }, as('m:mc-shopper'))).pictures).toEqual([good]);
    const admin = dataOf(await callAction('points', 'adminListItems', {}, as('m:mc-admin')));
    expect(admin.items[0]).toMatchObject({ pictures: [good, risky], mediaReview: { [risky]: 'rejected' } });
  });

  it('an order keeps no picture the check refused', async () => {
    const risky = await upload(`${ownFolder('m:mc-admin', 'mall-item')}first-bad.png`, RISKY);
    const good = await upload(`${ownFolder('m:mc-admin', 'mall-item')}second.png`);
    const fields = itemForm({ name: '雨伞', pictures: [risky, good], price: 10, stock: 5 });
    const item = dataOf(await callAction('points', 'createItem', { ...fields, requestId: requestId() }, as('m:mc-admin')));
    await deliver();
    await givePoints('m:mc-shopper', new Date());
    const redeemed = dataOf(await callAction('points', 'redeem', { itemId: item.id, requestId: requestId() }, as('m:mc-shopper')));
    // The order's picture is the item's first, which the check refused.
    expect(redeemed.order.itemPicture).toBeNull();
    expect(dataOf(await callAction('points', 'myOrders', {}, as('m:mc-shopper'))).items[0]?.itemPicture).toBeNull();
  });
});

describe('course and series covers', () => {
  it('are checked when an author saves them, and left out of the catalogue until they pass', async () => {
    await seedMembers(['m:mc-writer']);
    await seedMembers(['m:mc-learner']);
    const cover = await upload(`${ownFolder('m:mc-writer', 'course-media')}cover.png`);
    const fields = { ...courseFields('安全驾驶'), cover };
    const draft = dataOf(await callAction('authoring', 'createCourse', { fields }, as('m:mc-writer')));
    expect((await checkOf(cover)).status).toBe('pending');
    // The course as published (the review gate's outcome), pointing at the cover.
    await insertAll('courses', [
      {
        _id: draft.courseId,
        ...fields,
        seriesIds: [],
        status: 'published',
        authorId: 'm:mc-writer',
        authorName: '作者',
        publishedAt: new Date(),
        updatedAt: new Date(),
        revision: 1,
        stats: { learners: 0, completions: 0, ratingCount: 0, ratingSum: 0, ratingAverage: null },
        audienceKeys: ['everyone'],
      },
    ]);
    const coverUrl = async () => dataOf(await callAction('course', 'detail', { courseId: draft.courseId }, as('m:mc-learner'))).coverUrl;
    expect(await coverUrl()).toBeNull();
    // A series cover from the studio is checked the same way.
    await seedMembers(['m:mc-series-trainer'], { roles: [grant('trainer')] });
    const seriesCover = await upload(`${ownFolder('m:mc-series-trainer', 'course-media')}cover.png`);
    const series = dataOf(
      await callAction(
        'authoring',
        'createSeries',
        { title: '驾驶系列', summary: '', cover: seriesCover, courseIds: [draft.courseId], stepUnlock: false, audiences: [] },
        as('m:mc-series-trainer'),
      ),
    );
    const seriesCoverUrl = async () =>
      dataOf(await callAction('course', 'seriesList', {}, as('m:mc-learner'))).items.find((one) => one.id === series.seriesId)?.coverUrl;
    expect(await seriesCoverUrl()).toBeNull();
    await deliver();
    expect(await coverUrl()).toEqual(expect.stringContaining('http'));
    expect(await seriesCoverUrl()).toEqual(expect.stringContaining('http'));
  });
});

describe('contest pitch videos', () => {
  const ADMIN = 'm:mc-contest-admin';
  const ENTRANT = 'm:mc-entrant';
  const VIEWER = 'm:mc-viewer';
  const REVIEWER = 'm:mc-reviewer';

  it('wait for a reviewer (no WeChat API checks video), hidden from others until passed', async () => {
    freezeClock(new Date('2026-06-01T02:00:00Z'));
    await seedMembers([ADMIN], { roles: [grant('admin')] });
    await seedMembers([REVIEWER], { roles: [grant('reviewer')] });
    const [entrant] = await seedMembers([ENTRANT, VIEWER]);
    await seedStudioCourse('c:mc-entrant', entrant!);
    const contest = dataOf(
      await callAction(
        'contest',
        'createContest',
        {
          title: '媒体审核赛',
          theme: '路演',
          eligibility: { everyone: true },
          rounds: [
            round('初赛', { submit: ['2026-06-01', '2026-06-05'], judge: ['2026-06-06', '2026-06-08'] }, { formats: ['article'], pitchVideoRequired: true }),
          ],
          requestId: requestId(),
        },
        as(ADMIN),
      ),
    );
    dataOf(await callAction('contest', 'setStatus', { contestId: contest.id, status: 'published' }, as(ADMIN)));
    const entry = dataOf(
      await callAction('contest', 'signUp', { contestId: contest.id, kind: 'individual', title: '路演作品', requestId: requestId() }, as(ENTRANT)),
    );
    const video = await upload(`${ownFolder(ENTRANT, 'pitch-video')}pitch.mp4`, Buffer.from('not really a video'));
    const submitted = dataOf(
      await callAction(
        'contest',
        'submitEntry',
        { entryId: entry.id, title: '路演作品', courseIds: ['c:mc-entrant'], pitchVideo: { fileID: video, seconds: 90 } },
        as(ENTRANT),
      ),
    );
    expect(submitted.pitchVideo).toMatchObject({ fileID: video, review: 'pending', url: expect.stringContaining('http') });
    expect(await checkOf(video)).toMatchObject({ method: 'manual', status: 'pending', traceId: null });
    const seen = async () => dataOf(await callAction('contest', 'entry', { entryId: entry.id }, as(VIEWER))).pitchVideo;
    expect(await seen()).toBeNull();
    // WeChat is never asked about a video: nothing is held for it.
    expect(cloud.openapi.mediaChecks.drop()).toBe(0);

    const queue = dataOf(await callAction('mediaCheck', 'pendingReviews', {}, as(REVIEWER)));
    expect(queue.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ checkId: mediaCheckId(video), kind: 'video', uploaderName: expect.any(String), url: expect.stringContaining('http') }),
      ]),
    );
    expect(codeOf(await callAction('mediaCheck', 'pendingReviews', {}, as(VIEWER)))).toBe('FORBIDDEN');
    // A reviewer over another department sees nothing of it and cannot judge it.
    await seedMembers(['m:mc-branch-reviewer'], { roles: [grant('reviewer', 'dept:华南分公司')] });
    expect(dataOf(await callAction('mediaCheck', 'pendingReviews', {}, as('m:mc-branch-reviewer'))).items).toEqual([]);
    expect(codeOf(await callAction('mediaCheck', 'review', { checkId: mediaCheckId(video), verdict: 'pass' }, as('m:mc-branch-reviewer')))).toBe('NOT_FOUND');
    // Nor can the uploader, were they a reviewer, pass their own video.
    await testDb()
      .collection('members')
      .doc(ENTRANT)
      .update({ data: { roles: [grant('reviewer')] } });
    expect(codeOf(await callAction('mediaCheck', 'review', { checkId: mediaCheckId(video), verdict: 'pass' }, as(ENTRANT)))).toBe('FORBIDDEN');
    await testDb()
      .collection('members')
      .doc(ENTRANT)
      .update({ data: { roles: [] } });
    expect(codeOf(await callAction('mediaCheck', 'review', { checkId: mediaCheckId(video), verdict: 'pass' }, as(VIEWER)))).toBe('FORBIDDEN');
    expect(dataOf(await callAction('mediaCheck', 'review', { checkId: mediaCheckId(video), verdict: 'pass' }, as(REVIEWER)))).toEqual({ changed: true });
    expect(dataOf(await callAction('mediaCheck', 'review', { checkId: mediaCheckId(video), verdict: 'risky' }, as(REVIEWER)))).toEqual({ changed: false });
    expect(await seen()).toMatchObject({ fileID: video, review: null, url: expect.stringContaining('http') });
    expect((await checkOf(video)).status).toBe('pass');
  });

  it('stays hidden when a reviewer refuses it', async () => {
    const contests = (await testDb().collection('contests').where({ title: '媒体审核赛' }).get()) as unknown as { data: { _id: string }[] };
    const entry = dataOf(await callAction('contest', 'myEntry', { contestId: contests.data[0]!._id }, as(ENTRANT)));
    const video = await upload(`${ownFolder(ENTRANT, 'pitch-video')}pitch-2.mp4`, Buffer.from('another take'));
    dataOf(
      await callAction(
        'contest',
        'submitEntry',
        { entryId: entry!.id, title: '路演作品', courseIds: ['c:mc-entrant'], pitchVideo: { fileID: video, seconds: 100 } },
        as(ENTRANT),
      ),
    );
    expect(codeOf(await callAction('mediaCheck', 'review', { checkId: `mc_${'0'.repeat(40)}`, verdict: 'pass' }, as(REVIEWER)))).toBe('NOT_FOUND');
    dataOf(await callAction('mediaCheck', 'review', { checkId: mediaCheckId(video), verdict: 'risky' }, as(REVIEWER)));
    expect(dataOf(await callAction('contest', 'entry', { entryId: entry!.id }, as(VIEWER))).pitchVideo).toBeNull();
    expect(dataOf(await callAction('contest', 'entry', { entryId: entry!.id }, as(ENTRANT))).pitchVideo).toMatchObject({ fileID: video, review: 'rejected' });
  });
});
