/**
 * Storage security rules (database/storage-rules.json) enforced by the local cloud for client calls, as
 * CloudBase does (rules bind client requests only; functions and the console are never checked:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules.html).
 *
 * Findings: an unbound WeChat identity replaced a course's cover through the gateway's upload, and the
 * gateway handed out temporary URLs for any file id without asking who was calling.
 */
import { getCloud } from '../../../server/core/cloud';
import { allows, loadStorageRules, type StorageRules } from '../../../emulator/storage/rules';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { createConsoleTicket } from '../../../server/core/console-session';

const RULES = loadStorageRules();

describe('the rule language', () => {
  const auth = { openid: 'o-a', loginType: 'WECHAT-OPEN' };
  const check = (rule: string, path = 'uploads/o-a/checkin/1.jpg', owner: string | null = 'o-a', who: typeof auth | null = auth) =>
    allows({ read: rule }, 'read', { auth: who, resource: { openid: owner, path } });

  it('evaluates the documented operators, regex literals and property access', () => {
    expect(check('true')).toBe(true);
    expect(check('resource.openid == auth.openid')).toBe(true);
    expect(check('resource.openid == auth.openid', 'x', 'o-b')).toBe(false);
    expect(check("auth.openid in ['o-a', 'o-b'] && !(auth.openid in ['o-c'])")).toBe(true);
    expect(check('/^uploads\\//.test(resource.path) == true')).toBe(true);
    expect(check('/^private\\//.test(resource.path) == true || auth.openid != "o-a"')).toBe(false);
    expect(check("auth['openid'] == 'o-a' && 1 < 2")).toBe(true);
  });

  it('denies on a missing rule, a field of null, or an expression it cannot parse', () => {
    expect(allows({}, 'write', { auth, resource: { openid: 'o-a', path: 'x' } })).toBe(false);
    expect(check('auth.openid == resource.openid', 'x', null, null)).toBe(false);
    expect(check('auth.openid ==')).toBe(false);
    expect(check('resource.path.length > 0')).toBe(false);
  });
});

describe('the project rules (database/storage-rules.json)', () => {
  const may = (rules: StorageRules, operation: 'read' | 'write', openid: string | null, path: string, owner: string | null) =>
    allows(rules, operation, { auth: openid ? { openid, loginType: 'WECHAT-OPEN' } : null, resource: { openid: owner, path } });

  it('lets a client write only its own files under uploads/<openid>/<purpose>/<name>', () => {
    expect(may(RULES, 'write', 'o-a', 'uploads/o-a/checkin/1.jpg', 'o-a')).toBe(true);
    expect(may(RULES, 'write', 'o-b', 'uploads/o-a/checkin/1.jpg', 'o-a')).toBe(false);
    for (const path of [
      'courses/c1/cover.jpg',
      'course-media/image/1.jpg',
      'mall-items/1.jpg',
      'private/exports/m1/x.xlsx',
      'share/posters/t.png',
      'uploads/o-a/1.jpg',
      'uploads/o-a/checkin/sub/1.jpg',
    ]) {
      expect([path, may(RULES, 'write', 'o-a', path, 'o-a')]).toEqual([path, false]);
    }
    expect(may(RULES, 'write', null, 'uploads/o-a/checkin/1.jpg', null)).toBe(false);
  });

  it('lets a console browser (custom login) write new files under uploads/ as their owner, never an anonymous one', () => {
    // Web users own files by uid: https://docs.cloudbase.net/storage/security-rules/user_secure
    const custom = { uid: 'custom-1', loginType: 'CUSTOM' };
    const web = (who: { uid: string; loginType: string } | null, path: string, owner: string | null) =>
      allows(RULES, 'write', { auth: who, resource: { openid: owner, path } });
    expect(web(custom, 'uploads/o-member/course-media/1.png', 'custom-1')).toBe(true);
    expect(web(custom, 'uploads/o-member/course-media/1.png', 'custom-2')).toBe(false);
    expect(web(custom, 'uploads/o-member/course-media/1.png', 'o-member')).toBe(false);
    expect(web(custom, 'courses/c1/cover.jpg', 'custom-1')).toBe(false);
    expect(web({ uid: 'anon-1', loginType: 'ANONYMOUS' }, 'uploads/o-member/course-media/1.png', 'anon-1')).toBe(false);
  });

  it('lets signed-in clients read everything but private files', () => {
    expect(may(RULES, 'read', 'o-a', 'courses/c1/cover.jpg', null)).toBe(true);
    expect(may(RULES, 'read', 'o-a', 'uploads/o-b/checkin/1.jpg', 'o-b')).toBe(true);
    expect(may(RULES, 'read', 'o-a', 'private/exports/m1/x.xlsx', null)).toBe(false);
    expect(may(RULES, 'read', null, 'courses/c1/cover.jpg', null)).toBe(false);
  });
});

