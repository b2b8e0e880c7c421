/**
 * Runs any Node script that uses wx-server-sdk against a running local cloud, with only the environment
 * changed (the same variables a function instance gets):
 *
 *   npx tsx scripts/with-local-cloud.ts path/to/script.ts [args…]
 *
 * The local cloud is found at WEIKE_LOCAL_CLOUD_URL, else http://127.0.0.1:$WEIKE_PORT (default 8787).
 */
import { spawn } from 'node:child_process';
import { sdkEnv } from '../emulator/sdk-env';
import { DEFAULT_PORT } from '../emulator/main';

async function main(): Promise<number> {
  const [script, ...args] = process.argv.slice(2);
  if (!script) {
    console.error('usage: tsx scripts/with-local-cloud.ts <script> [args…]');
    return 2;
  }
  const url = process.env.WEIKE_LOCAL_CLOUD_URL ?? `http://127.0.0.1:${process.env.WEIKE_PORT ?? DEFAULT_PORT}`;
  try {
    await fetch(`${url}/`);
  } catch {
    console.error(`no local cloud answers at ${url}; start it with npm start (or set WEIKE_LOCAL_CLOUD_URL)`);
    return 1;
  }
  // `--import tsx` lets the script be TypeScript or JavaScript alike.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...sdkEnv(url), TENCENTCLOUD_REGION: process.env.TENCENTCLOUD_REGION ?? 'ap-shanghai' },
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

main().then((code) => process.exit(code));
