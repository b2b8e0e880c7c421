/**
 * `npm run deploy -- --env <envId> [--dry-run] [--prune] [--skip-build]`: builds, then brings a CloudBase
 * environment to what the repository declares (collections, indexes, security rules, the storage rule, every
 * function with its code, settings and timer triggers) through @cloudbase/manager-node. See docs/deploy.md.
 *
 * Secrets: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY. Deploy parameters (the functions' environment
 * variables, e.g. subscribe-message template ids): environment variables of the same name.
 * `--env local` deploys into a running local cloud (`npm start -- --empty`), see emulator/management/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS_DIR, ROOT } from './function-config';
import { readDeclaredState } from './deploy/declared';
import { computePlan, describeStep, HOSTING_STEPS, isCreation, type Plan, type Step } from './deploy/plan';
import { applyStep, connectManager, describeEnvironment, environmentRegion } from './deploy/cloudbase';
import { applyHostingSteps, readDeclaredHosting } from './deploy/hosting';
import type { ConsoleRuntimeConfig } from '../typings/console-config';
import { checkMiniprogramEnvId, readMiniprogramEnvId } from './deploy/miniprogram-env';
import { LOCAL_ENV_ID } from '../emulator/sdk-env';

export interface DeployOptions {
  envId: string;
  dryRun: boolean;
  prune: boolean;
  skipBuild: boolean;
}

const FUNCTIONS_AT_ONCE = 8;

const USAGE = 'usage: npm run deploy -- --env <envId> [--dry-run] [--prune] [--skip-build]';

export function parseDeployArgs(args: string[]): DeployOptions {
  const options: DeployOptions = { envId: '', dryRun: false, prune: false, skipBuild: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--prune') options.prune = true;
    else if (arg === '--skip-build') options.skipBuild = true;
    else if (arg === '--env' || arg.startsWith('--env=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (!value || value.startsWith('--')) throw new Error(`--env 需要环境 id（--env needs an environment id）\n${USAGE}`);
      options.envId = value;
    } else throw new Error(`未知参数 ${arg}（unknown option）\n${USAGE}`);
  }
  if (!options.envId) throw new Error(`缺少 --env <envId>（云开发控制台里的环境 id）\n${USAGE}`);
  return options;
}

function localCloudUrl(): string {
  return process.env.WEIKE_LOCAL_CLOUD_URL ?? `http://127.0.0.1:${process.env.WEIKE_PORT ?? 8787}`;
}

/**
 * For `--env local`: the CloudBase API goes to the local cloud through TCB_BASE_URL, which the SDK honours;
 * the SCF API (a fixed https endpoint in the SDK) goes through the SDK's `proxy` option to the local cloud,
 * which answers for scf.tencentcloudapi.com with a certificate from its own authority. Node trusts that
 * authority only through NODE_EXTRA_CA_CERTS, read at start-up: so this process runs itself again with it.
 * Returns the child's exit code, or undefined when this process is already that child.
 */
async function relaunchForLocalCloud(url: string): Promise<number | undefined> {
  let res: Response;
  try {
    res = await fetch(`${url}/management/ca.pem`);
  } catch (err) {
    throw new Error(`本地云未在 ${url} 运行（no local cloud answers: ${(err as Error).message}）；先运行 npm start -- --empty，或设置 WEIKE_LOCAL_CLOUD_URL`);
  }
  if (!res.ok) throw new Error(`${url} 的本地云不是空环境，不接受部署（HTTP ${res.status}）；用 npm start -- --empty 启动一个空环境`);
  const ca = await res.text();
  const current = process.env.NODE_EXTRA_CA_CERTS;
  if (current && fs.existsSync(current) && fs.readFileSync(current, 'utf8') === ca) return undefined;
  const file = path.join(os.tmpdir(), `weike-local-cloud-ca-${Buffer.from(url).toString('hex').slice(-16)}.pem`);
  fs.writeFileSync(file, ca);
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: file },
  });
  return child.status ?? 1;
}

function printPlan(plan: Plan, envId: string, prune: boolean): void {
  const creations = plan.steps.filter((step) => isCreation(step, plan));
  const changes = plan.steps.filter((step) => !isCreation(step, plan));
  console.log(`\nPlan for environment ${envId}:`);
  console.log(`  create (${creations.length})`);
  for (const step of creations) console.log(`    + ${describeStep(step)}`);
  console.log(`  change (${changes.length})`);
  for (const step of changes) console.log(`    ~ ${describeStep(step)}`);
  console.log(`  leave alone (${plan.unchanged.length} already as declared)`);
  console.log(`  in the environment, not declared (${plan.undeclared.length})${plan.undeclared.length && !prune ? ': kept (add --prune to delete them)' : ''}`);
  for (const item of plan.undeclared) console.log(`    ? ${item}`);
}

/**
 * Steps grouped so that each function's steps run in order while different functions (and the hosting's
 * files) run side by side.
 */
function groups(steps: Step[]): Step[][] {
  const database: Step[] = [];
  const hosting: Step[] = [];
  const byFunction = new Map<string, Step[]>();
  for (const step of steps) {
    const fn = 'fn' in step ? (typeof step.fn === 'string' ? step.fn : step.fn.name) : undefined;
    if (HOSTING_STEPS.has(step.kind)) hosting.push(step);
    else if (fn === undefined) database.push(step);
    else byFunction.set(fn, [...(byFunction.get(fn) ?? []), step]);
  }
  return [database, ...(hosting.length > 0 ? [hosting] : []), ...byFunction.values()];
}

