/** Shared fixtures for the admin page tests: departments, members and a backend that routes by action. */
import { ok, type BackendAnswer, type BackendCall } from '../wx-stub';
import { wxStub } from '../harness';
export { openPage, page, text } from '../harness';

export const DEPARTMENTS = [
  { id: 'd-hq', name: '总部', path: ['总部'], parentId: null },
  { id: 'd-hr', name: '人力资源部', path: ['总部', '人力资源部'], parentId: 'd-hq' },
  { id: 'd-east', name: '华东分公司', path: ['华东分公司'], parentId: null },
];

export function member(n: number, overrides: Record<string, unknown> = {}) {
  return {
    memberId: `m${n}`,
    employeeNo: `E${String(n).padStart(3, '0')}`,
    name: `员工${n}`,
    departmentId: 'd-hr',
    departmentPath: ['总部', '人力资源部'],
    jobLevel: 'individual',
    active: true,
    external: false,
    roles: [{ role: 'learner' }],
    bound: true,
    ...overrides,
  };
}

export type ActionHandlers = Record<string, (call: BackendCall) => BackendAnswer>;

/** Answers `admin.<action>` from `handlers`; listDepartments answers DEPARTMENTS unless overridden. */
export function adminBackend(handlers: ActionHandlers): void {
  wxStub().handler = (call) => {
    const action = String(call.event.action);
    const handler = handlers[action] ?? (action === 'listDepartments' ? () => ok(DEPARTMENTS) : undefined);
    if (call.name !== 'admin' || !handler) throw new Error(`unexpected call ${call.name}.${action}`);
    return handler(call);
  };
}

export const callsOf = (action: string): Record<string, unknown>[] =>
  wxStub()
    .calls.filter((call) => call.event.action === action)
    .map((call) => call.event);

