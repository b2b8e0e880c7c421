/**
 * The demo seed (`npm start`, test/e2e/demo.test.ts): database operations and CPU per part of
 * scripts/demo/index.ts `seedDemoData`, against a fresh local cloud in this process (so the CPU is the seed's
 * domain code, the SDK and the local cloud together: process.cpuUsage). `--actions` also prints each part's
 * operations by protocol action.
 */
import { type DemoPart, seedDemoData } from '../scripts/demo';
import { sdkEnv } from '../emulator/sdk-env';
import { cpuMicros, type Recorder, runAlone, withBenchCloud } from './harness';

const TODAY = new Date('2026-11-27T02:00:00Z');

export async function run(record: Recorder): Promise<void> {
  const byAction = process.argv.includes('--actions');
  await withBenchCloud('demo-seed', async (cloud) => {
    cloud.actions.reset();
    const started = process.cpuUsage();
    let cpu = process.cpuUsage();
    let total = 0;
    const onPart = (part: DemoPart): void => {
      const used = cpuMicros(process.cpuUsage(cpu));
      cpu = process.cpuUsage();
      const operations = cloud.actions.databaseOperations();
      total += operations;
      const actions = byAction
        ? Object.entries(cloud.actions.snapshot())
            .map(([action, n]) => `${action.replace('database.', '')} ${n}`)
            .join(', ')
        : undefined;
      record(`demo seed: ${part}`, `${operations} operations, ${(used / 1e6).toFixed(2)} s CPU`, actions);
      cloud.actions.reset();
    };
    await seedDemoData(sdkEnv(cloud.url), TODAY, { onPart });
    record('demo seed: all parts', `${total} operations, ${(cpuMicros(process.cpuUsage(started)) / 1e6).toFixed(2)} s CPU`);
  });
}

runAlone(module, run);
