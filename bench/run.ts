/**
 * `npm run bench`: the local cloud's figures, written with the machine they ran on into BENCHMARKS.md.
 * Everything goes through the real wx-server-sdk or the app gateway, as production code would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalCloud, type LocalCloud } from '../emulator/server';
import { sdkEnv } from '../emulator/sdk-env';
import { loadCollectionDeclarations } from '../emulator/db';
import { seedDemoData } from '../scripts/demo';
import { bundleSection } from './bundles';
import { coldStartTable, measureColdStarts } from './cold-start-functions';
import { checkCeilings } from './ceilings';
import { consoleSection } from './console-size';
import * as campaign from './campaign';
import * as campaignDashboard from './campaign-dashboard';
import * as checkinCrowd from './checkin-crowd';
import * as coldStart from './cold-start';
import * as dbCpu from './db-cpu';
import * as demoSeed from './demo-seed';
import * as contest from './contest';
import * as contestVoting from './contest-voting';
import * as course from './course';
import * as members from './members';
import * as points from './points';
import * as share from './share';
import * as voteCrowd from './vote-crowd';

/** Feature benchmarks, each starting its own local cloud; `key` selects them with `--only`. */
const AREAS: { key: string; name: string; run: (record: (name: string, value: string, note?: string) => void) => Promise<void> }[] = [
  { key: 'cold-start', name: 'cold start, lean and as before', run: coldStart.run },
  { key: 'db-cpu', name: 'CPU per database operation, local cloud and SDK apart', run: dbCpu.run },
  { key: 'course', name: 'courses', run: course.run },
  { key: 'points', name: 'points and mall', run: points.run },
  { key: 'campaign', name: 'check-in campaigns', run: campaign.run },
  { key: 'checkin-crowd', name: 'the check-in crowd, local cloud in its own process', run: checkinCrowd.run },
  { key: 'campaign-dashboard', name: 'campaign dashboard', run: campaignDashboard.run },
  { key: 'contest', name: 'contests', run: contest.run },
  { key: 'contest-voting', name: 'contest voting', run: contestVoting.run },
  { key: 'vote-crowd', name: 'the voting crowd, local cloud in its own process', run: voteCrowd.run },
  { key: 'share-opens', name: 'share opens', run: share.runOpens },
  { key: 'share-reports', name: 'share tracking and reports', run: share.runReports },
  { key: 'members', name: 'console member table', run: members.run },
  { key: 'demo-seed', name: 'the demo seed, part by part', run: demoSeed.run },
];

const ROOT = path.resolve(__dirname, '..');
const BIG = 100_000;

interface Row {
  name: string;
  value: string;
  note: string;
}
const rows: Row[] = [];
function record(name: string, value: string, note = ''): void {
  rows.push({ name, value, note });
  console.log(`${name}: ${value}${note ? ` (${note})` : ''}`);
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'weike-bench-'));
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Runs `count` calls with at most `concurrency` in flight; returns calls per second. */
async function throughput(count: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const [, ms] = await timed(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) await call(next++);
      }),
    ),
  );
  return (count / ms) * 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function benchDocuments(db: any): Promise<void> {
  const coll = db.collection('bench_rw');
  for (const concurrency of [1, 16]) {
    const writes = await throughput(2000, concurrency, (i) => coll.add({ data: { _id: `c${concurrency}-${i}`, n: i, tag: 'bench' } }));
    record(`single-document writes (add), ${concurrency} in flight`, `${fmt(writes)} /s`, '2,000 writes');
    const reads = await throughput(2000, concurrency, (i) => coll.doc(`c${concurrency}-${i}`).get());
    record(`single-document reads (doc().get()), ${concurrency} in flight`, `${fmt(reads)} /s`, '2,000 reads');
    const updates = await throughput(2000, concurrency, (i) => coll.doc(`c${concurrency}-${i}`).update({ data: { n: db.command.inc(1) } }));
    record(`single-document updates (inc), ${concurrency} in flight`, `${fmt(updates)} /s`, '2,000 updates');
  }
}

