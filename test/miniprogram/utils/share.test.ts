/**
 * utils/share: share cards with a token (and the tokenless fallback WeChat uses when the token is late),
 * Moments queries, and recording an open from a link's token or a poster code's scene.
 */
import type { ActionName } from '../../../typings/api';
import { SHARE_LANDING_PAGE, SHARE_TOKEN_PATTERN as CONTRACT_TOKEN_PATTERN, type ShareChannel, type ShareCreated } from '../../../typings/functions/share';
import { failure, ok } from '../wx-stub';
import { wxStub } from '../harness';
import { backend as route, callsOf, scoped, type RoutesOf } from '../../helpers/backend';
import { TOKEN, memberOpen, outsiderOpen } from '../../helpers/pages/share';
import { sleep } from '../../helpers/wait';

type ShareModule = typeof import('../../../miniprogram/utils/share');

/** A fresh module (its Moments token cache included) per test. */
function loadShare(): ShareModule {
  let loaded: ShareModule | undefined;
  jest.isolateModules(() => {
    loaded = require('../../../miniprogram/utils/share') as ShareModule;
  });
  return loaded!;
}

const COURSE = { kind: 'course' as const, id: 'c 1', title: '高效沟通', imageUrl: 'http://127.0.0.1:8787/storage/cover.png' };

function created(channel: ShareChannel, token = TOKEN) {
  return ok<ShareCreated>({
    token,
    target: { kind: 'course', id: 'c 1' },
    channel,
    title: '高效沟通',
    path: `pages/share/index?token=${token}`,
    query: `token=${token}`,
  });
}

const shareCalls = (action: ActionName<'share'>) => callsOf(`share.${action}`);
const backend = (routes: RoutesOf<'share'>) => route(scoped(['share'], routes));

const page = (shareTarget: typeof COURSE | null) => ({ data: { shareTarget } });
const tick = () => sleep(0);

test('the app constants agree with the contract', () => {
  const share = loadShare();
  expect(share.SHARE_TOKEN_PATTERN.source).toBe(CONTRACT_TOKEN_PATTERN.source);
  expect(share.SHARE_LANDING_ROUTE).toBe(SHARE_LANDING_PAGE);
});

