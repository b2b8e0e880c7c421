/**
 * Runtime of one function instance, run inside a worker thread (transpiled by the host with esbuild and
 * started with `eval`). It loads the bundle on its first invocation (the cold start), then serves one
 * invocation at a time. The per-invocation WeChat context arrives as environment variables, because
 * `cloud.getWXContext()` reads only `process.env`; they are removed again when the invocation ends.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface WorkerData {
  entry: string;
}

export interface InvokeMessage {
  type: 'invoke';
  event: unknown;
  context: Record<string, unknown>;
  env: Record<string, string>;
}

export type WorkerReply = { type: 'result'; ok: true; json: string } | { type: 'result'; ok: false; error: { name: string; message: string; stack?: string } };

type Main = (event: unknown, context: Record<string, unknown>) => unknown;

const { entry } = workerData as WorkerData;
let main: Main | undefined;

function load(): Main {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(entry) as { main?: unknown };
  if (typeof mod.main !== 'function') throw new TypeError(`${entry} does not export a main(event, context) function`);
  return mod.main as Main;
}

function describe(err: unknown): { name: string; message: string; stack?: string } {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  if (typeof err === 'object' && err !== null) {
    const record = err as Record<string, unknown>;
    const message = typeof record.errMsg === 'string' ? record.errMsg : typeof record.message === 'string' ? record.message : JSON.stringify(err);
    return { name: 'Error', message };
  }
  return { name: 'Error', message: String(err) };
}

parentPort?.on('message', async (message: InvokeMessage) => {
  for (const [key, value] of Object.entries(message.env)) process.env[key] = value;
  let reply: WorkerReply;
  try {
    main ??= load();
    const result = await main(message.event, message.context);
    // CloudBase hands the caller a JSON copy; undefined becomes null (chosen, undocumented).
    reply = { type: 'result', ok: true, json: JSON.stringify(result ?? null) ?? 'null' };
  } catch (err) {
    reply = { type: 'result', ok: false, error: describe(err) };
  } finally {
    for (const key of Object.keys(message.env)) delete process.env[key];
  }
  parentPort?.postMessage(reply);
});
