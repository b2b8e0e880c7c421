/**
 * CPU time per database operation, the local cloud's share and the SDK's apart: the local cloud runs in a
 * child process (bench/db-cpu-server.ts) and reports its own CPU time; this process runs the real
 * wx-server-sdk with its SCF environment set, as in a deployed function. `--cpu-prof` on the child
 * (WEIKE_DB_CPU_PROFILE=1) writes a profile of the server side into the working folder.
 */
import { getCloud } from '../server/core/cloud';
import { inParallel } from '../server/core/parallel';
import { askChild as request, type CpuUsage as Usage, cpuMicros as micros, runAlone, type Recorder, withCloudProcess } from './harness';

const OPERATIONS = 3000;
const IN_FLIGHT = 8;

/** `count` calls, IN_FLIGHT at a time, through the functions' own bounded runner. */
async function inFlight(count: number, call: (i: number) => Promise<unknown>): Promise<void> {
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    IN_FLIGHT,
    call,
  );
}

export async function run(record: Recorder): Promise<void> {
  await withCloudProcess(Boolean(process.env.WEIKE_DB_CPU_PROFILE), async (child) => {
    // The functions' own SDK instance, initialised on first use: after the variables above are set.
    const db = getCloud().database();
    const collection = db.collection('members');
    const measure = async (name: string, call: (i: number) => Promise<unknown>): Promise<void> => {
      await inFlight(200, call); // warm both sides
      const serverBefore = await request<Usage>(child, 'usage', 'usage');
      const clientBefore = process.cpuUsage();
      await inFlight(OPERATIONS, call);
      const client = micros(process.cpuUsage(clientBefore)) / OPERATIONS / 1000;
      const server = (micros(await request<Usage>(child, 'usage', 'usage')) - micros(serverBefore)) / OPERATIONS / 1000;
      record(`local cloud: CPU per ${name}, server side`, `${server.toFixed(3)} ms`, `${OPERATIONS} operations, ${IN_FLIGHT} in flight`);
      record(`local cloud: CPU per ${name}, SDK side`, `${client.toFixed(3)} ms`, 'wx-server-sdk in this process, SCF variables set');
    };
    let added = 0;
    await measure('insert (add)', async () => collection.add({ data: { _id: `bench-${added++}`, name: '压测', departmentId: 'd1', active: true, roles: [] } }));
    await measure('read by id (doc.get)', async (i) => collection.doc(`bench-${i % added}`).get());
    await measure('update by id (doc.update)', async (i) => collection.doc(`bench-${i % added}`).update({ data: { seen: i } }));
  });
}

runAlone(module, run);
