/**
 * 导入花名册: choose a file from a chat → upload through the transport → dry-run preview (counts, rejected
 * rows) → confirm; a mass deactivation needs a second, explicit confirmation and is re-sent with the flag.
 */
import { failure, ok } from '../wx-stub';
import { loadComponent, settle, tap, wxStub, type RenderedComponent } from '../harness';
import { callsOf, text } from './admin-fixtures';
import { ERROR_MESSAGES } from '../../../typings/errors';
import { backend, type ActionRoute } from '../../helpers/backend';
import type { RosterImportReport, RosterImportResult } from '../../../typings/functions/admin';

/** Answers admin.importRoster (the page's only call; the upload folder is the stub's own). */
const importRoster = (route: ActionRoute<'admin', 'importRoster'>) => backend({ 'admin.importRoster': route });

const CSV = '工号,姓名,部门,职级,入职日期\nE001,王芳,总部/人力资源部,基层员工,2020-01-01\n';

function result(dryRun: boolean, overrides: Partial<RosterImportReport> = {}, rejected: RosterImportResult['rejected'] = []): RosterImportResult {
  return {
    dryRun,
    report: { inserted: 3, updated: 2, unchanged: 190, deactivated: 1, reactivated: 0, rejected: rejected.length, departmentsCreated: 1, ...overrides },
    rejected,
    changes: { added: [], changed: [], reactivated: [], deactivated: [] },
  };
}

function open() {
  const loaded = loadComponent('packageAdmin/roster/index');
  return { ...loaded, page: loaded.render() };
}

function chooseCsv(name = '花名册 2026.csv', size = CSV.length) {
  wxStub().files.set('wxfile://tmp/roster', CSV);
  wxStub().chooseMessageFileAnswer = [{ path: 'wxfile://tmp/roster', name, size }];
}

async function choose(simulate: Parameters<typeof settle>[0], rendered: RenderedComponent) {
  await tap(simulate, rendered.querySelector('.choose-button')!);
  await settle(simulate, 6);
}

/** Preview and result are never shown together, so the page's counts are the ones on screen. */
const counts = (rendered: RenderedComponent) => rendered.querySelectorAll('.count').map(text);

test('uploads the chosen file, previews with dryRun, then imports on confirmation', async () => {
  chooseCsv();
  importRoster((call) =>
    call.event.dryRun
      ? ok(
          result(true, {}, [
            { row: 7, employeeNo: 'E007', reason: '部门不能为空' },
            { row: 9, reason: '缺少工号' },
          ]),
        )
      : ok(result(false)),
  );
  const { page, simulate } = open();
  await choose(simulate, page);

  expect(wxStub().chooseMessageFileOptions).toEqual([{ count: 1, type: 'file', extension: ['csv', 'xlsx'] }]);
  expect(wxStub().uploads).toHaveLength(1);
  expect(wxStub().uploads[0]).toMatchObject({ via: 'gateway', content: CSV });
  expect(wxStub().uploads[0]?.cloudPath).toMatch(/^uploads\/[^/]+\/roster\/[A-Za-z0-9_-]+\.csv$/);
  const fileID = `cloud://local-bucket/${wxStub().uploads[0]!.cloudPath}`;
  expect(callsOf('importRoster')).toEqual([{ action: 'importRoster', fileID, dryRun: true }]);

  expect(counts(page)).toEqual(['3新增', '2更新', '190未变化', '1停用', '0恢复', '1新建部门', '2拒绝']);
  expect(page.querySelectorAll('.rejected-row').map(text)).toEqual(['第 7 行（工号 E007）：部门不能为空', '第 9 行：缺少工号']);
  expect(page.querySelector('.mass-warning')).toBeFalsy();

  await tap(simulate, page.querySelector('.import-button')!);
  await settle(simulate);
  expect(callsOf('importRoster')[1]).toEqual({ action: 'importRoster', fileID, dryRun: false, allowMassDeactivation: false });
  expect(wxStub().modals).toEqual([]);
  expect(text(page.querySelector('.result'))).toContain('导入完成');

  await tap(simulate, page.querySelector('.restart-button')!);
  expect(page.querySelector('.choose-button')).toBeTruthy();
});

