/** Classroom sessions as the server answers them, for page tests. */
import type { AttendeeView, SessionEditView, SessionSummaryView, SessionView } from '../../../typings/functions/classroom';

export function sessionSummary(id: string, overrides: Partial<SessionSummaryView> = {}): SessionSummaryView {
  return {
    id,
    title: '高效沟通工作坊',
    place: '总部 3 楼培训室',
    day: '2026-06-10',
    startTime: '14:00',
    endTime: '16:00',
    capacity: 30,
    signedUp: 12,
    phase: 'open',
    mine: 'none',
    ...overrides,
  };
}

export function sessionView(id: string, overrides: Partial<SessionView> = {}): SessionView {
  return {
    ...sessionSummary(id),
    summary: '面对面练习反馈与倾听',
    startAt: '2026-06-10T06:00:00.000Z',
    endAt: '2026-06-10T08:00:00.000Z',
    attendFrom: '2026-06-10T05:30:00.000Z',
    departmentNames: [],
    audiences: [],
    preReading: { courseId: 'c-reading', title: '沟通的四个层次' },
    preTest: { courseId: 'c-quiz', title: '沟通课前测验', required: true, passed: false },
    postQuiz: { courseId: 'c-quiz', title: '沟通课前测验' },
    survey: [
      { id: 'q1', kind: 'rating', prompt: '课程整体满意度' },
      { id: 'q2', kind: 'open', prompt: '最大的收获' },
    ],
    surveyOpen: false,
    surveyed: false,
    files: [{ name: '讲义', fileType: 'pdf', url: 'https://files.example/handout.pdf' }],
    manager: false,
    status: 'published',
    ...overrides,
  };
}

export function sessionEdit(id: string, overrides: Partial<SessionEditView> = {}): SessionEditView {
  return {
    id,
    title: '高效沟通工作坊',
    summary: '',
    place: '总部 3 楼培训室',
    day: '2026-06-10',
    startTime: '14:00',
    endTime: '16:00',
    capacity: 30,
    departmentIds: ['dept:总部'],
    departmentNames: ['总部'],
    audiences: [],
    preReadingCourseId: null,
    preTestCourseId: 'c-quiz',
    preTestRequired: true,
    postQuizCourseId: null,
    preReading: null,
    preTest: { courseId: 'c-quiz', title: '沟通课前测验' },
    postQuiz: null,
    survey: [{ id: 'q1', kind: 'rating', prompt: '课程整体满意度' }],
    files: [],
    status: 'published',
    signedUp: 2,
    attended: 1,
    surveyed: 1,
    scopeLabel: '全公司',
    ...overrides,
  };
}

export function attendee(memberId: string, attendedAt: string | null): AttendeeView {
  return {
    memberId,
    name: `学员${memberId}`,
    employeeNo: null,
    departmentPath: ['总部'],
    signedUpAt: '2026-06-01T02:00:00.000Z',
    attendedAt,
    surveyed: attendedAt !== null,
  };
}