export async function deploy(options: DeployOptions): Promise<number> {
  const local = options.envId === LOCAL_ENV_ID;
  let proxy: string | undefined;
  if (local) {
    const url = localCloudUrl();
    const code = await relaunchForLocalCloud(url);
    if (code !== undefined) return code;
    process.env.TCB_BASE_URL = `${url}/management/tcb`;
    proxy = url;
  }
  const secretId = process.env.TENCENTCLOUD_SECRETID || (local ? 'local' : '');
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY || (local ? 'local' : '');
  if (!secretId || !secretKey) {
    throw new Error(
      '缺少腾讯云 API 密钥：请设置环境变量 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（访问管理控制台 → API 密钥管理）\n' +
        '(missing TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY)',
    );
  }
  if (!options.skipBuild) {
    const build = spawnSync(process.execPath, [...process.execArgv, path.join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit', cwd: ROOT });
    if (build.status !== 0) throw new Error('构建失败（npm run build failed），未部署任何内容');
  }
  // Parameters are checked before anything is read from or written to the environment.
  const declared = readDeclaredState({ parameters: process.env, useLocalValues: local });
  // The mini-program is pointed at the environment once it is complete (a dry run only says so); a config.ts
  // without its envId line fails here, before anything is done.
  if (!local) readMiniprogramEnvId();
  const pointMiniprogram = () => {
    const note = local ? undefined : checkMiniprogramEnvId(options.envId, { write: !options.dryRun });
    if (note) console.log(note);
  };

  const manager = connectManager({ envId: options.envId, secretId, secretKey, proxy });
  const started = Date.now();
  const described = await describeEnvironment(manager, options.envId, { hosting: true });
  // The console's runtime configuration: the local cloud's gateway locally, CloudBase's web SDK otherwise.
  const consoleConfig: ConsoleRuntimeConfig = local
    ? { mode: 'local', envId: options.envId, gateway: localCloudUrl() }
    : { mode: 'cloud', envId: options.envId, region: await environmentRegion(manager) };
  declared.hosting = readDeclaredHosting(consoleConfig);
  const plan = computePlan(declared, described, { prune: options.prune });
  printPlan(plan, options.envId, options.prune);
  if (options.dryRun) {
    pointMiniprogram();
    console.log('\n--dry-run: nothing changed.');
    return 0;
  }
  if (plan.steps.length === 0) {
    console.log(`\nNothing to do: the environment is as declared (${Date.now() - started} ms).`);
    await printConsoleAddress(manager, local);
    pointMiniprogram();
    return 0;
  }

  const done: Step[] = [];
  const failed: Array<{ step: Step; error: string }> = [];
  const context = { manager, envId: options.envId, functionsDir: FUNCTIONS_DIR };
  const [databaseSteps = [], ...functionGroups] = groups(plan.steps);
  const runGroup = async (group: Step[]) => {
    if (group.some((step) => HOSTING_STEPS.has(step.kind))) {
      try {
        await applyHostingSteps(manager.hosting, group, (step) => {
          done.push(step);
          console.log(`  done  ${describeStep(step)}`);
        });
      } catch (err) {
        const step = group.find((s) => !done.includes(s)) as Step;
        failed.push({ step, error: (err as Error).message });
        console.log(`  FAIL  ${describeStep(step)}: ${(err as Error).message}`);
      }
      return;
    }
    for (const step of group) {
      try {
        await applyStep(step, context);
        done.push(step);
        console.log(`  done  ${describeStep(step)}`);
      } catch (err) {
        failed.push({ step, error: (err as Error).message });
        console.log(`  FAIL  ${describeStep(step)}: ${(err as Error).message}`);
        // The rest of this group depends on this step (a function's code before its configuration).
        return;
      }
    }
  };
  await runGroup(databaseSteps);
  // Functions deploy a few at a time: each creation mostly waits (the SDK polls GetFunction each second until
  // the function is active); eight keep well under SCF's 100 requests a second per action.
  const queue = [...functionGroups];
  await Promise.all(
    Array.from({ length: FUNCTIONS_AT_ONCE }, async () => {
      for (let group = queue.shift(); group; group = queue.shift()) await runGroup(group);
    }),
  );

  const notDone = plan.steps.filter((step) => !done.includes(step) && !failed.some((f) => f.step === step));
  console.log(`\n${done.length} of ${plan.steps.length} steps done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (failed.length === 0) {
    await printConsoleAddress(manager, local);
    pointMiniprogram();
    return 0;
  }
  console.log(`部署未完成（deploy incomplete）: ${failed.length} failed, ${notDone.length} not attempted:`);
  for (const { step, error } of failed) console.log(`  failed       ${describeStep(step)}: ${error}`);
  for (const step of notDone) console.log(`  not attempted ${describeStep(step)}`);
  console.log('重新运行同一命令即可完成剩余步骤（re-run the same command to finish）。');
  return 1;
}

/** Where the deployed console is: the hosting's domain (DescribeStaticStore) under /console/. */
async function printConsoleAddress(manager: ReturnType<typeof connectManager>, local: boolean): Promise<void> {
  const [store] = (await manager.hosting.getInfo()) ?? [];
  // The local cloud's website is plain HTTP on loopback.
  if (store?.CdnDomain) console.log(`控制台（web console）: ${local ? 'http' : 'https'}://${store.CdnDomain}/console/`);
}

/** Exits once everything printed has reached stdout and stderr (writes to a pipe are asynchronous). */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

if (require.main === module) {
  const run = async () => deploy(parseDeployArgs(process.argv.slice(2)));
  run().then(
    (code) => exitAfterOutput(code),
    (err: unknown) => {
      const e = err as { message?: string; code?: string; action?: string; stack?: string };
      console.error(`错误：${e?.message || String(err)}${e?.action ? ` (action ${e.action}${e.code ? `, ${e.code}` : ''})` : ''}`);
      if (process.env.WEIKE_DEPLOY_DEBUG) console.error(e?.stack);
      exitAfterOutput(1);
    },
  );
}