describe('the local cloud enforces the rules for client calls only', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud();
  });

  afterAll(async () => {
    await cloud.dispose();
  });

  const upload = (cloudPath: string, body: string, openid?: string) =>
    fetch(`${cloud.url}/gateway/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: openid ? { 'x-weike-openid': openid } : {},
      body,
    });

  async function tempUrl(fileID: string, openid?: string): Promise<{ status: number; tempFileURL: string }> {
    const res = await fetch(`${cloud.url}/gateway/getTempFileURL`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-weike-openid': openid } : {}) },
      body: JSON.stringify({ fileList: [fileID] }),
    });
    const { fileList } = (await res.json()) as { fileList: { status: number; tempFileURL: string }[] };
    return fileList[0] as { status: number; tempFileURL: string };
  }

  it('an unbound identity cannot replace a course cover through the gateway upload', async () => {
    // A cover the server stored, and one an author uploaded from the app.
    const serverCover = cloud.storage.putFile('courses/c1/cover.jpg', Buffer.from('cover'));
    const authorUpload = await upload('uploads/o-author/course-cover/c.jpg', 'author cover', 'o-author');
    expect(authorUpload.status).toBe(200);
    for (const cloudPath of ['courses/c1/cover.jpg', 'uploads/o-author/course-cover/c.jpg']) {
      const answer = await upload(cloudPath, 'replaced', 'o-unbound-stranger');
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({ errCode: -503002 });
    }
    expect(cloud.storage.readFile(serverCover)?.toString()).toBe('cover');
    expect(cloud.storage.readFile(cloud.storage.fileIdOf('uploads/o-author/course-cover/c.jpg'))?.toString()).toBe('author cover');
    // The owner may replace their own upload; nobody may write outside uploads/, not even under their own name.
    expect((await upload('uploads/o-author/course-cover/c.jpg', 'v2', 'o-author')).status).toBe(200);
    expect((await upload('course-media/image/o-author.jpg', 'x', 'o-author')).status).toBe(403);
    expect((await upload('private/exports/o-author/x.xlsx', 'x', 'o-author')).status).toBe(403);
    expect((await upload('uploads/o-author/checkin/anon.jpg', 'x')).status).toBe(403);
  });

  it('a member cannot replace files in another member’s folder', async () => {
    expect((await upload('uploads/o-alice/checkin/1.jpg', 'alice', 'o-alice')).status).toBe(200);
    expect((await upload('uploads/o-alice/checkin/1.jpg', 'bob', 'o-bob')).status).toBe(403);
    expect(cloud.storage.readFile(cloud.storage.fileIdOf('uploads/o-alice/checkin/1.jpg'))?.toString()).toBe('alice');
  });

  it('many clients racing to create the same path: exactly one owns it, the others are refused', async () => {
    const racers = Array.from({ length: 20 }, (_, i) => `o-racer-${i}`);
    const answers = await Promise.all(racers.map((openid) => upload('uploads/o-racer-0/checkin/race.jpg', openid, openid)));
    const winners = racers.filter((_, i) => answers[i]?.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 403)).toHaveLength(racers.length - 1);
    expect(cloud.storage.ownerOf('uploads/o-racer-0/checkin/race.jpg')).toBe(winners[0]);
    expect(cloud.storage.readFile(cloud.storage.fileIdOf('uploads/o-racer-0/checkin/race.jpg'))?.toString()).toBe(winners[0]);
  });

  it('hands out temporary URLs only for what the caller may read', async () => {
    const publicFile = cloud.storage.putFile('courses/c2/cover.jpg', Buffer.from('c2'));
    const privateFile = cloud.storage.putFile('private/exports/m1/0123456789abcdef.xlsx', Buffer.from('secret'));
    expect((await tempUrl(publicFile)).status).toBe(-503002);
    expect(await tempUrl(publicFile, 'o-alice')).toMatchObject({ status: 0, tempFileURL: expect.stringContaining('/storage/file/') });
    for (const openid of [undefined, 'o-alice', 'o-bob'])
      expect(await tempUrl(privateFile, openid)).toEqual({
        status: -503002,
        tempFileURL: '',
        maxAge: expect.any(Number),
        fileID: privateFile,
        errMsg: 'storage permission denied',
      });
  });

  it("a console browser uploads as its CloudBase user: signed in by custom login, never anonymously, never over another's file", async () => {
    process.env.WEIKE_CUSTOM_LOGIN_KEY = cloud.webAuth.functionEnv().WEIKE_CUSTOM_LOGIN_KEY;
    const signedIn = cloud.webAuth.signInWithTicket(createConsoleTicket('csRulesTestSession0001'));
    const other = cloud.webAuth.signInWithTicket(createConsoleTicket('csRulesTestSession0002'));
    const anonymous = cloud.webAuth.signInAnonymously();
    const fromBrowser = (cloudPath: string, body: string, token: string) =>
      fetch(`${cloud.url}/gateway/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body,
      });
    const answer = await fromBrowser('uploads/o-desk/course-media/a.png', 'desk', signedIn.accessToken);
    expect(answer.status).toBe(200);
    expect(cloud.storage.ownerOf('uploads/o-desk/course-media/a.png')).toBe(signedIn.uid);
    expect((await fromBrowser('uploads/o-desk/course-media/a.png', 'other', other.accessToken)).status).toBe(403);
    expect((await fromBrowser('uploads/o-desk/course-media/b.png', 'anon', anonymous.accessToken)).status).toBe(403);
    expect((await fromBrowser('courses/c9/cover.jpg', 'x', signedIn.accessToken)).status).toBe(403);
    expect(cloud.storage.readFile(cloud.storage.fileIdOf('uploads/o-desk/course-media/a.png'))?.toString()).toBe('desk');
    // It reads back what it may read, like a mini-program user.
    const res = await fetch(`${cloud.url}/gateway/getTempFileURL`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signedIn.accessToken}` },
      body: JSON.stringify({ fileList: [cloud.storage.fileIdOf('uploads/o-desk/course-media/a.png')] }),
    });
    expect(((await res.json()) as { fileList: { status: number }[] }).fileList[0]).toMatchObject({ status: 0 });
  });

  it('server calls (the SDK in functions) are not bound by the rules', async () => {
    const sdk = getCloud();
    const { fileID } = (await sdk.uploadFile({ cloudPath: 'private/exports/m2/server.xlsx', fileContent: Buffer.from('ok') })) as { fileID: string };
    const { fileList } = (await sdk.getTempFileURL({ fileList: [fileID] })) as { fileList: { status: number; tempFileURL: string }[] };
    expect(fileList[0]).toMatchObject({ status: 0 });
    expect(await (await fetch(fileList[0]?.tempFileURL as string)).text()).toBe('ok');
  });
});
