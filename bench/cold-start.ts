/**
 * Cold start of a learner-facing function through the app gateway, the lean bundle beside the same function
 * built as it was before the lean-function change (exceljs inlined and evaluated at load, Node 16 target), in
 * one run on one machine. `points` is the learner function that carried exceljs (the mall's order export).
 * Each sample is the first call on a fresh local cloud: a new instance loads the bundle (and wx-server-sdk).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCollectionDeclarations } from '../emulator/db';
import { buildFunctions, FUNCTIONS_DIR, ROOT } from '../scripts/build';
import { type Recorder, runAlone, withBenchCloud } from './harness';

const FUNCTION = 'points';
const ROUNDS = 7;

async function buildInto(label: string, before: boolean): Promise<string> {
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, '.tmp', `bench-cold-${label}-`));
  const built = await buildFunctions(
    dir,
    FUNCTIONS_DIR,
    before ? { target: 'node16', plugins: [], inject: [path.join(__dirname, 'fixtures', 'eager-exceljs.ts')] } : {},
  );
  for (const { name } of built) fs.copyFileSync(path.join(FUNCTIONS_DIR, name, 'config.json'), path.join(dir, name, 'config.json'));
  return dir;
}

async function coldCall(functionsDir: string): Promise<number> {
  let ms = 0;
  await withBenchCloud(
    'cold-start',
    async (cloud) => {
      const started = performance.now();
      const res = await fetch(`${cloud.url}/gateway/callFunction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-weike-openid': 'bench-learner' },
        body: JSON.stringify({ name: FUNCTION, data: { action: 'balance' } }),
      });
      const body = (await res.json()) as { result?: unknown; errMsg?: string };
      ms = performance.now() - started;
      // Unbound caller: the function answers (a refusal) after loading its bundle, which is what is timed.
      if (!('result' in body)) throw new Error(`gateway call failed: ${body.errMsg}`);
    },
    { functionsDir, collections: loadCollectionDeclarations() },
  );
  return ms;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

export async function run(record: Recorder): Promise<void> {
  const lean = await buildInto('lean', false);
  const before = await buildInto('before', true);
  try {
    const times = { lean: [] as number[], before: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate which goes first so a warming disk or JIT favours neither.
      const order = round % 2 === 0 ? (['lean', 'before'] as const) : (['before', 'lean'] as const);
      for (const variant of order) times[variant].push(await coldCall(variant === 'lean' ? lean : before));
    }
    const size = (dir: string): string => `${(fs.statSync(path.join(dir, FUNCTION, 'index.js')).size / 1024).toFixed(0)} KB index.js`;
    record(
      `cold start through the gateway, ${FUNCTION}, bundle as before (exceljs inlined)`,
      `${median(times.before).toFixed(1)} ms`,
      `median of ${ROUNDS}, ${size(before)}`,
    );
    record(`cold start through the gateway, ${FUNCTION}, lean bundle`, `${median(times.lean).toFixed(1)} ms`, `median of ${ROUNDS}, ${size(lean)}, same run`);
  } finally {
    fs.rmSync(lean, { recursive: true, force: true });
    fs.rmSync(before, { recursive: true, force: true });
  }
}

runAlone(module, run);
