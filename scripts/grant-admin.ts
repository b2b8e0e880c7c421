/**
 * Sets the first admin (or any admin) of an environment, by employee number, with the same code as
 * `admin.grantRole` / `admin.revokeRole`:
 *
 *   npx tsx scripts/grant-admin.ts --employee-no E10001 [--revoke] [--env <envId>]
 *
 * The member must have been imported from the roster. Exit code 0 on success, 1 when refused, 2 on wrong usage.
 */
import { ROLE_LABELS } from '../typings/roles';
import { changeRole } from '../server/admin/roles';
import { requireMember } from '../server/admin/lookup';
import { memberId } from '../server/roster';
import { connect, runCli, takeEnvOption } from './cli-env';

const USAGE = 'usage: tsx scripts/grant-admin.ts --employee-no <工号> [--revoke] [--env <envId>]';

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const envId = takeEnvOption(args);
  const revoke = args.includes('--revoke');
  const index = args.indexOf('--employee-no');
  const employeeNo = index >= 0 ? args[index + 1] : undefined;
  const known = new Set(['--revoke', '--employee-no', employeeNo]);
  if (!employeeNo || employeeNo.startsWith('--') || args.some((arg) => !known.has(arg))) {
    console.error(USAGE);
    return 2;
  }
  const target = await connect(envId);
  const member = await requireMember(target.db, memberId(employeeNo.trim()));
  const updated = await changeRole(
    target.db,
    revoke ? 'revoke' : 'grant',
    { memberId: member._id, role: 'admin' },
    { now: new Date(), actor: { id: null, name: 'scripts/grant-admin.ts' } },
  );
  const roles = updated.roles.map((grant) => ROLE_LABELS[grant.role] + (grant.scopeDepartmentId ? `（${grant.scopeDepartmentId}）` : '')).join('、') || '无';
  console.log(`${target.description}：${revoke ? '已撤销' : '已授予'} ${updated.name}（工号 ${employeeNo}）全公司管理员权限。当前角色：${roles}`);
  return 0;
}

if (require.main === module) runCli(main);
