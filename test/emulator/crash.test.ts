/**
 * Durability: writes acknowledged to the SDK survive `kill -9` of the local cloud, and a transaction is all
 * or nothing. Each transaction writes two documents that must agree (same `round`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sdkEnv } from '../../emulator/sdk-env';
import { makeTempDir } from '../helpers/local-cloud';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'cloud-process.ts');

jest.setTimeout(30_000);

function startChild(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild process, which
    // SIGKILL of the CLI would leave running (still serving, and holding the pipes open after the test).
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`local cloud exited early (${code})`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const dataDir = makeTempDir('weike-crash-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('acknowledged writes survive kill -9 and no transaction is half applied', async () => {
  const first = await startChild(dataDir);
  Object.assign(process.env, sdkEnv(`http://127.0.0.1:${first.port}`));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const db = cloud.database();
  // CloudBase writes only to existing collections; created collections survive the restart too.
  await db.createCollection('writes');
  await db.createCollection('pairs');

  const acknowledged: string[] = [];
  const committedRounds: number[] = [];
  let stop = false;
  const writer = async (lane: number) => {
    for (let i = 0; !stop; i += 1) {
      const id = `w-${lane}-${i}`;
      try {
        await db.collection('writes').add({ data: { _id: id, lane, i } });
        acknowledged.push(id);
      } catch {
        return; // the server died: this write was never acknowledged
      }
    }
  };
  const transactor = async () => {
    for (let round = 1; !stop; round += 1) {
      try {
        await db.runTransaction(async (tx: { collection(name: string): { doc(id: string): { set(arg: unknown): Promise<unknown> } } }) => {
          await tx.collection('pairs').doc('left').set({ data: { round } });
          await tx.collection('pairs').doc('right').set({ data: { round } });
        }, 0);
        committedRounds.push(round);
      } catch {
        return;
      }
    }
  };
  const streams = [writer(1), writer(2), writer(3), transactor()];
  // Kill once a good number of writes and transactions were acknowledged, mid-stream.
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (acknowledged.length >= 150 && committedRounds.length >= 20) {
        clearInterval(check);
        resolve();
      }
    }, 5);
  });
  await killHard(first.child);
  stop = true;
  await Promise.all(streams);

  const second = await startChild(dataDir);
  try {
    Object.assign(process.env, sdkEnv(`http://127.0.0.1:${second.port}`));
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    const db2 = cloud.database();
    const stored = new Set<string>();
    for (let skip = 0; ; skip += 1000) {
      const page = await db2.collection('writes').orderBy('_id', 'asc').skip(skip).limit(1000).field({ _id: true }).get();
      for (const doc of page.data as Array<{ _id: string }>) stored.add(doc._id);
      if (page.data.length < 1000) break;
    }
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);

    const left = (await db2.collection('pairs').doc('left').get()).data as { round: number };
    const right = (await db2.collection('pairs').doc('right').get()).data as { round: number };
    expect(left.round).toBe(right.round);
    // The last acknowledged transaction is there (a later, unacknowledged one may be too).
    expect(left.round).toBeGreaterThanOrEqual(committedRounds[committedRounds.length - 1]);
  } finally {
    await killHard(second.child);
  }
});
