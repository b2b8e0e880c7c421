/**
 * Course page: the take-away files (课后资料) listed with type and size; tapping one asks the server for its
 * download URL (course.fileUrl), downloads it and opens it in WeChat's document viewer with its type; a
 * refusal is said in a toast and opens nothing; a course without files shows no such card.
 */
import { failure, ok } from '../wx-stub';
import { settle, tap, wxStub, openPage, texts } from '../harness';
import { callsOf, courseBackend, detail } from '../../helpers/pages/course';

const FILES = [
  { name: '检查清单.xlsx', fileType: 'xlsx' as const, size: 8_400 },
  { name: '安全手册.pdf', fileType: 'pdf' as const, size: 1_258_291 },
];

test('lists the files and opens the tapped one from the URL the server gives', async () => {
  courseBackend({
    'course.detail': () => ok(detail({ files: FILES })),
    'course.fileUrl': (call) => ok({ ...FILES[call.event.index]!, url: `https://files.example/${call.event.index}` }),
  });
  const { page, simulate } = await openPage('packageCourse/course/index', { id: 'c1' });
  const files = page.querySelector('.takeaway-files')!;
  expect(texts(files.querySelectorAll('.file-name'))).toEqual(['检查清单.xlsx', '安全手册.pdf']);
  expect(texts(files.querySelectorAll('.file-meta'))).toEqual(['XLSX · 8 KB', 'PDF · 1.2 MB']);
  expect(files.querySelector('.add-file')).toBeFalsy();
  await tap(simulate, files.querySelectorAll('.file')[1]!);
  await settle(simulate, 6);
  expect(callsOf('course.fileUrl')).toEqual([{ action: 'fileUrl', courseId: 'c1', index: 1 }]);
  expect(wxStub().deviceCalls.slice(-2)).toEqual(['downloadFile https://files.example/1', `openDocument ${wxStub().downloadTempFilePath}`]);
  expect(wxStub().openedDocuments).toEqual([{ filePath: wxStub().downloadTempFilePath, fileType: 'pdf', showMenu: true }]);
});

test('a refused file says why and opens nothing; a course without files has no file card', async () => {
  courseBackend({
    'course.detail': () => ok(detail({ files: FILES })),
    'course.fileUrl': () => failure('NOT_FOUND', '课程不存在或未对你开放'),
  });
  const { page, simulate } = await openPage('packageCourse/course/index', { id: 'c1' });
  await tap(simulate, page.querySelector('.takeaway-files')!.querySelector('.file')!);
  await settle(simulate, 6);
  expect(wxStub().toasts).toContain('课程不存在或未对你开放');
  expect(wxStub().openedDocuments).toEqual([]);

  courseBackend({ 'course.detail': () => ok(detail()) });
  const plain = await openPage('packageCourse/course/index', { id: 'c1' });
  expect(plain.page.querySelector('.takeaway-files')).toBeFalsy();
});
