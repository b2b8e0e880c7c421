/**
 * 线下课管理 for trainers: the managed list and 新建; the editor creates once per visit (its request id) with
 * the standard survey; the session's page shows figures, survey results and attendees, exports both tables
 * and cancels; the code screen shows the code and asks for the next one.
 */
import { failure, ok } from '../wx-stub';
import { inStatus, openPage, page, pick, settle, tap, text, texts, typeInto, wxStub } from '../harness';
import { beijingDay } from '../../../miniprogram/utils/time';
import { backend, inputsOf } from '../../helpers/backend';
import { attendee, sessionEdit, sessionSummary } from '../../helpers/pages/classroom';
import { CLASSROOM_LIMITS } from '../../../typings/functions/classroom';
import type { CourseSummary } from '../../../typings/functions/course';

const DEPARTMENTS = [
  { id: 'dept:总部', name: '总部', path: ['总部'], parentId: null },
  { id: 'dept:甲分公司', name: '甲分公司', path: ['甲分公司'], parentId: null },
];

function course(id: string, title: string, hasQuiz: boolean): CourseSummary {
  return {
    id,
    title,
    summary: '',
    coverUrl: null,
    category: 'general_skills',
    format: 'article',
    durationMinutes: 5,
    tags: [],
    audiences: [],
    learners: 0,
    rating: null,
    hasQuiz,
    publishedAt: '2026-05-01T02:00:00.000Z',
  };
}

test('lists my sessions and opens one or the editor', async () => {
  backend({ 'classroom.managed': () => ok(page([sessionSummary('s1')])) });
  const { page: rendered, simulate } = await openPage('packageClassroom/manage/index');
  expect(texts(rendered.querySelectorAll('.session-title'))).toEqual(['高效沟通工作坊']);
  await tap(simulate, rendered.querySelector('.session')!);
  await tap(simulate, rendered.querySelector('.create')!);
  expect(wxStub().navigations).toEqual(['/packageClassroom/report/index?id=s1', '/packageClassroom/editor/index']);
});

test('creates a session with the standard survey, the same request id on a retry', async () => {
  let attempts = 0;
  backend({
    'classroom.save': () => {
      attempts += 1;
      return attempts === 1 ? failure('INTERNAL', '服务器开小差了，请稍后重试') : ok(sessionEdit('s9'));
    },
    'admin.listDepartments': () => ok(DEPARTMENTS),
  });
  const { page: rendered, simulate } = await openPage('packageClassroom/editor/index');
  await tap(simulate, rendered.querySelector('.save')!);
  expect(wxStub().toasts).toContain('请填写课程名称和地点');
  await typeInto(simulate, rendered, '.title-input', '高效沟通工作坊');
  await typeInto(simulate, rendered, '.place-input', '总部 3 楼培训室');
  await tap(simulate, rendered.querySelector('.save')!);
  await tap(simulate, rendered.querySelector('.save')!);
  const [first, second] = inputsOf('classroom', 'save');
  expect(first).toEqual(second);
  expect(first).toMatchObject({ title: '高效沟通工作坊', place: '总部 3 楼培训室', capacity: 30, startTime: '14:00', endTime: '16:00' });
  expect((first as { survey: unknown[] }).survey).toHaveLength(3);
  expect(typeof (first as { requestId?: string }).requestId).toBe('string');
  expect(wxStub().navigations).toEqual(['/packageClassroom/report/index?id=s9']);
});

