/**
 * Files a trainer uploads from the web console (web/src/services/upload.ts) go under the member's own folder,
 * `uploads/<openid>/<purpose>/` (user.uploadFolder answers the console caller with it), and the server's file
 * id check (server/core/uploads.ts) accepts them from that member's console session only: not another
 * member's folder, nor the browser's CloudBase uid as a folder.
 */
import { callAction } from '../../helpers/invoke';
import { dataOf } from '../../helpers/envelope';
import { useTestCloud } from '../../helpers/local-cloud';
import { countAll, grant, insertAll, seedMember } from '../../helpers/db';
import { uploadedBy } from '../../helpers/uploads';
import { articleFields } from '../../helpers/course-fields';

useTestCloud();

const TRAINER = 'o-cu-trainer';
const SESSION = 'csConsoleUploadsTest000001';
const DESK = { browser: { uid: 'custom-desk-uid', customUserId: SESSION } };

beforeAll(async () => {
  await seedMember(TRAINER, 'm:cu-trainer', { roles: [grant('trainer')] });
  const at = new Date();
  await insertAll('consoleSessions', [
    {
      _id: SESSION,
      memberId: 'm:cu-trainer',
      openid: TRAINER,
      browser: 'Chrome',
      ip: '127.0.0.1',
      createdAt: at,
      lastSeenAt: at,
      endedAt: null,
      endedReason: null,
    },
  ]);
});

it("the console caller is told the member's own folder, and a course cover uploaded there is accepted", async () => {
  expect(dataOf(await callAction('user', 'uploadFolder', {}, DESK))).toEqual({ folder: `uploads/${TRAINER}` });
  const cover = uploadedBy(TRAINER, 'course-media', 'desk.png');
  const made = dataOf(await callAction('authoring', 'createCourse', { fields: articleFields({ cover }) }, DESK));
  expect(made.fields.cover).toBe(cover);
});

it("refuses another member's folder and the browser uid's, writing nothing", async () => {
  const before = await countAll('courseAuthoring');
  for (const owner of ['o-cu-someone-else', DESK.browser.uid]) {
    const answer = await callAction('authoring', 'createCourse', { fields: articleFields({ cover: uploadedBy(owner, 'course-media', 'x.png') }) }, DESK);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '文件必须是你本人刚上传的，请重新上传后再提交' });
  }
  expect(await countAll('courseAuthoring')).toBe(before);
});
