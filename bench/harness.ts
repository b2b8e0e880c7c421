/** What every benchmark area shares: its own local cloud with the SDK pointed at it, and running alone. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../emulator/server';
import { sdkEnv } from '../emulator/sdk-env';
import { performance } from 'node:perf_hooks';
import { type ChildProcess, fork } from 'node:child_process';

export type Recorder = (name: string, value: string, note?: string) => void;

/**
 * Runs `body` against a fresh local cloud in a temporary folder, with wx-server-sdk's environment pointed at
 * it (the domain code runs in this process, as the race tests do); closes it and restores everything after.
 */
export async function withBenchCloud(area: string, body: (cloud: LocalCloud) => Promise<void>, options: Partial<LocalCloudOptions> = {}): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `weike-bench-${area}-`));
  const cloud = await startLocalCloud({ dataDir, port: 0, ...options });
  const savedEnv = { ...process.env };
  Object.assign(process.env, sdkEnv(cloud.url));
  try {
    await body(cloud);
  } finally {
    await cloud.close();
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npx tsx bench/<area>.ts` runs one area alone and prints its figures. */
export function runAlone(mod: NodeModule, run: (record: Recorder) => Promise<void>): void {
  if (require.main !== mod) return;
  run((name, value, note) => console.log(`${name}: ${value}${note ? ` (${note})` : ''}`)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}

/**
 * Runs a timer's tally as `runs` overlapping timer runs until one counts nothing (a backlog drained), and
 * answers how many it counted and in how many seconds.
 */
export async function drainTally(runs: number, tally: () => Promise<{ counted: number }>): Promise<{ counted: number; seconds: number }> {
  const started = performance.now();
  let counted = 0;
  await Promise.all(
    Array.from({ length: runs }, async () => {
      for (;;) {
        const run = await tally();
        counted += run.counted;
        if (run.counted === 0) return;
      }
    }),
  );
  return { counted, seconds: (performance.now() - started) / 1000 };
}

/** A process's CPU time (process.cpuUsage()), and its total in microseconds. */
export interface CpuUsage {
  user: number;
  system: number;
}
export const cpuMicros = (usage: CpuUsage): number => usage.user + usage.system;

/** Sends `message` to a child process (none: just waits) and answers the `key` of its first reply holding one. */
export function askChild<T>(child: ChildProcess, message: string | object, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: Record<string, unknown>): void => {
      if (key in reply) {
        child.off('message', onMessage);
        resolve(reply[key] as T);
      }
    };
    child.on('message', onMessage);
    if (message) child.send(message);
  });
}

/**
 * The local cloud alone in a child process (bench/db-cpu-server.ts), with this process's SDK pointed at it
 * while `body` runs; `--cpu-prof` on the child when `profile` is set. Stops it and restores the environment.
 */
export async function withCloudProcess(profile: boolean, body: (child: ChildProcess) => Promise<void>): Promise<void> {
  // Run from the repository, where `--import tsx` resolves.
  const child = fork(path.join(__dirname, 'db-cpu-server.ts'), [], {
    cwd: path.join(__dirname, '..'),
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${process.cwd()}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Structured clone keeps Dates in the documents a bench seeds through the child (`insert`).
    serialization: 'advanced',
  });
  const url = await askChild<string>(child, '', 'url');
  const saved = { ...process.env };
  Object.assign(process.env, sdkEnv(url));
  try {
    await body(child);
  } finally {
    process.env = saved;
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
