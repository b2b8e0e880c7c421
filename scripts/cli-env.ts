/**
 * Where a command-line script's wx-server-sdk points: a running local cloud by default
 * (WEIKE_LOCAL_CLOUD_URL, else http://127.0.0.1:$WEIKE_PORT, default 8787), or a real CloudBase environment
 * with `--env <envId>` (then the SDK reads TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY from the
 * environment, as it does everywhere outside CloudBase).
 */
import type { Database, WxCloud } from '../server/core';
import { LOCAL_ENV_ID, sdkEnv } from '../emulator/sdk-env';

const DEFAULT_PORT = 8787;

export interface CliTarget {
  cloud: WxCloud;
  db: Database;
  /** For the report: which environment was used. */
  description: string;
}

/** Removes `--env <id>` from `args` and returns it. */
export function takeEnvOption(args: string[]): string | undefined {
  const index = args.findIndex((arg) => arg === '--env' || arg.startsWith('--env='));
  if (index < 0) return undefined;
  const arg = args[index] as string;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  if (!value || value.startsWith('--')) throw new Error('--env needs an environment id');
  args.splice(index, arg.includes('=') ? 1 : 2);
  return value;
}

export async function connect(envId: string | undefined): Promise<CliTarget> {
  if (envId === undefined) {
    const url = process.env.WEIKE_LOCAL_CLOUD_URL ?? `http://127.0.0.1:${process.env.WEIKE_PORT ?? DEFAULT_PORT}`;
    try {
      await fetch(`${url}/`);
    } catch {
      throw new Error(`no local cloud answers at ${url}; start it with npm start, set WEIKE_LOCAL_CLOUD_URL, or pass --env <envId>`);
    }
    Object.assign(process.env, sdkEnv(url));
  } else if (!process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY) {
    throw new Error('--env needs TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY in the environment');
  }
  // Required after the environment is set: the SDK reads it when initialised.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: envId ?? LOCAL_ENV_ID });
  return {
    cloud,
    db: cloud.database(),
    description: envId === undefined ? `local cloud ${process.env.WEIKE_LOCAL_CLOUD_URL ?? ''}`.trim() : `CloudBase environment ${envId}`,
  };
}

/** Runs a CLI main, printing an expected failure's message without a stack, exit code 1. */
export function runCli(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
