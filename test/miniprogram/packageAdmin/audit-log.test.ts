/** 操作日志: the audit log with kind, date and actor filters that page on, the export, and a scoped admin refused. */
import { failure, ok } from '../wx-stub';
import { pick, inStatus, settle, tap, texts, wxStub } from '../harness';
import { adminBackend, callsOf, openPage, page, text } from './admin-fixtures';
import { AUDIT_ACTION_LABELS as CONTRACT_LABELS } from '../../../typings/docs/admin-audit';
import { AUDIT_ACTION_LABELS } from '../../../miniprogram/utils/labels';
import type { AuditEntryView } from '../../../typings/functions/admin';

function entry(n: number, overrides: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id: `audit:${n}`,
    action: 'role_grant',
    actorId: 'm:A0001',
    actorName: '管理员甲',
    targetKind: 'member',
    targetId: `m:E00${n}`,
    targetName: `员工${n}`,
    before: { roles: [] },
    after: { roles: [{ role: 'trainer', scope: null }] },
    summary: '授予 培训管理员（全公司）',
    at: '2026-04-01T02:00:00.000Z',
    ...overrides,
  };
}

const open = () => openPage('packageAdmin/audit-log/index');

test('labels every audit kind as the contract does', () => {
  expect(AUDIT_ACTION_LABELS).toEqual(CONTRACT_LABELS);
});

test('lists entries newest first with kind, Beijing time, target, change and actor; pages on with the filters', async () => {
  adminBackend({
    auditLog: (call) =>
      call.event.page === 1
        ? ok(
            page(
              [entry(1), entry(2, { action: 'points_adjust', actorId: 'm:A0002', actorName: '管理员乙', summary: '+50 积分，原因：奖励；余额 0 → 50' })],
              1,
              12,
            ),
          )
        : ok(page([entry(11)], 2, 12)),
  });
  const { page: rendered, simulate } = await open();
  expect(callsOf('auditLog')).toEqual([{ action: 'auditLog', page: 1, pageSize: 10 }]);
  expect(texts(rendered.querySelectorAll('.entry-kind'))).toEqual(['授予角色', '积分调整']);
  expect(texts(rendered.querySelectorAll('.entry-time'))).toEqual(['2026-04-01 10:00', '2026-04-01 10:00']);
  expect(texts(rendered.querySelectorAll('.entry-summary'))).toEqual(['员工1：授予 培训管理员（全公司）', '员工2：+50 积分，原因：奖励；余额 0 → 50']);

  await pick(simulate, rendered.querySelector('.kind-picker'), 1);
  await settle(simulate);
  await pick(simulate, rendered.querySelector('.day-from'), '2026-04-01');
  await settle(simulate);
  await pick(simulate, rendered.querySelector('.day-to'), '2026-04-02');
  await settle(simulate);
  await tap(simulate, rendered.querySelectorAll('.entry-actor')[1]!);
  await settle(simulate);
  expect(text(rendered.querySelector('.actor-chip'))).toContain('操作人：管理员乙');
  const filters = { kind: 'points_adjust', fromDay: '2026-04-01', toDay: '2026-04-02', actorId: 'm:A0002' };
  expect(callsOf('auditLog').slice(1)).toEqual([
    { action: 'auditLog', page: 1, pageSize: 10, kind: 'points_adjust' },
    { action: 'auditLog', page: 1, pageSize: 10, kind: 'points_adjust', fromDay: '2026-04-01' },
    { action: 'auditLog', page: 1, pageSize: 10, kind: 'points_adjust', fromDay: '2026-04-01', toDay: '2026-04-02' },
    { action: 'auditLog', page: 1, pageSize: 10, ...filters },
  ]);
  await tap(simulate, rendered.querySelector('#status')!.querySelector('.load-more')!);
  await settle(simulate);
  expect(callsOf('auditLog').at(-1)).toEqual({ action: 'auditLog', page: 2, pageSize: 10, ...filters });

  await tap(simulate, rendered.querySelector('.clear-actor')!);
  await tap(simulate, rendered.querySelector('.clear-days')!);
  await settle(simulate);
  expect(callsOf('auditLog').at(-1)).toEqual({ action: 'auditLog', page: 1, pageSize: 10, kind: 'points_adjust' });
  expect(rendered.querySelector('.actor-chip')).toBeUndefined();
});

test('refuses a date range that ends before it starts without asking the server', async () => {
  adminBackend({ auditLog: () => ok(page([entry(1)], 1, 1)) });
  const { page: rendered, simulate } = await open();
  await pick(simulate, rendered.querySelector('.day-to'), '2026-04-01');
  await settle(simulate);
  await pick(simulate, rendered.querySelector('.day-from'), '2026-04-05');
  await settle(simulate);
  expect(callsOf('auditLog')).toHaveLength(2);
  expect(wxStub().toasts).toEqual(['开始日期不能晚于结束日期']);
});

test('exports the filtered log and opens it; an empty export says so', async () => {
  let rows = 4;
  adminBackend({
    auditLog: () => ok(page([entry(1)], 1, 1)),
    exportAudit: () => ok({ fileID: 'cloud://local-bucket/exports/admin-audit/a.xlsx', url: 'http://127.0.0.1:8787/storage/a.xlsx', rows }),
  });
  const { page: rendered, simulate } = await open();
  await pick(simulate, rendered.querySelector('.kind-picker'), 3);
  await settle(simulate);
  await tap(simulate, rendered.querySelector('.export-button')!);
  await settle(simulate, 6);
  expect(callsOf('exportAudit')).toEqual([{ action: 'exportAudit', kind: 'role_grant' }]);
  expect(wxStub().downloads).toEqual(['http://127.0.0.1:8787/storage/a.xlsx']);
  expect(wxStub().openedDocuments).toEqual([{ filePath: 'wxfile://tmp/download.xlsx', fileType: 'xlsx', showMenu: true }]);

  rows = 0;
  await tap(simulate, rendered.querySelector('.export-button')!);
  await settle(simulate, 6);
  expect(wxStub().downloads).toHaveLength(1);
  expect(wxStub().toasts).toEqual(['没有可导出的记录']);
});

test('a department-scoped admin sees the server refusal', async () => {
  adminBackend({ auditLog: () => failure('FORBIDDEN', '仅限全公司范围的管理员查看操作日志') });
  const { page: rendered } = await open();
  expect(text(inStatus(rendered, '.state-error'))).toContain('仅限全公司范围的管理员查看操作日志');
});
