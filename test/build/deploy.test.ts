/**
 * The deploy declarations agree with each other and with the code: every registered function has a folder
 * with a thin entry, a pinned package.json and a config.json, and cloudbaserc.json describes it the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTION_NAMES } from '../../server/functions';
import { functionEntries } from '../../scripts/build';

const ROOT = path.resolve(__dirname, '../..');
const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

interface RcFunction {
  name: string;
  timeout: number;
  runtime: string;
  installDependency: boolean;
  handler: string;
  triggers?: unknown[];
}

const rc = readJson(path.join(ROOT, 'cloudbaserc.json')) as { version: string; envId: string; functionRoot: string; functions: RcFunction[] };
const SDK_VERSION = (readJson(path.join(ROOT, 'node_modules/wx-server-sdk/package.json')) as { version: string }).version;

describe('cloud function folders', () => {
  it('exist exactly for the registered functions', () => {
    expect(functionEntries().map((entry) => entry.name)).toEqual([...FUNCTION_NAMES].sort());
  });

  it.each(FUNCTION_NAMES)('%s pins wx-server-sdk and nothing else, at the version tested here', (name) => {
    const pkg = readJson(path.join(FUNCTIONS_DIR, name, 'package.json'));
    expect(pkg.main).toBe('index.js');
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': SDK_VERSION });
    expect(SDK_VERSION).toBe('4.0.2');
    expect(pkg.devDependencies).toBeUndefined();
  });

  it.each(FUNCTION_NAMES)('%s has a thin entry that imports only its own area', (name) => {
    const entry = fs.readFileSync(path.join(FUNCTIONS_DIR, name, 'entry.ts'), 'utf8');
    const imports = [...entry.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
    expect(imports).toEqual([`../../server/${name}`]);
    expect(entry).toMatch(/export const main = /);
  });
});

describe('cloudbaserc.json', () => {
  it('points the CloudBase CLI at cloudfunctions/ with the environment from ENV_ID', () => {
    // CLI config v2 with dynamic variables: https://docs.cloudbase.net/cli-v1/config
    expect(rc).toMatchObject({ version: '2.0', envId: '{{env.ENV_ID}}', functionRoot: './cloudfunctions' });
  });

  it('lists every function once', () => {
    expect(rc.functions.map((fn) => fn.name).sort()).toEqual([...FUNCTION_NAMES].sort());
  });

  it.each(FUNCTION_NAMES)('describes %s like its config.json', (name) => {
    // Function options: https://docs.cloudbase.net/cli-v1/functions/configs (timeout 1-60 s, runtime, installDependency).
    const fn = rc.functions.find((candidate) => candidate.name === name) as RcFunction;
    const config = readJson(path.join(FUNCTIONS_DIR, name, 'config.json')) as { timeout: number; triggers?: unknown[] };
    expect(['Nodejs16.13', 'Nodejs18.15']).toContain(fn.runtime);
    expect(fn).toMatchObject({ installDependency: true, handler: 'index.main', timeout: config.timeout });
    expect(fn.timeout).toBeGreaterThanOrEqual(1);
    expect(fn.timeout).toBeLessThanOrEqual(60);
    expect(fn.triggers ?? []).toEqual(config.triggers ?? []);
  });
});
