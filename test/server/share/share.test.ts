/**
 * Share tracking through the real functions: tokens, attribution (the first token that brought a member to
 * a target wins; self-opens and repeated opens do not count), the outsider gate (no content, counted once
 * per WeChat user as outside reach), conversions (once per member and target, only when a share brought
 * the member), posters (a PNG code with the token as scene and the landing page) and my shares.
 */
import QRCode from 'qrcode';
import { wxacodePngRenderer, wxacodeText } from '../../../emulator/openapi';
import { recordConversion } from '../../../server/share/conversions';
import { SHARE_LANDING_PAGE, SHARE_TOKEN_PATTERN } from '../../../typings/functions/share';
import { useTestCloud } from '../../helpers/local-cloud';
import { courseDoc, seedCourses } from '../../helpers/courses';
import { testDb } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { createToken, seedMembers, seedTargets, share, tallyShareOpens } from '../../helpers/share';

jest.setTimeout(60_000);

const cloud = useTestCloud();
let targets: Awaited<ReturnType<typeof seedTargets>>;
const AT = new Date('2026-03-04T02:00:00Z');

beforeAll(async () => {
  await seedMembers(['m:a', 'm:b', 'm:c', 'm:d', 'm:e']);
  targets = await seedTargets('t');
  await seedCourses(courseDoc('t:hidden', { audiences: ['middle_senior_manager'] }));
});

async function counts(token: string) {
  await tallyShareOpens();
  const page = dataOf(await share('mine', {}, (await cloud.database.getDocument('shares', token))!.sharerId as string));
  const row = page.items.find((item) => item.token === token);
  if (!row) throw new Error(`share ${token} not in the sharer's list`);
  return { reach: row.reach, outsiderOpens: row.outsiderOpens, conversions: row.conversions };
}