test('a chat share answers the target page at once and the tokened landing page through the promise', async () => {
  backend({ create: () => created('chat') });
  const share = loadShare();
  const answer = share.shareMethods.onShareAppMessage.call(page(COURSE));
  expect(answer).toMatchObject({ title: '高效沟通', path: '/packageCourse/course/index?id=c%201', imageUrl: COURSE.imageUrl });
  await expect(answer.promise).resolves.toEqual({ title: '高效沟通', path: `/pages/share/index?token=${TOKEN}`, imageUrl: COURSE.imageUrl });
  const [request] = shareCalls('create');
  expect(request).toMatchObject({ targetKind: 'course', targetId: 'c 1', channel: 'chat' });
  expect(String(request.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
});

test('each chat share is its own intent: a new request id every time', async () => {
  backend({ create: () => created('chat') });
  const share = loadShare();
  await share.shareMethods.onShareAppMessage.call(page(COURSE)).promise;
  await share.shareMethods.onShareAppMessage.call(page(COURSE)).promise;
  const [first, second] = shareCalls('create');
  expect(first.requestId).not.toBe(second.requestId);
});

test('when the token cannot be had, the promise answers the tokenless card', async () => {
  backend({ create: () => failure('NOT_FOUND', '课程不存在') });
  const share = loadShare();
  const answer = share.shareMethods.onShareAppMessage.call(page({ ...COURSE, imageUrl: '' }));
  await expect(answer.promise).resolves.toEqual({ title: '高效沟通', path: '/packageCourse/course/index?id=c%201' });
});

test('before the page knows its target nothing is asked and WeChat shares the page as it is', () => {
  const share = loadShare();
  expect(share.shareMethods.onShareAppMessage.call(page(null))).toEqual({});
  expect(share.shareMethods.onShareTimeline.call(page(null))).toEqual({});
  expect(wxStub().calls).toHaveLength(0);
});

test('Moments: the first share goes without a token and asks for one; later ones carry it', async () => {
  backend({ create: () => created('timeline') });
  const share = loadShare();
  expect(share.shareMethods.onShareTimeline.call(page(COURSE))).toEqual({ title: '高效沟通', query: 'id=c%201', imageUrl: COURSE.imageUrl });
  await tick();
  await tick();
  expect(shareCalls('create')).toEqual([expect.objectContaining({ channel: 'timeline', targetKind: 'course', targetId: 'c 1' })]);
  expect(share.shareMethods.onShareTimeline.call(page(COURSE))).toEqual({ title: '高效沟通', query: `id=c%201&token=${TOKEN}`, imageUrl: COURSE.imageUrl });
  expect(shareCalls('create')).toHaveLength(1);
});

test('Moments: a failed token request is retried with the same request id (one share)', async () => {
  let fail = true;
  backend({ create: () => (fail ? failure('INTERNAL', '服务器开小差了') : created('timeline')) });
  const share = loadShare();
  share.shareMethods.onShareTimeline.call(page(COURSE));
  await tick();
  await tick();
  fail = false;
  expect(share.shareMethods.onShareTimeline.call(page(COURSE)).query).toBe('id=c%201');
  await tick();
  await tick();
  const [first, second] = shareCalls('create');
  expect(second.requestId).toBe(first.requestId);
  expect(share.shareMethods.onShareTimeline.call(page(COURSE)).query).toBe(`id=c%201&token=${TOKEN}`);
});

test('the token comes from ?token= or from a poster code scene, and nothing else', () => {
  const share = loadShare();
  expect(share.shareTokenOf({ token: TOKEN })).toBe(TOKEN);
  expect(share.shareTokenOf({ scene: encodeURIComponent(TOKEN) })).toBe(TOKEN);
  expect(share.shareTokenOf({ id: 'c1' })).toBeNull();
  expect(share.shareTokenOf({ token: 'short' })).toBeNull();
  expect(share.shareTokenOf({ scene: '%E0%A4%A' })).toBeNull();
});

test('every target kind has a page and its own parameter', () => {
  const share = loadShare();
  expect(share.targetUrl({ kind: 'series', id: 's1' })).toBe('/packageCourse/series/index?id=s1');
  expect(share.targetUrl({ kind: 'contestResults', id: 'k1' })).toBe('/packageContest/results/index?contestId=k1');
  expect(share.landingUrl(TOKEN)).toBe(`/pages/share/index?token=${TOKEN}`);
});

describe('entering a page through a share', () => {
  test('without a token nothing is recorded and the page loads', async () => {
    const share = loadShare();
    await expect(share.enterThroughShare({ id: 'c1' })).resolves.toBe(true);
    expect(wxStub().calls).toHaveLength(0);
  });

  test('a member: the open is recorded (from the token or the scene) and the page loads', async () => {
    backend({ open: () => ok(memberOpen('course', 'c1')) });
    const share = loadShare();
    await expect(share.enterThroughShare({ id: 'c1', token: TOKEN })).resolves.toBe(true);
    await expect(share.enterThroughShare({ scene: TOKEN })).resolves.toBe(true);
    expect(shareCalls('open')).toEqual([
      { action: 'open', token: TOKEN },
      { action: 'open', token: TOKEN },
    ]);
    expect(wxStub().relaunches).toEqual([]);
  });

  test('an outsider is sent to the 仅限员工 landing page and the page loads nothing', async () => {
    backend({ open: () => ok(outsiderOpen) });
    const share = loadShare();
    await expect(share.enterThroughShare({ id: 'c1', token: TOKEN })).resolves.toBe(false);
    expect(wxStub().relaunches).toEqual([`/pages/share/index?token=${TOKEN}`]);
  });

  test('a failing open does not stop the page', async () => {
    backend({ open: () => failure('NOT_FOUND', '分享不存在') });
    const share = loadShare();
    await expect(share.enterThroughShare({ token: TOKEN })).resolves.toBe(true);
    expect(wxStub().relaunches).toEqual([]);
  });
});

describe('launching the app through a share', () => {
  function launch(options: object | undefined): Promise<void> {
    const globals = globalThis as unknown as { App?: (app: { onLaunch(options?: object): void }) => void };
    const previous = globals.App;
    let onLaunch: ((options?: object) => void) | undefined;
    globals.App = (app) => {
      onLaunch = (launchOptions) => app.onLaunch(launchOptions);
    };
    try {
      jest.isolateModules(() => {
        require('../../../miniprogram/app');
      });
    } finally {
      globals.App = previous;
    }
    onLaunch!(options);
    return sleep(5);
  }

  beforeEach(() => {
    route({ 'user.me': () => ok({ bound: false }) });
  });

  test('on the landing page or with a token, the page answers an outsider itself: no launch gate', async () => {
    await launch({ path: 'pages/share/index', query: { scene: TOKEN }, scene: 1047 });
    await launch({ path: 'packageCourse/course/index', query: { id: 'c1', token: TOKEN }, scene: 1007 });
    expect(wxStub().calls).toHaveLength(0);
    expect(wxStub().relaunches).toEqual([]);
  });

  test('any other launch checks membership and sends a non-member to bind', async () => {
    await launch({ path: 'pages/learn/index', query: {}, scene: 1001 });
    expect(wxStub().calls.map((call) => `${call.name}.${String(call.event.action)}`)).toEqual(['user.me']);
    expect(wxStub().relaunches).toEqual(['/pages/bind/index?reason=not-member']);
  });
});
