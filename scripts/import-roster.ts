/**
 * Imports a roster (花名册) file into an environment with the same code as the `admin.importRoster` action:
 *
 *   npx tsx scripts/import-roster.ts <file.csv|file.xlsx> [--dry-run] [--allow-mass-deactivation] [--env <envId>]
 *
 * Exit code 0 when imported (or previewed), 1 when refused, 2 on wrong usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RosterImportResult } from '../typings/functions/admin';
import { importRosterFile } from '../server/roster';
import type { RosterDatabase } from '../server/roster';
import { connect, runCli, takeEnvOption } from './cli-env';

const USAGE = 'usage: tsx scripts/import-roster.ts <file.csv|file.xlsx> [--dry-run] [--allow-mass-deactivation] [--env <envId>]';

export function formatReport(result: RosterImportResult): string {
  const { report } = result;
  const lines = [
    result.dryRun ? '预览（未写入任何数据）：' : '导入完成：',
    `  新增 ${report.inserted}，更新 ${report.updated}，未变 ${report.unchanged}，重新启用 ${report.reactivated}，停用 ${report.deactivated}，新建部门 ${report.departmentsCreated}`,
    `  拒绝 ${report.rejected} 行`,
    ...result.rejected.map((row) => `  第 ${row.row} 行${row.employeeNo ? `（工号 ${row.employeeNo}）` : ''}：${row.reason}`),
  ];
  if (report.rejected > result.rejected.length) lines.push(`  ……另有 ${report.rejected - result.rejected.length} 行未列出`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const envId = takeEnvOption(args);
  const flags = new Set(args.filter((arg) => arg.startsWith('--')));
  const files = args.filter((arg) => !arg.startsWith('--'));
  const unknown = [...flags].filter((flag) => flag !== '--dry-run' && flag !== '--allow-mass-deactivation');
  if (files.length !== 1 || unknown.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const file = files[0] as string;
  const target = await connect(envId);
  const result = await importRosterFile(target.db as unknown as RosterDatabase, fs.readFileSync(file), path.basename(file), {
    dryRun: flags.has('--dry-run'),
    allowMassDeactivation: flags.has('--allow-mass-deactivation'),
    actor: { id: null, name: 'scripts/import-roster.ts' },
  });
  console.log(`${target.description}：${file}`);
  console.log(formatReport(result));
  return 0;
}

if (require.main === module) runCli(main);
