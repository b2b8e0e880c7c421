/**
 * The demo seed (`npm start`, test/e2e/demo.test.ts): database operations and CPU per part of
 * scripts/demo/index.ts `seedDemoData`, against a fresh local cloud in this process (so the CPU is the seed's
 * domain code, the SDK and the local cloud together: process.cpuUsage). Records one row with the parts'
 * operations in its note; `--parts` also prints each part's CPU and operations by protocol action.
 */
import { type DemoPart, seedDemoData } from '../scripts/demo';
import { sdkEnv } from '../emulator/sdk-env';
import { cpuMicros, type Recorder, runAlone, withBenchCloud } from './harness';

const TODAY = new Date('2026-11-27T02:00:00Z');

const seconds = (micros: number): string => `${(micros / 1e6).toFixed(1)} s`;

export async function run(record: Recorder): Promise<void> {
  const detailed = process.argv.includes('--parts');
  await withBenchCloud('demo-seed', async (cloud) => {
    cloud.actions.reset();
    const started = process.cpuUsage();
    let cpu = process.cpuUsage();
    let total = 0;
    const parts: string[] = [];
    const onPart = (part: DemoPart): void => {
      const used = cpuMicros(process.cpuUsage(cpu));
      cpu = process.cpuUsage();
      const operations = cloud.actions.databaseOperations();
      total += operations;
      parts.push(`${part} ${operations.toLocaleString('en-US')}`);
      if (detailed) {
        const actions = Object.entries(cloud.actions.snapshot()).map(([action, n]) => `${action.replace('database.', '')} ${n}`);
        console.log(`  ${part}: ${operations} operations, ${seconds(used)} CPU (${actions.join(', ')})`);
      }
      cloud.actions.reset();
    };
    await seedDemoData(sdkEnv(cloud.url), TODAY, { onPart });
    record(
      'demo seed (npm start, test/e2e/demo.test.ts): database operations, CPU',
      `${total.toLocaleString('en-US')}, ${seconds(cpuMicros(process.cpuUsage(started)))}`,
      `seedDemoData into a fresh local cloud in the process (its CPU included), by part: ${parts.join(', ')}`,
    );
  });
}

runAlone(module, run);
