/**
 * A cloud function's declarations (`cloudfunctions/<name>/config.json`), the one source for its runtime,
 * timeout, environment variables, open-API permissions and timer triggers: the build, cloudbaserc.json and
 * the local cloud all read them from there. Function options: https://docs.cloudbase.net/cli-v1/functions/configs
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLOUDBASE_NODE_RUNTIMES } from '../emulator/functions/runtime';

export const ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');

/** Function folders that have an entry, sorted by name. */
export function functionEntries(functionsDir = FUNCTIONS_DIR): { name: string; entry: string }[] {
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((dirent) => dirent.isDirectory() && fs.existsSync(path.join(functionsDir, dirent.name, 'entry.ts')))
    .map((dirent) => ({ name: dirent.name, entry: path.join(functionsDir, dirent.name, 'entry.ts') }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface TimerTrigger {
  name: string;
  type: 'timer';
  config: string;
}

export interface FunctionConfig {
  /** Seconds (CloudBase allows 1-60 for an event function). */
  timeout: number;
  /** MB; CloudBase's default when absent (DEFAULT_MEMORY_MB). */
  memorySize?: number;
  /** A CloudBase runtime name such as `Nodejs20.19` (https://docs.cloudbase.net/cloud-function/runtime-support). */
  runtime: string;
  permissions: { openapi: string[] };
  /** Values the local cloud uses; a deploy supplies the real ones (see scripts/cloudbaserc.ts). */
  envVariables?: Record<string, string>;
  /**
   * Variables only a deploy supplies, from its own environment variables of the same name: secrets such as
   * the custom-login private key, which no file of the repository holds. The local cloud gives every function
   * its own values for them (emulator/gateway/web-auth.ts).
   */
  secretVariables?: string[];
  triggers?: TimerTrigger[];
}

/** CloudBase's default function memory (https://docs.cloudbase.net/cli-v1/functions/configs). */
export const DEFAULT_MEMORY_MB = 256;

/** Reads `<functionDir>/config.json`, refusing one without a runtime or a timeout. */
export function readFunctionConfig(functionDir: string): FunctionConfig {
  const file = path.join(functionDir, 'config.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<FunctionConfig>;
  if (typeof config.runtime !== 'string') throw new Error(`${file}: runtime is missing (e.g. "Nodejs20.19")`);
  if (!CLOUDBASE_NODE_RUNTIMES.includes(config.runtime))
    throw new Error(`${file}: runtime ${config.runtime} is not a CloudBase Node.js runtime (${CLOUDBASE_NODE_RUNTIMES.join(', ')})`);
  if (typeof config.timeout !== 'number') throw new Error(`${file}: timeout (seconds) is missing`);
  return { permissions: { openapi: [] }, ...config } as FunctionConfig;
}
