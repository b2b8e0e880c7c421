/** Classroom sessions (线下课) for tests: a stored session document built from a few fields. */
import type { ClassroomSessionDoc, ClassroomSignupDoc } from '../../typings/domain';

let seq = 0;

/** A published session with 30 seats, open to everyone, starting in `startsInHours` (from now) for two hours. */
export function sessionDoc(overrides: Partial<ClassroomSessionDoc> & { startsInHours?: number } = {}): ClassroomSessionDoc {
  const { startsInHours = 48, ...fields } = overrides;
  seq += 1;
  const startAt = new Date(Date.now() + startsInHours * 3_600_000);
  return {
    _id: `${String(seq).padStart(4, '0')}${'a'.repeat(8)}`.slice(0, 12),
    title: '高效沟通工作坊',
    summary: '',
    place: '总部 3 楼培训室',
    startAt,
    endAt: new Date(startAt.getTime() + 2 * 3_600_000),
    capacity: 30,
    signedUp: 0,
    departmentIds: [],
    departmentNames: [],
    audiences: [],
    preReading: null,
    preTest: null,
    preTestRequired: false,
    postQuiz: null,
    survey: [],
    files: [],
    status: 'published',
    scopeDepartmentId: null,
    ownerId: 'm:trainer',
    ownerName: '讲师',
    attendSecret: 'test-secret',
    createdAt: new Date(),
    updatedAt: new Date(),
    cancelledAt: null,
    ...fields,
  };
}

/** A member's sign-up for `sessionId` as signing up stores it (headquarters, not attended yet). */
export function signupDoc(sessionId: string, memberId: string, at = new Date()): ClassroomSignupDoc {
  return {
    _id: `${sessionId}:${memberId}`,
    sessionId,
    memberId,
    name: memberId,
    employeeNo: null,
    departmentId: 'dept:总部',
    departmentPath: ['总部'],
    status: 'signed_up',
    signedUpAt: at,
    cancelledAt: null,
    attendedAt: null,
    surveyed: false,
    updatedAt: at,
  };
}