test('the day and the times are picked on the kit’s picker-field and sent as picked', async () => {
  backend({ 'classroom.save': () => ok(sessionEdit('s9')), 'admin.listDepartments': () => ok(DEPARTMENTS) });
  const { page: rendered, simulate } = await openPage('packageClassroom/editor/index');
  await typeInto(simulate, rendered, '.title-input', '高效沟通工作坊');
  await typeInto(simulate, rendered, '.place-input', '总部 3 楼培训室');
  const day = beijingDay(Date.now(), 14);
  await pick(simulate, rendered.querySelector('.day'), day);
  await pick(simulate, rendered.querySelector('.start-time'), '09:30');
  await pick(simulate, rendered.querySelector('.end-time'), '11:05');
  expect(texts(['.day', '.start-time', '.end-time'].map((field) => rendered.querySelector(field)!.querySelector('.picker-field-value')!))).toEqual([
    day,
    '09:30',
    '11:05',
  ]);
  await tap(simulate, rendered.querySelector('.save')!);
  expect(inputsOf('classroom', 'save')[0]).toMatchObject({ day, startTime: '09:30', endTime: '11:05' });
});

test('shows a session’s figures, results and attendees; exports both tables; cancels it', async () => {
  backend({
    'classroom.get': () => ok(sessionEdit('s1')),
    'classroom.surveyResults': () =>
      ok({
        responses: 1,
        attended: 1,
        ratings: [{ questionId: 'q1', prompt: '课程整体满意度', answers: 1, average: 4, distribution: [0, 0, 0, 1, 0] }],
        open: [{ questionId: 'q2', prompt: '最大的收获', answers: ['学会了先倾听'] }],
      }),
    'classroom.attendees': () => ok(page([attendee('a1', '2026-06-10T05:40:00.000Z'), attendee('a2', null)])),
    'classroom.exportAttendance': () => ok({ fileID: 'cloud://x/a.xlsx', url: 'https://files.example/a.xlsx', rows: 2 }),
    'classroom.exportSurvey': () => ok({ fileID: 'cloud://x/s.xlsx', url: 'https://files.example/s.xlsx', rows: 1 }),
    'classroom.cancel': () => ok(sessionEdit('s1', { status: 'cancelled' })),
  });
  const { page: rendered, simulate } = await openPage('packageClassroom/report/index', { id: 's1' });
  expect(text(rendered.querySelector('.signed-up'))).toBe('2/30');
  expect(text(rendered.querySelector('.rating-average'))).toContain('平均 4 分');
  expect(texts(rendered.querySelectorAll('.open-answer'))).toEqual(['学会了先倾听']);
  expect(texts(rendered.querySelectorAll('.attendee-attended'))).toEqual(['已签到 2026-06-10 13:40 · 已评估', '未签到']);
  await tap(simulate, rendered.querySelector('.export-attendance')!);
  // The workbook's download and opening answer on later ticks.
  await settle(simulate, 6);
  await tap(simulate, rendered.querySelector('.export-survey')!);
  await settle(simulate, 6);
  expect(wxStub().downloads).toEqual(['https://files.example/a.xlsx', 'https://files.example/s.xlsx']);
  await tap(simulate, rendered.querySelector('.show-code')!);
  expect(wxStub().navigations).toEqual(['/packageClassroom/code/index?id=s1']);
  wxStub().modalAnswers.push(true);
  await tap(simulate, rendered.querySelector('.cancel-session')!);
  expect(inputsOf('classroom', 'cancel')).toEqual([{ sessionId: 's1' }]);
  expect(rendered.querySelector('.cancelled')).toBeTruthy();
  expect(rendered.querySelector('.show-code')).toBeFalsy();
});

test('the code screen shows the current code and the count attended', async () => {
  backend({
    'classroom.attendanceCode': () =>
      ok({
        token: 'abcdefabcdef.zzz1.0123456789',
        code: 'data:image/png;base64,AAAA',
        page: 'packageClassroom/attend/index?scene=abcdefabcdef.zzz1.0123456789',
        refreshAt: new Date(Date.now() + 30_000).toISOString(),
        attended: 7,
        signedUp: 20,
      }),
  });
  const { page: rendered, simulate } = await openPage('packageClassroom/code/index', { id: 's1' });
  expect(text(rendered.querySelector('.attended'))).toBe('已签到 7 / 20');
  expect(inputsOf('classroom', 'attendanceCode')).toEqual([{ sessionId: 's1' }]);
  (rendered.instance as unknown as { onUnload(): void }).onUnload();
  backend({ 'classroom.attendanceCode': () => failure('SESSION_CLOSED', '课程已取消') });
  const closed = await openPage('packageClassroom/code/index', { id: 's1' });
  expect(text(inStatus(closed.page, '.state-error'))).toContain('课程已取消');
  (closed.page.instance as unknown as { onUnload(): void }).onUnload();
  void simulate;
});