async function benchIndexedQuery(cloud: LocalCloud, db: any): Promise<void> {
  const docs = Array.from({ length: BIG }, (_, i) => ({ _id: `d${i}`, k: `key-${i % 10_000}`, n: i, group: i % 7 }));
  for (const name of ['bench_indexed', 'bench_plain']) cloud.database.insertDocuments(name, docs);
  for (const name of ['bench_indexed', 'bench_plain']) {
    const runs = name === 'bench_indexed' ? 200 : 20;
    const times: number[] = [];
    let scanned = 0;
    for (let i = 0; i < runs; i += 1) {
      const [res, ms] = await timed(() =>
        db
          .collection(name)
          .where({ k: `key-${(i * 37) % 10_000}` })
          .get(),
      );
      if ((res as { data: unknown[] }).data.length !== 10) throw new Error(`${name}: expected 10 documents`);
      times.push(ms);
      scanned = cloud.database.stats().rowsScanned;
    }
    const label = name === 'bench_indexed' ? 'with a declared index on k' : 'without an index';
    record(`equality query on ${fmt(BIG)} documents, ${label}`, `${fmt(median(times), 2)} ms`, `median of ${runs}; ${fmt(scanned)} rows read per query`);
  }
}

async function benchFunctions(): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  const coldGateway: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const dataDir = tempDir();
    const cloud = await startLocalCloud({ dataDir, port: 0, functionsDir: path.join(__dirname, 'functions') });
    try {
      const [first, ms] = await timed(() => cloud.functions.invoke('echo', { echo: round }, { OPENID: 'bench' }));
      if (!first.coldStart) throw new Error('first invocation should be cold');
      cold.push(ms);
      for (let i = 0; i < 100; i += 1) {
        const [res, t] = await timed(() => cloud.functions.invoke('echo', { echo: i }, { OPENID: 'bench' }));
        if (res.coldStart) throw new Error('expected a warm instance');
        warm.push(t);
      }
      // A new function through the gateway: the app's path, cold.
      const restarted = await startLocalCloud({ dataDir: tempDir(), port: 0, functionsDir: path.join(__dirname, 'functions') });
      const [, g] = await timed(() => gatewayCall(restarted.url, 'echo', { echo: 1 }));
      coldGateway.push(g);
      await restarted.close();
    } finally {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  record('function invocation, cold start (new instance)', `${fmt(median(cold), 1)} ms`, 'median of 5, host only');
  record('function invocation, cold start through the app gateway', `${fmt(median(coldGateway), 1)} ms`, 'median of 5, HTTP included');
  record('function invocation, warm instance', `${fmt(median(warm), 2)} ms`, 'median of 500, host only');
}

