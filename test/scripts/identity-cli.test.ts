/**
 * scripts/import-roster.ts and scripts/grant-admin.ts run as child processes (bundled once, test/helpers/scripts.ts)
 * against a local cloud started in this test, found through WEIKE_LOCAL_CLOUD_URL as a developer's would be
 * through the default port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir, startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { useBundledScripts, type ScriptRun } from '../helpers/scripts';

// Each run starts the SDK in a fresh process.
jest.setTimeout(30_000);

let cloud: TestCloud;
let work: string;

const scripts = useBundledScripts(['import-roster.ts', 'grant-admin.ts']);

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<ScriptRun> {
  return scripts.run(script, args, { WEIKE_LOCAL_CLOUD_URL: cloud.url, ...env });
}

function rosterFile(name: string, lines: string[]): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, ['工号,姓名,部门,职级,入职日期', ...lines].join('\r\n'));
  return file;
}

const FIVE = [
  'E10001,王芳,总部/人力资源部/培训中心,中高层,2015-03-09',
  'E10002,李强,总部/人力资源部,员工,2021-07-01',
  'E10003,张敏,华东分公司/销售一部,一线经理,2018-11-20',
  'E10004,刘洋,华东分公司/销售一部,员工,2019-04-15',
  'E10005,陈静,华东分公司/销售二部,员工,2020-01-02',
];

beforeAll(async () => {
  cloud = await startTestCloud();
  work = makeTempDir('weike-cli-');
});

afterAll(async () => {
  await cloud.dispose();
  fs.rmSync(work, { recursive: true, force: true });
});

it('previews with --dry-run without writing, then imports and reports rejected rows by row number', async () => {
  const file = rosterFile('roster.csv', [...FIVE, 'E10006,赵六,总部,未知职级,2020-01-01']);
  const preview = await run('import-roster.ts', [file, '--dry-run']);
  expect(preview).toMatchObject({ code: 0 });
  expect(preview.stdout).toContain('预览');
  expect(preview.stdout).toContain('新增 5');
  expect(cloud.database.listDocuments('members')).toHaveLength(0);

  const imported = await run('import-roster.ts', [file]);
  expect(imported.code).toBe(0);
  expect(imported.stdout).toContain('新增 5');
  expect(imported.stdout).toContain('拒绝 1 行');
  expect(imported.stdout).toMatch(/第 7 行（工号 E10006）：职级无法识别/);
  expect(cloud.database.listDocuments('members')).toHaveLength(5);
  // The operator's import is in the admin audit log (the preview is not), with the script as the actor.
  expect(cloud.database.listDocuments('adminAudit')).toEqual([
    expect.objectContaining({
      action: 'roster_import',
      actorId: null,
      actorName: 'scripts/import-roster.ts',
      targetName: 'roster.csv',
      after: expect.objectContaining({ inserted: 5, rejected: 1 }),
    }),
  ]);
});

it('refuses a file that would deactivate more than a fifth of the members unless allowed', async () => {
  const file = rosterFile('short.csv', FIVE.slice(0, 3));
  const refused = await run('import-roster.ts', [file]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('停用 2 名员工');
  expect(cloud.database.listDocuments('members').filter((member) => member.active === false)).toHaveLength(0);
  const allowed = await run('import-roster.ts', [file, '--allow-mass-deactivation']);
  expect(allowed.code).toBe(0);
  expect(allowed.stdout).toContain('停用 2');
});

it('refuses a malformed file as a whole with the parser message', async () => {
  const file = path.join(work, 'broken.csv');
  fs.writeFileSync(file, '姓名,部门\r\n王芳,总部\r\n');
  const answer = await run('import-roster.ts', [file]);
  expect(answer.code).toBe(1);
  expect(answer.stderr).toContain('缺少必需的列');
});

it('grants and revokes admin by employee number', async () => {
  const granted = await run('grant-admin.ts', ['--employee-no', 'E10001']);
  expect(granted.code).toBe(0);
  expect(granted.stdout).toContain('已授予 王芳');
  expect(cloud.database.getDocument('members', 'm:E10001')?.roles).toEqual([{ role: 'admin' }]);
  const again = await run('grant-admin.ts', ['--employee-no', 'E10001']);
  expect(again.code).toBe(0);
  expect(cloud.database.getDocument('members', 'm:E10001')?.roles).toEqual([{ role: 'admin' }]);
  const revoked = await run('grant-admin.ts', ['--employee-no', 'E10001', '--revoke']);
  expect(revoked.code).toBe(0);
  expect(cloud.database.getDocument('members', 'm:E10001')?.roles).toEqual([]);
  // One record per change (the repeated grant changed nothing), the script as the actor.
  const roleRecords = cloud.database.listDocuments('adminAudit').filter((record) => record.targetId === 'm:E10001');
  expect(roleRecords.map((record) => [record.action, record.actorName]).sort()).toEqual([
    ['role_grant', 'scripts/grant-admin.ts'],
    ['role_revoke', 'scripts/grant-admin.ts'],
  ]);
});

it('explains an unknown employee, wrong usage and an unreachable local cloud', async () => {
  expect(await run('grant-admin.ts', ['--employee-no', 'E404'])).toMatchObject({ code: 1, stderr: expect.stringContaining('成员不存在') });
  expect(await run('grant-admin.ts', [])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage') });
  expect(await run('import-roster.ts', [])).toMatchObject({ code: 2 });
  const offline = await run('grant-admin.ts', ['--employee-no', 'E10001'], { WEIKE_LOCAL_CLOUD_URL: 'http://127.0.0.1:1' });
  expect(offline).toMatchObject({ code: 1, stderr: expect.stringContaining('no local cloud answers') });
});