test('attaches take-away files picked from a chat to the trainer’s own classroom-file folder, removes one, saves the list', async () => {
  const kept = { name: '旧讲义.pdf', fileID: 'cloud://local-bucket/uploads/o-t/classroom-file/old.pdf', fileType: 'pdf' as const, size: 4096 };
  backend({
    'classroom.get': () => ok(sessionEdit('s1', { files: [kept] })),
    'classroom.save': () => ok(sessionEdit('s1')),
    'admin.listDepartments': () => ok(DEPARTMENTS),
  });
  const { page: rendered, simulate } = await openPage('packageClassroom/editor/index', { id: 's1' });
  const files = rendered.querySelector('.takeaway-files')!;
  expect(texts(files.querySelectorAll('.file-name'))).toEqual(['旧讲义.pdf']);
  // Too large for members to download: refused before any upload.
  wxStub().files.set('wxfile://tmp/big', 'x');
  wxStub().chooseMessageFileAnswer = [{ path: 'wxfile://tmp/big', name: '大文件.pptx', size: CLASSROOM_LIMITS.fileBytes + 1 }];
  await tap(simulate, files.querySelector('.add-file')!);
  await settle(simulate, 6);
  expect(wxStub().toasts).toContain('文件过大（最大 20 MB）');
  expect(wxStub().uploads).toHaveLength(0);
  wxStub().files.set('wxfile://tmp/deck', 'slides');
  wxStub().chooseMessageFileAnswer = [{ path: 'wxfile://tmp/deck', name: '沟通模型 Slides.pptx', size: 6 }];
  await tap(simulate, files.querySelector('.add-file')!);
  await settle(simulate, 6);
  expect(wxStub().chooseMessageFileOptions.at(-1)).toEqual({ count: 1, type: 'file', extension: ['pdf', 'ppt', 'pptx', 'doc', 'docx', 'xls', 'xlsx'] });
  expect(wxStub().uploads).toHaveLength(1);
  expect(wxStub().uploads[0]?.cloudPath).toMatch(/^uploads\/[^/]+\/classroom-file\/[A-Za-z0-9_-]+\.pptx$/);
  expect(texts(files.querySelectorAll('.file-name'))).toEqual(['旧讲义.pdf', '沟通模型 Slides.pptx']);
  await tap(simulate, files.querySelector('.remove-file')!);
  await tap(simulate, rendered.querySelector('.save')!);
  expect((inputsOf('classroom', 'save')[0] as { files: unknown[] }).files).toEqual([
    { name: '沟通模型 Slides.pptx', fileType: 'pptx', size: 6, fileID: `cloud://local-bucket/${wxStub().uploads[0]!.cloudPath}` },
  ]);
});

