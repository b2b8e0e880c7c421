/**
 * Binding form rules: checked before anything is sent (the function validates again), and the Chinese message
 * the binding page shows for each way binding can fail.
 */
import type { ApiErrorCode } from '../services/transport';
import { BIND_LIMITS } from './limits';

/** The roster's employee number format (server/roster/fields.ts). */
const EMPLOYEE_NO = /^[0-9A-Za-z_-]+$/;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export type Checked<K extends string, T> = { ok: true; value: T } | { ok: false; errors: FieldErrors<K> };

function finish<K extends string, T>(errors: FieldErrors<K>, value: T): Checked<K, T> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

export function checkEmployeeBinding(raw: { employeeNo: string; name: string }): Checked<'employeeNo' | 'name', { employeeNo: string; name: string }> {
  // Full-width digits and letters (０１２) fold to ASCII, as the roster import does.
  const employeeNo = raw.employeeNo.normalize('NFKC').trim();
  const name = raw.name.trim().replace(/\s+/g, ' ');
  const errors: FieldErrors<'employeeNo' | 'name'> = {};
  if (employeeNo === '') errors.employeeNo = '请输入工号';
  else if (employeeNo.length > BIND_LIMITS.employeeNo) errors.employeeNo = `工号最多 ${BIND_LIMITS.employeeNo} 位`;
  else if (!EMPLOYEE_NO.test(employeeNo)) errors.employeeNo = '工号只能包含字母、数字、下划线或短横线';
  if (name === '') errors.name = '请输入姓名';
  else if (name.length > BIND_LIMITS.name) errors.name = `姓名最多 ${BIND_LIMITS.name} 个字`;
  return finish(errors, { employeeNo, name });
}

export function checkInvitationCode(raw: string): Checked<'code', string> {
  const code = raw.normalize('NFKC').trim();
  const errors: FieldErrors<'code'> = {};
  if (code === '') errors.code = '请输入邀请码';
  else if (code.length > BIND_LIMITS.invitationCode) errors.code = `邀请码最多 ${BIND_LIMITS.invitationCode} 位`;
  else if (/\s/.test(code)) errors.code = '邀请码不能包含空格';
  return finish(errors, code);
}

/** A bind code (绑定码) as an admin hands it over: dashes and spaces between the groups are fine. */
export function checkBindCode(raw: string): Checked<'bindCode', string> {
  const bindCode = raw.normalize('NFKC').trim();
  const errors: FieldErrors<'bindCode'> = {};
  if (bindCode === '') errors.bindCode = '请输入管理员提供的绑定码';
  else if (bindCode.length > BIND_LIMITS.bindCode) errors.bindCode = `绑定码最多 ${BIND_LIMITS.bindCode} 位`;
  return finish(errors, bindCode);
}

/** Shown when WeChat's phone-number dialog gave no number (declined, or none in local mode). */
export const PHONE_DECLINED_MESSAGE = '需要验证手机号才能绑定；花名册未登记手机号或手机号已变更的，请向管理员索取绑定码';

/**
 * What the binding page says for each refusal; other codes show the function's own message (RATE_LIMITED
 * carries how long to wait).
 */
export const BIND_ERROR_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  BIND_MISMATCH: '工号、姓名或验证信息不匹配，请核对后重试。花名册未登记手机号或手机号已变更的，请向管理员索取绑定码',
  PHONE_CODE_INVALID: '手机号验证已失效，请重新点击“手机号验证并绑定”',
  MEMBER_TAKEN: '该工号已被其他微信绑定。如非本人操作，请联系管理员解绑后再试',
  INVITATION_INVALID: '邀请码无效、已使用或已过期，请向管理员索取新的邀请码',
  INVALID_INPUT: '填写的内容格式不正确，请检查后重试',
};

export const INACTIVE_MESSAGE = '你的员工身份已停用';
export const INACTIVE_HINT = '停用期间无法查看学习内容。如有疑问，请联系管理员。';
