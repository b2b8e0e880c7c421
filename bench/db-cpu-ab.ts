/**
 * The local cloud's server-side CPU per operation, this checkout against another (`npx tsx bench/db-cpu-ab.ts
 * <folder of the other checkout>`, its node_modules installed), measured interleaved: on a shared machine the
 * load changes within a minute, so runs of bench/db-cpu.ts one after the other differ by as much as the two
 * versions do. Each version's local cloud runs in its own process (its bench/db-cpu-server.ts); one SDK client
 * (wx-server-sdk reads its endpoint from TCB_CONTEXT_CNFG on every request) alternates blocks of each kind
 * between them, in alternating order, and each block's CPU is read from the process that served it. Prints
 * the median of the measured blocks per kind and version.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { sdkEnv } from '../emulator/sdk-env';
import { inFlight, operationKinds } from './db-cpu';
import { askChild, type CpuUsage, cpuMicros } from './harness';

const BLOCK = 600;
const WARM_ROUNDS = 3;
const ROUNDS = 8;

interface Version {
  name: string;
  child: ChildProcess;
  url: string;
  kinds: ReturnType<typeof operationKinds>;
  blocks: Map<string, number[]>;
}

async function start(name: string, dir: string): Promise<Version> {
  const child = fork(path.join(dir, 'bench', 'db-cpu-server.ts'), [], {
    cwd: dir,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const url = await askChild<string>(child, '', 'url');
  return { name, child, url, kinds: operationKinds({ added: 0 }), blocks: new Map() };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const other = process.argv[2];
  if (!other) throw new Error('usage: npx tsx bench/db-cpu-ab.ts <folder of the other checkout>');
  const versions = [await start('this checkout', path.join(__dirname, '..')), await start(path.resolve(other), path.resolve(other))];
  try {
    for (let round = 0; round < WARM_ROUNDS + ROUNDS; round += 1) {
      const order = round % 2 ? [...versions].reverse() : versions;
      for (let kind = 0; kind < versions[0].kinds.length; kind += 1) {
        for (const version of order) {
          const [name, call] = version.kinds[kind];
          Object.assign(process.env, sdkEnv(version.url));
          const before = cpuMicros(await askChild<CpuUsage>(version.child, 'usage', 'usage'));
          await inFlight(BLOCK, (i) => call(i + round * BLOCK));
          const cpu = cpuMicros(await askChild<CpuUsage>(version.child, 'usage', 'usage')) - before;
          if (round >= WARM_ROUNDS) version.blocks.set(name, [...(version.blocks.get(name) ?? []), cpu / BLOCK / 1000]);
        }
      }
    }
    for (const version of versions) {
      for (const [name, blocks] of version.blocks) {
        const each = blocks.map((ms) => ms.toFixed(3)).join(', ');
        console.log(`${version.name}: CPU per ${name}, server side: median ${median(blocks).toFixed(3)} ms (blocks: ${each})`);
      }
    }
  } finally {
    for (const version of versions) version.child.send('stop');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
