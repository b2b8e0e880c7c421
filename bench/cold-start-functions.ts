/**
 * Cold start of every function, before the bundle work and now: the CPU time a fresh Node process spends
 * loading the function's index.js (wx-server-sdk and everything the bundle evaluates at load) and then
 * answering its first call against a local cloud. "Before" is commit 300c29c (the "before" of the bundle
 * table), checked out into a temporary clone outside the repository and built there with its own build;
 * "now" is the build `npm run bench` has just made. CPU time of the function's process, not wall-clock:
 * the machine is shared, and the figure is what the function itself spends (Node's own start-up excluded,
 * the SDK's share of the first call included, the local cloud's not).
 *
 * The first call is the function's first action in the contract (typings/functions.ts) with no input, from a
 * WeChat user who is not a member: the function checks the caller (its first database read, the SDK's first
 * request) and answers a refusal, the same work before and now. Timer functions run their job once on an
 * empty database.
 *
 * `npx tsx bench/cold-start-functions.ts` runs it alone and writes its section into BENCHMARKS.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCollectionDeclarations } from '../emulator/db';
import { sdkEnv } from '../emulator/sdk-env';
import { startLocalCloud } from '../emulator/server';
import { FUNCTIONS_DIR, functionEntries, ROOT } from '../scripts/build';
import { CONTRACTS } from '../typings/functions';

const BEFORE_COMMIT = '300c29cfe5d12e6e15e07b292605445aa3e05916';
const SAMPLES = 5;
export const SECTION_TITLE = '## Cold start per function';

/** The clone of the "before" commit, built once and kept in the system's temporary folder between runs. */
function buildBefore(): string {
  const dir = path.join(os.tmpdir(), `weike-bench-${BEFORE_COMMIT.slice(0, 7)}`);
  const done = path.join(dir, '.weike-built');
  if (fs.existsSync(done)) return path.join(dir, 'cloudfunctions');
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['clone', '--quiet', '--no-checkout', ROOT, dir], { stdio: 'inherit' });
  execFileSync('git', ['-C', dir, 'checkout', '--quiet', BEFORE_COMMIT], { stdio: 'inherit' });
  // The same installed packages: the bundles are built by that commit's own build script.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'bench-build.ts'), "import { buildFunctions } from './scripts/build';\nbuildFunctions().then(() => process.exit(0));\n");
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench-build.ts'], { cwd: dir, stdio: 'inherit' });
  fs.writeFileSync(done, new Date().toISOString());
  return path.join(dir, 'cloudfunctions');
}

/** Runs in the function's own process: CPU microseconds spent loading index.js, and by the end of the first call. */
const PROBE = `
const start = process.cpuUsage();
const cpu = () => { const u = process.cpuUsage(start); return (u.user + u.system) / 1000; };
const fn = require(process.argv[1]);
const load = cpu();
Promise.resolve(fn.main({ action: process.argv[2] }, {})).then(
  () => { process.stdout.write(JSON.stringify({ load, first: cpu() })); process.exit(0); },
  (err) => { console.error(err); process.exit(1); },
);
`;

