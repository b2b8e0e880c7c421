/**
 * The console's classroom area in a real browser against the local cloud (test/helpers/console.ts): a
 * trainer finds a session members signed up for from the mini-program, sees them listed, and downloads the
 * attendance export; a trainer of another branch sees nothing and the server refuses the calls.
 */
import ExcelJS from 'exceljs';
import { addDays, beijingDate } from '../../server/core/time';
import type { ClassroomSessionDoc } from '../../typings/domain';
import { grant, insertAll, readDoc, seedMember } from '../helpers/db';
import { downloadFrom, useConsole } from '../helpers/console';

jest.setTimeout(240_000);

const TRAINER = 'o-wcl-trainer';
const BRANCH_TRAINER = 'o-wcl-branch-trainer';
const MEMBERS = ['o-wcl-m0', 'o-wcl-m1'];
const NAMES = ['赵一', '钱二'];

const web = useConsole();
let sessionId = '';

beforeAll(async () => {
  await insertAll('departments', [
    { _id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
    { _id: 'dept:总部/信息技术部', name: '信息技术部', path: ['总部', '信息技术部'], parentId: 'dept:总部' },
    { _id: 'dept:分公司', name: '分公司', path: ['分公司'], parentId: null },
  ]);
  await seedMember(TRAINER, 'm:wcl-trainer', { name: '李讲师', roles: [grant('trainer')] });
  await seedMember(BRANCH_TRAINER, 'm:wcl-branch-trainer', {
    name: '分公司讲师',
    departmentId: 'dept:分公司',
    departmentPath: ['分公司'],
    roles: [grant('trainer', 'dept:分公司')],
  });
  for (const [i, openid] of MEMBERS.entries()) await seedMember(openid, `m:${openid.slice(2)}`, { name: NAMES[i] as string });
  const created = await web.asMiniProgram(TRAINER, 'classroom', {
    action: 'save',
    requestId: 'web-classroom-e2e',
    title: '浏览器线下课',
    place: '总部 3 楼培训室',
    day: addDays(beijingDate(new Date()), 3),
    startTime: '14:00',
    endTime: '16:00',
    capacity: 10,
  });
  expect(created).toMatchObject({ ok: true });
  sessionId = created.data.id;
  for (const openid of MEMBERS) expect(await web.asMiniProgram(openid, 'classroom', { action: 'signUp', sessionId })).toMatchObject({ ok: true });
});

test('a trainer finds the session, its sign-ups, and downloads the attendance export', async () => {
  const page = await web.signInByScan(TRAINER, '/console/classroom');
  const table = page.getByTestId('classroom-table');
  await table.getByText('浏览器线下课').click();
  await page.getByTestId('session-title').waitFor();
  const attendees = page.getByTestId('attendees-table');
  await attendees.getByText('赵一').waitFor();
  await attendees.getByText('钱二').waitFor();
  const file = await downloadFrom(page, () => page.getByTestId('export-attendance').click());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('签到名单');
  expect(sheet?.getRow(1).values).toEqual([undefined, '工号', '姓名', '部门', '报名时间', '签到', '签到时间', '评估问卷']);
  expect(sheet?.rowCount).toBe(3);
  await page.close();
});

test('a trainer attaches take-away files: uploaded to their own folder, saved, listed, opened by members, removed', async () => {
  const page = await web.signInByScan(TRAINER, `/console/classroom/${sessionId}`);
  const files = page.getByTestId('takeaway-table');
  await files.waitFor();
  // Not a type wx.openDocument opens: refused before any upload.
  await page.getByTestId('takeaway-file').setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await page.getByText('只能上传 PDF、PPT、Word 或 Excel 文件').waitFor();
  await page.getByTestId('takeaway-file').setInputFiles({ name: '课后讲义.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await files.getByText('课后讲义.pdf').waitFor();
  const saved = await readDoc<ClassroomSessionDoc>('classroomSessions', sessionId);
  expect(saved?.files).toEqual([
    { name: '课后讲义.pdf', fileType: 'pdf', size: 15, fileID: expect.stringMatching(new RegExp(`/uploads/${TRAINER}/classroom-file/[^/]+\\.pdf$`)) },
  ]);
  // A member in the audience gets it with a download URL for wx.openDocument.
  const detail = await web.asMiniProgram(MEMBERS[0] as string, 'classroom', { action: 'detail', sessionId });
  expect(detail.data.files).toEqual([{ name: '课后讲义.pdf', fileType: 'pdf', url: expect.any(String) }]);
  await files.getByText('移除').click();
  await files.getByText('课后讲义.pdf').waitFor({ state: 'detached' });
  expect((await readDoc<ClassroomSessionDoc>('classroomSessions', sessionId))?.files).toEqual([]);
  await page.close();
});

test('a trainer of another branch sees no session and is refused by the server', async () => {
  const page = await web.signInByScan(BRANCH_TRAINER, '/console/classroom');
  await page.getByTestId('classroom-table').waitFor();
  expect(await page.getByTestId('classroom-table').getByText('浏览器线下课').count()).toBe(0);
  expect(await web.callFromPage(page, 'classroom', { action: 'get', sessionId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await web.callFromPage(page, 'classroom', { action: 'exportAttendance', sessionId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  await page.close();
});
