/**
 * The binding attempt log (绑定记录): one `bindLog` document per attempt, success or failure, written in
 * the binding's own transaction (or, for a caller refused before it, on its own). Admins read it through
 * admin.listBindAttempts (server/admin/bind-codes.ts); the caller never sees the reason.
 */
import type { BindLogDoc, BindLogOutcome, BindLogReason, MemberDoc } from '../../typings/domain';

export interface AttemptSubject {
  openid: string;
  employeeNo: string;
  factor: BindLogDoc['factor'];
}

function outcomeOf(reason: BindLogReason): BindLogOutcome {
  if (reason === 'bound') return 'bound';
  return reason === 'rate_limited' ? 'rate_limited' : 'refused';
}

export function bindLogEntry(subject: AttemptSubject, attempt: { reason: BindLogReason; member?: MemberDoc }, at: Date): Omit<BindLogDoc, '_id'> {
  return {
    openid: subject.openid,
    // What was typed is kept within the contract's 32 characters; the log never grows from hostile input.
    employeeNo: subject.employeeNo.slice(0, 32),
    memberId: attempt.member?._id ?? null,
    departmentId: attempt.member?.departmentId ?? null,
    factor: subject.factor,
    outcome: outcomeOf(attempt.reason),
    reason: attempt.reason,
    at,
  };
}