async function gatewayCall(url: string, name: string, data: unknown, openid = 'bench'): Promise<unknown> {
  const res = await fetch(`${url}/gateway/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-weike-openid': openid },
    body: JSON.stringify({ name, data }),
  });
  const body = (await res.json()) as { result?: unknown; errMsg?: string };
  if (!('result' in body)) throw new Error(`gateway call failed: ${body.errMsg}`);
  return body.result;
}

/** A real action end to end: the built `user` function answering `me` for a demo member (guard included). */
async function benchRealAction(cloud: LocalCloud): Promise<void> {
  await seedDemoData(sdkEnv(cloud.url));
  await gatewayCall(cloud.url, 'user', { action: 'me' }, 'demo-learner');
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const [, ms] = await timed(() => gatewayCall(cloud.url, 'user', { action: 'me' }, 'demo-learner'));
    times.push(ms);
  }
  record('user.me through the gateway, warm (built bundle, guard, 2 reads)', `${fmt(median(times), 2)} ms`, 'median of 200');
  const list = () => gatewayCall(cloud.url, 'course', { action: 'list', page: 1, pageSize: 20 }, 'demo-learner');
  // The first burst grows the pool (cold starts); the second measures warm instances.
  await throughput(200, 16, list);
  const perSecond = await throughput(1000, 16, list);
  record('course.list through the gateway, 16 in flight, warm pool', `${fmt(perSecond)} /s`, '1,000 calls, up to 10 instances');
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/**
 * `npm run bench -- --only course,share-opens` runs those areas only (keys in AREAS), prints their figures and
 * checks their ceilings, without writing BENCHMARKS.md: the machine is shared, a full run takes long.
 */
function selectedAreas(): Set<string> | null {
  const at = process.argv.indexOf('--only');
  if (at < 0) return null;
  const keys = new Set((process.argv[at + 1] ?? '').split(',').filter(Boolean));
  const unknown = [...keys].filter((key) => !AREAS.some((area) => area.key === key));
  if (keys.size === 0 || unknown.length > 0) throw new Error(`--only takes area keys among ${AREAS.map((area) => area.key).join(', ')}`);
  return keys;
}

/** Prints the operations table of issue #15 and marks the run failed when a count exceeds its ceiling. */
function reportCeilings(complete: boolean): string {
  const { table, failures } = checkCeilings(new Map(rows.map((row) => [row.name, row.value])), complete);
  console.log(`\ndatabase operations per action (bench/ceilings.ts)\n${table}`);
  if (failures.length > 0) {
    console.error(`\nOPERATION CEILINGS EXCEEDED:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
    process.exitCode = 1;
  }
  return table;
}

/** Sections measured by hand, not by this run (the `npm test` timing): carried over from the file as they are. */
const KEPT_SECTIONS = ['## npm test wall time'];

function keptSections(): string {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return KEPT_SECTIONS.map((title) => {
    const start = old.indexOf(title);
    if (start < 0) return '';
    const end = old.indexOf('\n## ', start + title.length);
    return `\n${old.slice(start, end < 0 ? undefined : end).trimEnd()}\n`;
  }).join('');
}

async function main(): Promise<void> {
  const only = selectedAreas();
  if (only) {
    for (const area of AREAS.filter((a) => only.has(a.key))) {
      console.log(`\n${area.name}`);
      await area.run(record);
    }
    reportCeilings(false);
    return;
  }
  const dataDir = tempDir();
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    functionsDir: path.join(ROOT, 'cloudfunctions'),
    // The project's collections (the demo needs them) plus the benchmark's own.
    collections: [
      ...loadCollectionDeclarations(),
      { name: 'bench_rw', indexes: [] },
      { name: 'bench_indexed', indexes: [{ name: 'k_1', keys: { k: 1 }, unique: false }] },
      { name: 'bench_plain', indexes: [] },
    ],
  });
  Object.assign(process.env, sdkEnv(cloud.url));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sdk = require('wx-server-sdk');
  sdk.init({ env: 'local' });
  const db = sdk.database();
  try {
    await benchDocuments(db);
    await benchIndexedQuery(cloud, db);
    await benchRealAction(cloud);
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  await benchFunctions();
  for (const area of AREAS) {
    console.log(`\n${area.name}`);
    await area.run(record);
  }

  const ceilings = reportCeilings(true);
  const coldStarts = coldStartTable(await measureColdStarts());
  const table = rows.map((r) => `| ${r.name} | ${r.value} | ${r.note} |`).join('\n');
  const text = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts). Every figure goes through the real \`wx-server-sdk\` or the app
gateway against the local cloud on loopback; the SQLite file is on the machine's disk.

- Date: ${new Date().toISOString()}
- Machine: ${machine()}

| what | figure | how |
|---|---|---|
${table}

## Database operations per action

The ceilings of issue #15 (bench/ceilings.ts); \`npm run bench\` exits non-zero when a count exceeds its ceiling.

${ceilings}

${bundleSection()}
${coldStarts}
${consoleSection()}${keptSections()}`;
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), text);
  console.log('\nwritten to BENCHMARKS.md');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
