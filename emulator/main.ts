/**
 * Command-line entry of the local cloud: starts it, loads the demo company into an empty data folder,
 * prints where everything is, and shuts down cleanly on Ctrl-C.
 *
 *   --port N        or WEIKE_PORT      (default 8787)
 *   --data-dir DIR  or WEIKE_DATA_DIR  (default .data/)
 *   --empty         an empty environment to deploy into (npm run deploy -- --env local): no collections,
 *                   rules, functions or demo data until a deployment creates them
 */
import fs from 'node:fs';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from './server';
import { sdkEnv } from './sdk-env';
import { demoIdentities, demoWeChat, seedDemoData, type DemoSeedResult } from '../scripts/demo';

export interface CliOptions {
  port: number;
  dataDir: string;
  empty: boolean;
  functionsDir: string;
  /** The built web console (web/dist), served under /console/. */
  consoleDir: string;
  /** Milliseconds before a media check's result is pushed (WEIKE_MEDIA_CHECK_DELAY_MS); default the local cloud's. */
  mediaCheckDelayMs?: number;
}

export const DEFAULT_PORT = 8787;

export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv, root: string): CliOptions {
  const options: CliOptions = {
    port: env.WEIKE_PORT ? Number(env.WEIKE_PORT) : DEFAULT_PORT,
    dataDir: path.resolve(root, env.WEIKE_DATA_DIR || '.data'),
    empty: false,
    functionsDir: path.join(root, 'cloudfunctions'),
    consoleDir: path.join(root, 'web', 'dist'),
    mediaCheckDelayMs: env.WEIKE_MEDIA_CHECK_DELAY_MS ? Number(env.WEIKE_MEDIA_CHECK_DELAY_MS) : undefined,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--empty') options.empty = true;
    else if (arg.startsWith('--port')) options.port = Number(value());
    else if (arg.startsWith('--data-dir')) options.dataDir = path.resolve(root, value());
    else throw new Error(`unknown option ${arg} (use --port N, --data-dir DIR, --empty)`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`invalid port ${options.port}`);
  if (options.mediaCheckDelayMs !== undefined && !(Number.isInteger(options.mediaCheckDelayMs) && options.mediaCheckDelayMs >= 0)) {
    throw new Error(`invalid WEIKE_MEDIA_CHECK_DELAY_MS ${options.mediaCheckDelayMs}`);
  }
  return options;
}

function isEmptyFolder(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

type DemoSeed = DemoSeedResult;

/** Loads the demo company; a failing seed is reported but the local cloud keeps serving what it has. */
async function seedDemo(env: Record<string, string>): Promise<DemoSeed | undefined> {
  try {
    return await seedDemoData(env);
  } catch (err) {
    console.error(`[local-cloud] loading demo data failed: ${(err as Error).message}`);
    return undefined;
  }
}

/** On later starts: the demo identities still bound in this data folder. */
function boundDemoIdentities(cloud: LocalCloud): DemoSeed | undefined {
  const identities = demoIdentities().filter((identity) => cloud.database.getDocument('bindings', identity.openid));
  return identities.length > 0 ? { identities, ...demoWeChat(), summary: 'kept from an earlier start (delete the data folder to reload it)' } : undefined;
}

function timerList(cloud: LocalCloud): string {
  const triggers = cloud.timers?.triggers ?? [];
  if (triggers.length === 0) return 'none';
  return triggers.map((t) => `${t.functionName} (${t.schedule.expression}, UTC+8)`).join(', ');
}

export function describeLocalCloud(cloud: LocalCloud, options: CliOptions, demo?: DemoSeed): string {
  const lines = [
    '',
    `Weike local cloud (env "${cloud.envId}") on ${cloud.url}`,
    `  data folder        ${options.dataDir}`,
    `  functions          ${cloud.functionsDir ?? options.functionsDir}${cloud.management ? ' (deployed code)' : ''}`,
    ...(cloud.management
      ? [`  management API     ${cloud.url}/management/tcb, SCF through the proxy ${cloud.url}: npm run deploy -- --env ${cloud.envId}`]
      : []),
    `  admin (SDK)        ${cloud.url}/admin`,
    `  gateway            ${cloud.url}/gateway/callFunction  (also /gateway/uploadFile, /gateway/getTempFileURL, /gateway/getPhoneNumber)`,
    `  web console        ${cloud.url}/console/  (sign in by scanning; one-click links below, local only)`,
    `  outbox             ${cloud.url}/outbox`,
    `  stats              ${cloud.url}/stats  (actions served, queries on large collections that no index serves)`,
    `  block list         ${cloud.url}/blocklist  (PUT {"text":[...],"imageSha256":[...]})`,
    `  phone numbers      ${cloud.url}/phonenumber/users  (PUT {"<openid>":"<mobile>"}; POST /phonenumber/code {"phoneNumber"} mints a token)`,
    `  timers             ${timerList(cloud)}`,
    '',
    'WeChat DevTools:',
    `  1. in miniprogram/config.ts set mode: 'local' and gatewayUrl: '${cloud.url}'`,
    '  2. Details -> Local Settings: tick "不校验合法域名、web-view（业务域名）、TLS 版本以及 HTTPS 证书"',
    '  3. on the 我的 tab (or the binding page) pick a demo identity under 开发身份',
    '',
    'Scripts using wx-server-sdk: npx tsx scripts/with-local-cloud.ts <script> [args]',
  ];
  if (demo) {
    lines.push('', `Demo data: ${demo.summary}`, 'Demo identities (openid):');
    for (const identity of demo.identities) lines.push(`  ${identity.role.padEnd(12)} ${identity.name.padEnd(8)} ${identity.openid}`);
    lines.push('One-click console sign-in (local only; members without a console role are refused):');
    for (const identity of demo.identities)
      lines.push(`  ${identity.role.padEnd(12)} ${cloud.url}/console/dev-sign-in?openid=${encodeURIComponent(identity.openid)}`);
    const { visitor } = demo;
    lines.push(`  ${'unbound'.padEnd(12)} ${'访客'.padEnd(8)} ${visitor.openid}  (binds as 工号 ${visitor.employeeNo} 姓名 ${visitor.name} + 手机号验证)`);
  }
  lines.push('', 'Ctrl-C to stop.', '');
  return lines.join('\n');
}

export async function runLocalCloud(argv: string[], root: string): Promise<LocalCloud> {
  const options = parseCliOptions(argv, process.env, root);
  const firstStart = isEmptyFolder(options.dataDir);
  const cloud = await startLocalCloud({
    dataDir: options.dataDir,
    port: options.port,
    functionsDir: options.functionsDir,
    consoleDir: options.consoleDir,
    mediaCheckDelayMs: options.mediaCheckDelayMs,
    empty: options.empty,
  });
  let demo: DemoSeed | undefined;
  if (firstStart && !options.empty) {
    // The seeder runs the SDK in this process; the region keeps its SCF-mode checks quiet.
    demo = await seedDemo(sdkEnv(cloud.url, cloud.envId));
    // The demo WeChat users' numbers match the roster, so 手机号验证 binds in local mode.
    if (demo) cloud.openapi.phoneNumbers.update(demo.wechatPhones);
  } else if (!firstStart) {
    demo = boundDemoIdentities(cloud);
  }
  // Timers start after the demo is in, as they would on an environment that already has its data.
  cloud.timers?.start();
  console.log(describeLocalCloud(cloud, options, demo));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local cloud…`);
    cloud.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return cloud;
}
