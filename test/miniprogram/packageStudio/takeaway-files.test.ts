/**
 * 课程编辑's take-away files (components/takeaway-files with purpose course-file): the course's files listed
 * with type and size, a file picked from a chat uploaded to the author's own course-file folder, one that is
 * too large or of another type refused before any upload, one removed, and the list saved with the draft;
 * a revision in review lists its files without changing them.
 */
import { settle, tap, wxStub } from '../harness';
import { backend, callsOf, fields, ok, openPage, revision, storedFields, texts } from './studio-fixtures';
import type { CourseFieldsInput } from '../../../typings/functions/authoring';
import type { TakeawayFileDoc } from '../../../typings/domain';
import { TAKEAWAY_LIMITS } from '../../../typings/takeaway-files';

const KEPT: TakeawayFileDoc = { name: '安全手册.pdf', fileID: 'cloud://local-bucket/uploads/o-t/course-file/handbook.pdf', fileType: 'pdf', size: 1_258_291 };

test('attaches a file picked from a chat to the author’s own course-file folder, removes one, saves the list with the draft', async () => {
  backend({
    'authoring.getDraft': () => ok(revision({ fields: fields({ files: [KEPT] }) })),
    'authoring.saveDraft': (call) => ok(revision({ fields: storedFields(call.event.fields), updatedAt: '2026-03-01T03:00:00.000Z' })),
  });
  const { page, simulate } = await openPage('packageStudio/editor/index', { courseId: 'c1' });
  const files = page.querySelector('.takeaway-files')!;
  expect(texts(files.querySelectorAll('.file-name'))).toEqual(['安全手册.pdf']);
  expect(texts(files.querySelectorAll('.file-meta'))).toEqual(['PDF · 1.2 MB']);

  // Too large, or not a document WeChat opens: refused before any upload.
  wxStub().files.set('wxfile://tmp/big', 'x');
  wxStub().chooseMessageFileAnswer = [{ path: 'wxfile://tmp/big', name: '大表.xlsx', size: TAKEAWAY_LIMITS.fileBytes + 1 }];
  await tap(simulate, files.querySelector('.add-file')!);
  await settle(simulate, 6);
  expect(wxStub().toasts).toContain('文件过大（最大 20 MB）');
  wxStub().chooseMessageFileAnswer = [{ path: 'wxfile://tmp/big', name: '说明.txt', size: 10 }];
  await tap(simulate, files.querySelector('.add-file')!);
  await settle(simulate, 6);
  expect(wxStub().toasts).toContain('只能上传 PDF、PPT、Word 或 Excel 文件');
  expect(wxStub().uploads).toHaveLength(0);

  wxStub().files.set('wxfile://tmp/sheet', 'sheet');
  wxStub().chooseMessageFileAnswer = [{ path: 'wxfile://tmp/sheet', name: '检查清单.xlsx', size: 5 }];
  await tap(simulate, files.querySelector('.add-file')!);
  await settle(simulate, 6);
  expect(wxStub().chooseMessageFileOptions.at(-1)).toEqual({ count: 1, type: 'file', extension: ['pdf', 'ppt', 'pptx', 'doc', 'docx', 'xls', 'xlsx'] });
  expect(wxStub().uploads).toHaveLength(1);
  expect(wxStub().uploads[0]?.cloudPath).toMatch(/^uploads\/[^/]+\/course-file\/[A-Za-z0-9_-]+\.xlsx$/);
  expect(texts(files.querySelectorAll('.file-name'))).toEqual(['安全手册.pdf', '检查清单.xlsx']);
  expect(texts(files.querySelectorAll('.file-meta'))).toEqual(['PDF · 1.2 MB', 'XLSX · 5 B']);

  await tap(simulate, files.querySelector('.remove-file')!);
  await tap(simulate, page.querySelector('.save-button')!);
  await settle(simulate);
  const saved = callsOf('authoring', 'saveDraft')[0] as { fields: CourseFieldsInput };
  expect(saved.fields.files).toEqual([{ name: '检查清单.xlsx', fileType: 'xlsx', size: 5, fileID: `cloud://local-bucket/${wxStub().uploads[0]!.cloudPath}` }]);
});

test('a revision in review lists its files but offers neither adding nor removing', async () => {
  backend({ 'authoring.getDraft': () => ok(revision({ status: 'in_review', fields: fields({ files: [KEPT] }) })) });
  const { page } = await openPage('packageStudio/editor/index', { courseId: 'c1' });
  const files = page.querySelector('.takeaway-files')!;
  expect(texts(files.querySelectorAll('.file-name'))).toEqual(['安全手册.pdf']);
  expect(files.querySelector('.add-file')).toBeFalsy();
  expect(files.querySelector('.remove-file')).toBeFalsy();
});