test('picks the audience (departments, groups) and the linked courses, tests among courses with a quiz', async () => {
  backend({
    'classroom.get': () => ok(sessionEdit('s1')),
    'classroom.save': () => ok(sessionEdit('s1')),
    'admin.listDepartments': () => ok(DEPARTMENTS),
    'course.list': (call) =>
      ok(
        page(
          call.event.keyword === '沟通'
            ? [course('c-talk', '沟通的四个层次', false), course('c-talk-quiz', '沟通课后测验', true)]
            : [course('c-read', '高效会议', false), course('c-quiz2', '会议课前测验', true)],
        ),
      ),
  });
  const { page: rendered, simulate } = await openPage('packageClassroom/editor/index', { id: 's1' });
  await settle(simulate, 4);
  // What the session targets and links is shown as saved.
  const departments = () => rendered.querySelector('.departments')!.querySelectorAll('.department-row');
  expect(texts(departments()).map((row) => row.split(' ')[0])).toEqual(['总部', '甲分公司']);
  expect(text(rendered.querySelector('.departments')!.querySelector('.picked-list'))).toBe('总部');
  expect(texts(rendered.querySelectorAll('.slot-title'))).toEqual(['未选择', '沟通课前测验', '未选择']);
  expect(rendered.querySelector('.pretest-switch')).toBeTruthy();

  await tap(simulate, departments()[1]!);
  await tap(simulate, departments()[0]!);
  await tap(simulate, rendered.querySelector('.audiences')!.querySelectorAll('.chip')[2]!);
  // 课前阅读: any published course, searched by keyword.
  await tap(simulate, rendered.querySelector('.slot-preReading .pick-course')!);
  expect(texts(rendered.querySelectorAll('.course-choice'))).toEqual(['高效会议', '会议课前测验']);
  await typeInto(simulate, rendered, '.course-keyword', '沟通');
  await tap(simulate, rendered.querySelector('.search-courses')!);
  expect(inputsOf('course', 'list').at(-1)).toEqual({ page: 1, pageSize: 20, keyword: '沟通' });
  await tap(simulate, rendered.querySelectorAll('.course-choice')[0]!);
  // 课后测验: only courses with a quiz are offered.
  await tap(simulate, rendered.querySelector('.slot-postQuiz .pick-course')!);
  expect(texts(rendered.querySelectorAll('.course-choice'))).toEqual(['会议课前测验']);
  await tap(simulate, rendered.querySelector('.course-choice')!);
  // The pre-test cleared: its requirement goes with it.
  await tap(simulate, rendered.querySelector('.slot-preTest .clear-course')!);
  expect(rendered.querySelector('.pretest-switch')).toBeFalsy();
  expect(texts(rendered.querySelectorAll('.slot-title'))).toEqual(['沟通的四个层次', '未选择', '会议课前测验']);

  await tap(simulate, rendered.querySelector('.save')!);
  expect(inputsOf('classroom', 'save')[0]).toMatchObject({
    sessionId: 's1',
    departmentIds: ['dept:甲分公司'],
    audiences: ['first_line_manager'],
    preReadingCourseId: 'c-talk',
    preTestCourseId: null,
    preTestRequired: false,
    postQuizCourseId: 'c-quiz2',
  });
});

test('a new session sends no departments (the trainer’s scope) when none is picked, and a pre-test required when switched on', async () => {
  backend({
    'classroom.save': () => ok(sessionEdit('s9')),
    'admin.listDepartments': () => failure('INTERNAL', '服务繁忙'),
    'course.list': () => ok(page([course('c-quiz2', '会议课前测验', true)])),
  });
  const { page: rendered, simulate } = await openPage('packageClassroom/editor/index');
  await settle(simulate, 4);
  expect(text(rendered.querySelector('.departments-note'))).toBe('部门列表加载失败：服务繁忙');
  await typeInto(simulate, rendered, '.title-input', '会议效率工作坊');
  await typeInto(simulate, rendered, '.place-input', '总部 5 楼');
  await tap(simulate, rendered.querySelector('.slot-preTest .pick-course')!);
  await tap(simulate, rendered.querySelector('.course-choice')!);
  // The TDesign switch's change event, as the page's handler receives it.
  (rendered.instance as unknown as { onPreTestRequired(event: { detail: { value: boolean } }): void }).onPreTestRequired({ detail: { value: true } });
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.save')!);
  expect(inputsOf('classroom', 'save')[0]).toMatchObject({
    departmentIds: [],
    audiences: [],
    preReadingCourseId: null,
    preTestCourseId: 'c-quiz2',
    preTestRequired: true,
    postQuizCourseId: null,
  });
});