function probe(indexJs: string, action: string, env: Record<string, string | undefined>): Promise<{ load: number; first: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PROBE, indexJs, action], { env, cwd: path.dirname(indexJs) });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${indexJs}: exit ${code}\n${err}`));
      else resolve(JSON.parse(out) as { load: number; first: number });
    });
  });
}

/** wx-server-sdk alone, which every bundle loads first: the floor under every figure. */
const PROBE_SDK = `
const start = process.cpuUsage();
require('wx-server-sdk');
const u = process.cpuUsage(start);
process.stdout.write(JSON.stringify({ load: (u.user + u.system) / 1000 }));
`;

function probeSdk(env: Record<string, string | undefined>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PROBE_SDK], { env, cwd: ROOT });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve((JSON.parse(out) as { load: number }).load) : reject(new Error(`wx-server-sdk probe: exit ${code}`))));
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const ms = (value: number | undefined): string => (value === undefined ? '-' : `${value.toFixed(0)} ms`);

export interface ColdStarts {
  /** Loading wx-server-sdk alone, CPU ms. */
  sdk: number;
  rows: ColdStartRow[];
}

export interface ColdStartRow {
  name: string;
  before?: { load: number; first: number };
  now: { load: number; first: number };
}

export async function measureColdStarts(nowDir = FUNCTIONS_DIR): Promise<ColdStarts> {
  const beforeDir = buildBefore();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-bench-cold-functions-'));
  const cloud = await startLocalCloud({ dataDir, port: 0, collections: loadCollectionDeclarations() });
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...sdkEnv(cloud.url),
    ...cloud.webAuth.functionEnv(),
    WX_OPENID: 'bench-cold-start',
    WX_APPID: 'wx-local-app',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
  };
  try {
    // One sample of the SDK alone beside each function's, so both see the same disk cache and load.
    const sdkSamples: number[] = [];
    const rows: ColdStartRow[] = [];
    for (const { name } of functionEntries(nowDir)) {
      const beforeJs = path.join(beforeDir, name, 'index.js');
      const action = Object.keys((CONTRACTS as Record<string, object>)[name] ?? {})[0] ?? 'run';
      const hasBefore = fs.existsSync(beforeJs);
      const samples = { before: [] as Array<{ load: number; first: number }>, now: [] as Array<{ load: number; first: number }> };
      for (let i = 0; i < SAMPLES; i += 1) {
        // Alternated, so a warming disk cache favours neither.
        if (hasBefore && i % 2 === 1) samples.before.push(await probe(beforeJs, action, env));
        samples.now.push(await probe(path.join(nowDir, name, 'index.js'), action, env));
        if (hasBefore && i % 2 === 0) samples.before.push(await probe(beforeJs, action, env));
      }
      sdkSamples.push(await probeSdk(env));
      const summary = (list: Array<{ load: number; first: number }>) => ({ load: median(list.map((s) => s.load)), first: median(list.map((s) => s.first)) });
      rows.push({ name, ...(hasBefore ? { before: summary(samples.before) } : {}), now: summary(samples.now) });
      console.log(`cold start ${name}: ${JSON.stringify(rows[rows.length - 1])}`);
    }
    return { sdk: median(sdkSamples), rows };
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function coldStartTable({ sdk, rows }: ColdStarts): string {
  const lines = rows.map(
    (row) =>
      `| ${row.name} | ${ms(row.before?.load)} | ${ms(row.now.load)} | ${ms(row.before?.first)} | ${ms(row.now.first)} | ${row.before ? `${((row.now.first / row.before.first) * 100).toFixed(0)} %` : '-'} |`,
  );
  return `${SECTION_TITLE}

CPU time of the function's own process (bench/cold-start-functions.ts): loading index.js, then loading it and
answering a first call (the function's first action, from a caller who is not a member) against a local
cloud, median of ${SAMPLES} fresh processes each. Before: commit
300c29c, built from a temporary clone; now: this build. "-": the function did not exist before. Loading
wx-server-sdk alone, which every bundle does first, takes ${ms(sdk)} (median of one process beside each function).

- Date: ${new Date().toISOString()}

| function | load before | load now | load + first call before | load + first call now | now / before |
|---|---|---|---|---|---|
${lines.join('\n')}
`;
}

/** BENCHMARKS.md with this section replaced (or added at the end). */
export function withSection(markdown: string, section: string): string {
  const start = markdown.indexOf(SECTION_TITLE);
  if (start < 0) return `${markdown.trimEnd()}\n\n${section}`;
  const next = markdown.indexOf('\n## ', start + SECTION_TITLE.length);
  return `${markdown.slice(0, start)}${section}${next < 0 ? '' : `\n${markdown.slice(next + 1)}`}`;
}

if (require.main === module) {
  measureColdStarts()
    .then((measured) => {
      const file = path.join(ROOT, 'BENCHMARKS.md');
      fs.writeFileSync(file, withSection(fs.readFileSync(file, 'utf8'), coldStartTable(measured)));
      console.log('written to BENCHMARKS.md');
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