describe('share.create', () => {
  it('answers a scene-safe token, the same one for a retried request, and a landing path', async () => {
    const first = dataOf(await share('create', { targetKind: 'course', targetId: targets.courseId, channel: 'chat', requestId: 'req-create-1' }, 'm:a'));
    const again = dataOf(await share('create', { targetKind: 'course', targetId: targets.courseId, channel: 'chat', requestId: 'req-create-1' }, 'm:a'));
    expect(first.token).toMatch(SHARE_TOKEN_PATTERN);
    expect(first.token.length).toBeLessThanOrEqual(32);
    expect(again.token).toBe(first.token);
    expect(first.path).toBe(`${SHARE_LANDING_PAGE}?token=${first.token}`);
    expect(first.title).toBe('高效会议的五个习惯');
    const other = dataOf(await share('create', { targetKind: 'course', targetId: targets.courseId, channel: 'timeline', requestId: 'req-create-2' }, 'm:a'));
    expect(other.token).not.toBe(first.token);
    expect(await cloud.database.getDocument('shares', first.token)).toMatchObject({ sharerId: 'm:a', channel: 'chat', targetKind: 'course' });
  });

  it('refuses a target the sharer cannot see, and a request id reused for another target', async () => {
    expect(codeOf(await share('create', { targetKind: 'course', targetId: 't:hidden', channel: 'chat', requestId: 'req-hidden-1' }, 'm:a'))).toBe('NOT_FOUND');
    expect(codeOf(await share('create', { targetKind: 'campaign', targetId: 'no-such', channel: 'chat', requestId: 'req-hidden-2' }, 'm:a'))).toBe('NOT_FOUND');
    expect(codeOf(await share('create', { targetKind: 'campaign', targetId: targets.campaignId, channel: 'chat', requestId: 'req-create-1' }, 'm:a'))).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('share.open', () => {
  it('attributes a member to the first token that brought them; later tokens count reach but not attribution', async () => {
    const fromB = await createToken('m:b', 'campaign', targets.campaignId, 'req-open-b1');
    const fromC = await createToken('m:c', 'campaign', targets.campaignId, 'req-open-c1');
    const first = dataOf(await share('open', { token: fromB }, 'm:d'));
    expect(first).toEqual({ member: true, target: { kind: 'campaign', id: targets.campaignId }, counted: true, attributed: true });
    const second = dataOf(await share('open', { token: fromC }, 'm:d'));
    expect(second).toMatchObject({ counted: true, attributed: false });
    expect(await cloud.database.getDocument('shareAttributions', `m:d:campaign:${targets.campaignId}`)).toMatchObject({ token: fromB, sharerId: 'm:b' });
    expect(await counts(fromB)).toEqual({ reach: 1, outsiderOpens: 0, conversions: 0 });
    expect(await counts(fromC)).toEqual({ reach: 1, outsiderOpens: 0, conversions: 0 });
  });

  it("counts repeated opens once per member and never the sharer's own opens", async () => {
    const token = await createToken('m:a', 'contestResults', targets.contestId, 'req-open-a1');
    for (let i = 0; i < 3; i += 1) expect(dataOf(await share('open', { token }, 'm:a'))).toMatchObject({ member: true, counted: false, attributed: false });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(dataOf(await share('open', { token }, 'm:e')));
    expect(answers.map((answer) => answer.counted)).toEqual([true, false, false]);
    expect(answers.every((answer) => answer.attributed)).toBe(true);
    expect(await counts(token)).toEqual({ reach: 1, outsiderOpens: 0, conversions: 0 });
    expect(await cloud.database.getDocument('shareAttributions', `m:a:contestResults:${targets.contestId}`)).toBeUndefined();
  });

  it('answers outsiders no content and counts each outside WeChat user once', async () => {
    const token = await createToken('m:a', 'course', targets.courseId, 'req-outsider-1');
    const answer = await share('open', { token }, 'o-stranger-1');
    expect(dataOf(answer)).toEqual({ member: false, target: null, counted: true, attributed: false });
    // Nothing about the course travels to an outsider.
    expect(JSON.stringify(answer)).not.toContain(targets.courseId);
    expect(dataOf(await share('open', { token }, 'o-stranger-1')).counted).toBe(false);
    expect(dataOf(await share('open', { token }, 'o-stranger-2')).counted).toBe(true);
    expect(await counts(token)).toEqual({ reach: 0, outsiderOpens: 2, conversions: 0 });
    expect(codeOf(await share('open', { token: 'AAAAAAAAAAAA' }, 'o-stranger-1'))).toBe('NOT_FOUND');
  });
});

describe('conversions', () => {
  it('count once per member and target, for the attributed share only', async () => {
    const db = testDb();
    const token = await createToken('m:b', 'campaign', targets.campaignId, 'req-conv-b1');
    // m:d was brought to this campaign by m:b's earlier share (first test); m:c's share converts nobody.
    await recordConversion(db, { memberId: 'm:d', targetKind: 'campaign', targetId: targets.campaignId, at: AT });
    await recordConversion(db, { memberId: 'm:d', targetKind: 'campaign', targetId: targets.campaignId, at: AT });
    // A member no share brought: nothing happens, nothing throws.
    await recordConversion(db, { memberId: 'm:e', targetKind: 'campaign', targetId: targets.campaignId, at: AT });
    const attribution = (await cloud.database.getDocument('shareAttributions', `m:d:campaign:${targets.campaignId}`)) as {
      token: string;
      convertedAt: unknown;
    };
    expect(attribution.convertedAt).not.toBeNull();
    expect((await counts(attribution.token)).conversions).toBe(1);
    expect((await counts(token)).conversions).toBe(0);
  });

  it('never throws, even when the database refuses', async () => {
    const broken = {
      collection: () => {
        throw new Error('database down');
      },
    } as unknown as ReturnType<typeof testDb>;
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(recordConversion(broken, { memberId: 'm:d', targetKind: 'course', targetId: 'x', at: AT })).resolves.toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});

describe('share.poster', () => {
  it('stores a PNG mini-program code for the landing page with the token as scene, once per member and target', async () => {
    const poster = dataOf(await share('poster', { targetKind: 'course', targetId: targets.courseId }, 'm:c'));
    expect(poster).toMatchObject({
      page: SHARE_LANDING_PAGE,
      scene: poster.token,
      title: '高效会议的五个习惯',
      target: { kind: 'course', id: targets.courseId },
    });
    expect(poster.codeUrl).toMatch(/^http/);
    const stored = cloud.storage.readFile(poster.codeFileID);
    expect(stored).toBeDefined();
    const expected = await QRCode.toBuffer(wxacodeText(SHARE_LANDING_PAGE, poster.token), {
      type: 'png',
      width: 430,
      margin: 2,
      rendererOpts: wxacodePngRenderer(),
    });
    expect(stored!.equals(expected)).toBe(true);
    const again = dataOf(await share('poster', { targetKind: 'course', targetId: targets.courseId }, 'm:c'));
    expect(again.token).toBe(poster.token);
    expect(again.codeFileID).toBe(poster.codeFileID);
    expect(await cloud.database.getDocument('shares', poster.token)).toMatchObject({ channel: 'poster', sharerId: 'm:c' });
  });
});

describe('share.mine', () => {
  it('lists my shares newest first with totals over all of them', async () => {
    const page = dataOf(await share('mine', { pageSize: 2 }, 'm:a'));
    expect(page.total).toBe(page.totals.shares);
    expect(page.items).toHaveLength(2);
    expect(page.hasMore).toBe(true);
    const all = dataOf(await share('mine', { pageSize: 50 }, 'm:a'));
    expect(all.totals.reach).toBe(all.items.reduce((sum, row) => sum + row.reach, 0));
    expect(all.totals.outsiderOpens).toBe(2);
    expect(all.items.map((row) => row.createdAt)).toEqual([...all.items.map((row) => row.createdAt)].sort().reverse());
  });
});