test('a mass deactivation answer at import asks a second time and re-sends with allowMassDeactivation', async () => {
  chooseCsv();
  importRoster((call) => {
    if (call.event.dryRun) return ok(result(true, { deactivated: 120 }));
    if (!call.event.allowMassDeactivation) return failure('MASS_DEACTIVATION', ERROR_MESSAGES.MASS_DEACTIVATION);
    return ok(result(false, { deactivated: 120 }));
  });
  const { page, simulate } = open();
  await choose(simulate, page);

  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.import-button')!);
  await settle(simulate, 6);

  expect(wxStub().modals).toHaveLength(1);
  expect(wxStub().modals[0]?.content).toContain('停用 120 名员工');
  expect(
    callsOf('importRoster')
      .slice(1)
      .map((call) => call.allowMassDeactivation),
  ).toEqual([false, true]);
  expect(text(page.querySelector('.result'))).toContain('导入完成');
});

test('a mass deactivation seen in the preview is flagged, and declining the confirmation imports nothing', async () => {
  chooseCsv('roster.xlsx');
  importRoster((call) => {
    if (!call.event.allowMassDeactivation) return failure('MASS_DEACTIVATION', ERROR_MESSAGES.MASS_DEACTIVATION);
    return ok(result(Boolean(call.event.dryRun), { deactivated: 150 }));
  });
  const { page, simulate } = open();
  await choose(simulate, page);

  expect(callsOf('importRoster').map((call) => [call.dryRun, call.allowMassDeactivation])).toEqual([
    [true, undefined],
    [true, true],
  ]);
  expect(text(page.querySelector('.mass-warning'))).toContain('停用 150 名员工');

  wxStub().modalAnswers.push(false);
  await tap(simulate, page.querySelector('.import-button')!);
  await settle(simulate);
  expect(wxStub().modals).toHaveLength(1);
  expect(callsOf('importRoster')).toHaveLength(2);
  expect(page.querySelector('.preview')).toBeTruthy();

  wxStub().modalAnswers.push(true);
  await tap(simulate, page.querySelector('.import-button')!);
  await settle(simulate);
  expect(callsOf('importRoster').at(-1)).toMatchObject({ dryRun: false, allowMassDeactivation: true });
  expect(text(page.querySelector('.result'))).toContain('导入完成');
});

test('wrong file type and oversized files are refused before uploading; cancelling the chooser does nothing', async () => {
  const { page, simulate } = open();
  chooseCsv('roster.pdf');
  await choose(simulate, page);
  expect(text(page.querySelector('.error'))).toBe('请选择 CSV 或 Excel（.xlsx）文件');

  chooseCsv('roster.csv', 6 * 1024 * 1024);
  await choose(simulate, page);
  expect(text(page.querySelector('.error'))).toContain('文件过大');

  wxStub().chooseMessageFileAnswer = 'cancel';
  await choose(simulate, page);
  expect(wxStub().uploads).toEqual([]);
  expect(wxStub().calls).toEqual([]);
});

test('a failed upload or a refused file shows the reason and lets the admin choose again', async () => {
  chooseCsv();
  wxStub().uploadHandler = () => ({ errCode: -501007, errMsg: 'file too large' });
  const { page, simulate } = open();
  await choose(simulate, page);
  expect(text(page.querySelector('.error'))).toBe('文件上传失败，请稍后重试');
  expect(page.querySelector('.choose-button')).toBeTruthy();

  wxStub().uploadHandler = (upload) => ({ fileID: `cloud://local-bucket/${upload.cloudPath}` });
  importRoster(() => failure('INVALID_INPUT', 'CSV 格式不正确：第 3 行引号未闭合'));
  await choose(simulate, page);
  expect(text(page.querySelector('.error'))).toBe('CSV 格式不正确：第 3 行引号未闭合');
  expect(page.querySelector('.preview')).toBeFalsy();
});
