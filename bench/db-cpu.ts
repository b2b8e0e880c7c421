/**
 * CPU time per database operation, the local cloud's share and the SDK's apart: the local cloud runs in a
 * child process (bench/db-cpu-server.ts) and reports its own CPU time; this process runs the real
 * wx-server-sdk with its SCF environment set, as in a deployed function. `--cpu-prof` on the child
 * (WEIKE_DB_CPU_PROFILE=1) writes a profile of the server side into the working folder.
 * Then the database service's own share without HTTP: its protocol actions called in this process with the
 * parameters the SDK sends (wire EJSON), one at a time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EJSON } from 'bson';
import { openDatabase } from '../emulator/db';
import { getCloud } from '../server/core/cloud';
import { inParallel } from '../server/core/parallel';
import { askChild as request, type CpuUsage as Usage, cpuMicros as micros, runAlone, type Recorder, withCloudProcess } from './harness';

const OPERATIONS = 3000;
const IN_FLIGHT = 8;
/** Warm-up: this many calls of each kind, in this many rounds over the kinds, before any kind is measured. */
const WARM_CALLS = 1000;
const WARM_ROUNDS = 2;

/** `count` calls, IN_FLIGHT at a time, through the functions' own bounded runner. */
export async function inFlight(count: number, call: (i: number) => Promise<unknown>): Promise<void> {
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    IN_FLIGHT,
    call,
  );
}

/**
 * The kinds measured, through the functions' own SDK instance (initialised on first use, after the SDK's
 * variables are set): new members, then reads and updates of the members added (`documents.added` counts them).
 */
export function operationKinds(documents: { added: number }): Array<[string, (i: number) => Promise<unknown>]> {
  let members: ReturnType<ReturnType<ReturnType<typeof getCloud>['database']>['collection']> | undefined;
  const collection = () => (members ??= getCloud().database().collection('members'));
  return [
    ['insert (add)', async () => collection().add({ data: { _id: `bench-${documents.added++}`, name: '压测', departmentId: 'd1', active: true, roles: [] } })],
    [
      'read by id (doc.get)',
      async (i) =>
        collection()
          .doc(`bench-${i % documents.added}`)
          .get(),
    ],
    [
      'update by id (doc.update)',
      async (i) =>
        collection()
          .doc(`bench-${i % documents.added}`)
          .update({ data: { seen: i } }),
    ],
  ];
}

export async function run(record: Recorder): Promise<void> {
  await withCloudProcess(Boolean(process.env.WEIKE_DB_CPU_PROFILE), async (child) => {
    const kinds = operationKinds({ added: 0 });
    // Every kind is warmed before any is measured: V8 optimises the server's code on threads of its own, whose
    // CPU time the process's counts, so a kind measured right after a short warm-up of its own would also pay
    // for optimising the code it shares with the others (the insert phase used to come out 0.1-0.2 ms high).
    for (let round = 0; round < WARM_ROUNDS; round += 1) for (const [, call] of kinds) await inFlight(WARM_CALLS, call);
    for (const [name, call] of kinds) {
      const serverBefore = await request<Usage>(child, 'usage', 'usage');
      const clientBefore = process.cpuUsage();
      await inFlight(OPERATIONS, call);
      const client = micros(process.cpuUsage(clientBefore)) / OPERATIONS / 1000;
      const server = (micros(await request<Usage>(child, 'usage', 'usage')) - micros(serverBefore)) / OPERATIONS / 1000;
      record(
        `local cloud: CPU per ${name}, server side`,
        `${server.toFixed(3)} ms`,
        `${OPERATIONS} operations, ${IN_FLIGHT} in flight, after ${WARM_ROUNDS} x ${WARM_CALLS} warm-up calls of each kind`,
      );
      record(`local cloud: CPU per ${name}, SDK side`, `${client.toFixed(3)} ms`, 'wx-server-sdk in this process, SCF variables set');
    }
  });
  await measureActions(record);
}

/** The database service's protocol actions in this process, no HTTP: what the local cloud's own code costs. */
async function measureActions(record: Recorder): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-bench-dbactions-'));
  const database = openDatabase({ dataDir });
  const wire = (value: object): string => EJSON.stringify(value, { relaxed: false });
  const call = (action: string, params: Record<string, unknown>) =>
    database.actions[action]({ collectionName: 'members', envName: 'local', ...params, action }, { envName: 'local', requestId: 'bench' });
  const operations: Array<[string, (i: number) => Promise<unknown>]> = [
    ['insert', (i) => call('database.insertDocument', { data: [wire({ _id: `bench-${i}`, name: '压测', departmentId: 'd1', active: true, roles: [] })] })],
    ['read by id', (i) => call('database.getDocument', { query: wire({ _id: `bench-${i}` }), queryType: 'DOC', multi: false })],
    [
      'update by id',
      (i) =>
        call('database.modifyDocument', {
          query: wire({ _id: `bench-${i}` }),
          data: wire({ $set: { seen: i } }),
          queryType: 'DOC',
          multi: false,
          merge: true,
          upsert: false,
        }),
    ],
  ];
  try {
    // A first pass warms the code; the second, on new documents, is measured.
    for (const pass of [0, 1]) {
      for (const [name, operation] of operations) {
        const before = process.cpuUsage();
        for (let i = pass * OPERATIONS; i < (pass + 1) * OPERATIONS; i += 1) await operation(i);
        const cpu = micros(process.cpuUsage(before)) / OPERATIONS / 1000;
        if (pass)
          record(
            `local cloud: CPU per ${name}, database service alone`,
            `${cpu.toFixed(3)} ms`,
            `${OPERATIONS} protocol actions called in this process, no HTTP`,
          );
      }
    }
  } finally {
    database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runAlone(module, run);
