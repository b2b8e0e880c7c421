/** services/uploads.ts: every upload goes to the caller's own folder, `uploads/<openid>/<purpose>/<random>`. */
import path from 'node:path';
import type { AppConfig } from '../../../miniprogram/config';
import { STUB_CLOUD_OPENID } from '../wx-stub';
import { MINIPROGRAM_ROOT, wxStub } from '../harness';

type Uploads = typeof import('../../../miniprogram/services/uploads');
type DevIdentity = typeof import('../../../miniprogram/services/dev-identity');

function freshModules(config: Partial<AppConfig>): { uploads: Uploads; devIdentity: DevIdentity } {
  let modules: { uploads: Uploads; devIdentity: DevIdentity } | undefined;
  jest.isolateModules(() => {
    Object.assign((require(path.join(MINIPROGRAM_ROOT, 'config')) as { config: AppConfig }).config, config);
    modules = {
      uploads: require(path.join(MINIPROGRAM_ROOT, 'services/uploads')) as Uploads,
      devIdentity: require(path.join(MINIPROGRAM_ROOT, 'services/dev-identity')) as DevIdentity,
    };
  });
  return modules!;
}

const folderCalls = () => wxStub().requests.filter((request) => JSON.stringify(request.data ?? '').includes('uploadFolder'));

test('local mode: the folder of the current dev identity, asked once per identity, a fresh name each time', async () => {
  const { uploads, devIdentity } = freshModules({ mode: 'local', gatewayUrl: 'http://127.0.0.1:9999/' });
  devIdentity.setDevOpenid('demo-admin');
  wxStub().files.set('wxfile://tmp/a.png', 'A');
  const first = await uploads.uploadOwnFile('mall-item', 'wxfile://tmp/a.png');
  const second = await uploads.uploadOwnFile('mall-item', 'wxfile://tmp/a.png');
  expect(first).not.toBe(second);
  expect(wxStub().uploads.map((upload) => upload.cloudPath)).toEqual([
    expect.stringMatching(/^uploads\/demo-admin\/mall-item\/[A-Za-z0-9_-]+\.png$/),
    expect.stringMatching(/^uploads\/demo-admin\/mall-item\/[A-Za-z0-9_-]+\.png$/),
  ]);
  expect(folderCalls()).toHaveLength(1);
  devIdentity.setDevOpenid('demo-trainer');
  await uploads.uploadOwnFile('checkin', 'wxfile://tmp/a.png');
  expect(wxStub().uploads[2]?.cloudPath).toMatch(/^uploads\/demo-trainer\/checkin\//);
  expect(folderCalls()).toHaveLength(2);
});

test('cloud mode: the folder WeChat’s OPENID gives, through wx.cloud', async () => {
  const { uploads } = freshModules({ mode: 'cloud' });
  wxStub().files.set('wxfile://tmp/v', 'V');
  await uploads.uploadOwnFile('pitch-video', 'wxfile://tmp/v', { fallbackExtension: 'mp4' });
  expect(wxStub().uploads).toEqual([
    expect.objectContaining({ via: 'cloud', cloudPath: expect.stringMatching(new RegExp(`^uploads/${STUB_CLOUD_OPENID}/pitch-video/[A-Za-z0-9_-]+\\.mp4$`)) }),
  ]);
});

test('a chosen file’s name keeps its extension and a tail the storage rules allow', () => {
  const { uploads } = freshModules({ mode: 'local' });
  expect(uploads.uploadPath('uploads/o1', 'roster', 'csv', '花名册 2026 v2.csv')).toMatch(/^uploads\/o1\/roster\/[A-Za-z0-9_-]+-2026_v2\.csv$/);
  expect(uploads.uploadPath('uploads/o1', 'course-media', 'mp3', '../../x/../讲解.mp3')).toMatch(/^uploads\/o1\/course-media\/[A-Za-z0-9_-]+\.mp3$/);
  expect(uploads.extensionOf('a.JPEG', 'jpg')).toBe('jpeg');
  expect(uploads.extensionOf('noext', 'jpg')).toBe('jpg');
});
