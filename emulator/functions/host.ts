/**
 * The function host: runs deployable functions (`<functionsDir>/<name>/index.js` + `config.json`) in
 * worker-thread instances, like CloudBase does with its containers: one invocation at a time per
 * instance, a per-function pool that grows with load up to a limit (further calls queue), idle instances
 * reaped, cold and warm starts counted, the configured timeout enforced by terminating the instance.
 * Instances are worker threads of this Node, so a function declaring another Node runtime is refused
 * (./runtime.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { transformSync } from 'esbuild';
import { MAX_FUNCTION_CODE_BYTES } from '../limits';
import { sdkEnv } from '../sdk-env';
import { FunctionFailure } from './errors';
import { runtimeRefusal } from './runtime';
import type { InvokeMessage, WorkerData, WorkerReply } from './worker';

/** Who is calling, as WeChat would tell the function through `cloud.getWXContext()`. */
export interface CallerContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  CLIENTIP?: string;
  /** The call chain, as CloudBase documents it: `wx_client`, then `wx_client,scf` one hop later. */
  SOURCE?: string;
  /** A browser's CloudBase user (web SDK callers): its uid, and the custom user id after a custom login. */
  UUID?: string;
  CUSTOM_USER_ID?: string;
}

export interface FunctionHostOptions {
  /** Without one, every function is unknown. */
  functionsDir?: string;
  /** The local cloud's base URL; read when an instance starts (the server knows it only after listen). */
  baseUrl: () => string;
  envId?: string;
  /** Most instances per function (CloudBase's per-function concurrency cap); default 10. */
  maxInstancesPerFunction?: number;
  /** An instance idle this long is stopped; default 5 minutes. */
  idleTimeoutMs?: number;
  /** Variables every function gets, as an environment's configuration would give them (e.g. the custom-login key). */
  env?: Record<string, string>;
}

export interface InvokeResult {
  result: unknown;
  requestId: string;
  coldStart: boolean;
}

export interface FunctionStats {
  invocations: number;
  coldStarts: number;
  warmStarts: number;
  errors: number;
  timeouts: number;
  instances: number;
  busy: number;
  queued: number;
  peakInstances: number;
  peakBusy: number;
  reaped: number;
}

interface FunctionConfig {
  timeoutSeconds: number;
  envVariables: Record<string, string>;
  /** config.json `permissions.openapi`: the open APIs (云调用) this function may call. */
  openapi: string[];
  /** config.json `runtime` (e.g. `Nodejs20.19`); the worker runs in this Node, so the majors must agree. */
  runtime?: string;
}

/** The function a running invocation belongs to and the open APIs it declared. */
export interface OpenApiGrant {
  functionName: string;
  openapi: readonly string[];
}

interface Job {
  event: unknown;
  caller: CallerContext;
  requestId: string;
  resolve(value: InvokeResult): void;
  reject(err: FunctionFailure): void;
}

interface Instance {
  worker: Worker;
  busy: boolean;
  served: number;
  version: number;
  idleTimer?: NodeJS.Timeout;
  /** Set while an invocation runs; called with the worker's reply or with a failure. */
  settle?: (reply: WorkerReply | FunctionFailure) => void;
}

interface Pool {
  name: string;
  entry: string;
  config: FunctionConfig;
  /** Bumped when the bundle changes on disk, so a rebuilt function is picked up without a restart. */
  version: number;
  mtimeMs: number;
  instances: Set<Instance>;
  queue: Job[];
  stats: FunctionStats;
}

/** CloudBase's default function timeout is 3 s (config.json `timeout`, in seconds). */
const DEFAULT_TIMEOUT_SECONDS = 3;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/;
/** The caller keys getWXContext() reports (WX_ prefix stripped); WX_API_TOKEN is blacklisted by the SDK. */
const WX_CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_CLIENTIPV6', 'WX_API_TOKEN'];

let workerSource: string | undefined;
/** The worker runtime is TypeScript; transpile it once so it runs the same under tsx, jest and node. */
function loadWorkerSource(): string {
  workerSource ??= transformSync(fs.readFileSync(path.join(__dirname, 'worker.ts'), 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
  }).code;
  return workerSource;
}

function readConfig(dir: string): FunctionConfig {
  const config: FunctionConfig = { timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, envVariables: {}, openapi: [] };
  const file = path.join(dir, 'config.json');
  if (!fs.existsSync(file)) return config;
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      timeout?: unknown;
      runtime?: unknown;
      envVariables?: unknown;
      permissions?: { openapi?: unknown };
    };
    if (raw.runtime !== undefined) config.runtime = String(raw.runtime);
    if (typeof raw.timeout === 'number' && raw.timeout > 0) config.timeoutSeconds = raw.timeout;
    const openapi = raw.permissions?.openapi;
    if (Array.isArray(openapi)) config.openapi = openapi.filter((name): name is string => typeof name === 'string');
    if (typeof raw.envVariables === 'object' && raw.envVariables !== null) {
      for (const [key, value] of Object.entries(raw.envVariables)) config.envVariables[key] = String(value);
    }
  } catch (err) {
    console.warn(`[local-cloud] ignoring unreadable ${file}: ${(err as Error).message}`);
  }
  return config;
}

/** Bytes of the files under `dir`; symbolic links are not followed (a deployment uploads files). */
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

/** Why the function's code could not be deployed (over MAX_FUNCTION_CODE_BYTES, see limits.ts), if so. */
function oversizedCode(dir: string): string | undefined {
  const bytes = folderBytes(dir);
  if (bytes <= MAX_FUNCTION_CODE_BYTES) return undefined;
  return `the code package of ${path.basename(dir)} is ${bytes} bytes, over the ${MAX_FUNCTION_CODE_BYTES}-byte limit of a function's code: it cannot be deployed`;
}

function emptyStats(): FunctionStats {
  return { invocations: 0, coldStarts: 0, warmStarts: 0, errors: 0, timeouts: 0, instances: 0, busy: 0, queued: 0, peakInstances: 0, peakBusy: 0, reaped: 0 };
}

export class FunctionHost {
  private readonly pools = new Map<string, Pool>();
  /**
   * Tokens of running invocations -> their caller and function, so a nested callFunction knows who started
   * it and an open-API call knows which function's permissions apply.
   */
  private readonly tokens = new Map<string, { caller: CallerContext; pool: Pool }>();
  private readonly maxInstances: number;
  private readonly idleTimeoutMs: number;
  private readonly envId: string;
  private closed = false;

  constructor(private readonly options: FunctionHostOptions) {
    this.maxInstances = Math.max(1, options.maxInstancesPerFunction ?? 10);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 5 * 60_000;
    this.envId = options.envId ?? 'local';
  }

  /** The caller of the running invocation that holds `token` (sent by the SDK as wxCloudApiToken). */
  callerOf(token: unknown): CallerContext | undefined {
    return typeof token === 'string' && token ? this.tokens.get(token)?.caller : undefined;
  }

  /**
   * The open APIs the running invocation holding `token` may call (its config.json `permissions.openapi`),
   * or undefined when no invocation holds it.
   */
  openApiGrant(token: unknown): OpenApiGrant | undefined {
    const running = typeof token === 'string' && token ? this.tokens.get(token) : undefined;
    return running && { functionName: running.pool.name, openapi: running.pool.config.openapi };
  }

  invoke(name: string, event: unknown, caller: CallerContext = {}): Promise<InvokeResult> {
    const requestId = randomUUID();
    if (this.closed) return Promise.reject(new FunctionFailure('execution', 'local cloud is shutting down', requestId));
    const pool = this.poolFor(name);
    if (!pool) return Promise.reject(new FunctionFailure('notFound', 'FunctionName parameter could not be found.', requestId));
    // CloudBase would have refused the deployment: the function does not exist there.
    if ('refused' in pool) return Promise.reject(new FunctionFailure('notFound', pool.refused, requestId));
    // No instance starts on a Node other than the one the function declares.
    const refusal = runtimeRefusal(name, pool.config.runtime);
    if (refusal) return Promise.reject(new FunctionFailure('execution', refusal, requestId));
    return new Promise<InvokeResult>((resolve, reject) => {
      pool.queue.push({ event, caller, requestId, resolve, reject });
      this.pump(pool);
    });
  }

  /**
   * The function's code or configuration changed on disk (a deployment): the next invocation reads them
   * again and starts new instances; idle ones stop then, busy ones finish their invocation first.
   */
  redeployed(name: string): void {
    const pool = this.pools.get(name);
    if (pool) pool.mtimeMs = -1;
  }

  stats(name: string): FunctionStats {
    const pool = this.pools.get(name);
    if (!pool) return emptyStats();
    return { ...pool.stats, instances: pool.instances.size, busy: this.busyCount(pool), queued: pool.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    const stops: Promise<number>[] = [];
    for (const pool of this.pools.values()) {
      for (const job of pool.queue.splice(0)) job.reject(new FunctionFailure('execution', 'local cloud is shutting down', job.requestId));
      for (const instance of pool.instances) stops.push(this.stop(pool, instance));
    }
    await Promise.all(stops);
  }

  /** The function's pool, or why CloudBase could not have deployed it. */
  private poolFor(name: string): Pool | { refused: string } | undefined {
    const { functionsDir } = this.options;
    if (!functionsDir || typeof name !== 'string' || !FUNCTION_NAME.test(name)) return undefined;
    const dir = path.join(functionsDir, name);
    const entry = path.join(dir, 'index.js');
    let mtimeMs: number;
    let codeTooLarge: string | undefined;
    try {
      mtimeMs = fs.statSync(entry).mtimeMs;
    } catch {
      return undefined;
    }
    let pool = this.pools.get(name);
    if (!pool || pool.mtimeMs !== mtimeMs) codeTooLarge = oversizedCode(dir);
    if (codeTooLarge) return { refused: codeTooLarge };
    if (!pool) {
      pool = { name, entry, config: readConfig(dir), version: 0, mtimeMs, instances: new Set(), queue: [], stats: emptyStats() };
      this.pools.set(name, pool);
    } else if (pool.mtimeMs !== mtimeMs) {
      pool.mtimeMs = mtimeMs;
      pool.version += 1;
      pool.config = readConfig(dir);
      for (const instance of pool.instances) if (!instance.busy) void this.stop(pool, instance);
    }
    return pool;
  }

  private busyCount(pool: Pool): number {
    let busy = 0;
    for (const instance of pool.instances) if (instance.busy) busy += 1;
    return busy;
  }

  private pump(pool: Pool): void {
    while (pool.queue.length > 0) {
      let instance: Instance | undefined;
      for (const candidate of pool.instances) {
        if (!candidate.busy && candidate.version === pool.version) {
          instance = candidate;
          break;
        }
      }
      if (!instance) {
        // Instances of an older bundle still finishing count against the cap until they stop.
        if (pool.instances.size >= this.maxInstances) return;
        instance = this.spawn(pool);
      }
      this.run(pool, instance, pool.queue.shift() as Job);
    }
  }

  private spawn(pool: Pool): Instance {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      // The host's own WeChat context (if any) must never leak into a function.
      if (value !== undefined && !key.startsWith('WX_') && key !== 'TCB_SOURCE') env[key] = value;
    }
    Object.assign(
      env,
      sdkEnv(this.options.baseUrl(), this.envId),
      {
        // The SDK logs an error on every call inside SCF when the region is unset.
        TENCENTCLOUD_REGION: process.env.TENCENTCLOUD_REGION ?? 'ap-shanghai',
        WX_CONTEXT_KEYS: WX_CONTEXT_KEYS.join(','),
        TCB_CONTEXT_KEYS: 'TCB_ENV,SCF_NAMESPACE,TCB_SOURCE,TCB_UUID,TCB_CUSTOM_USER_ID,TCB_ISANONYMOUS_USER,TCB_SOURCE_IP',
      },
      this.options.env ?? {},
      pool.config.envVariables,
    );
    const data: WorkerData = { entry: pool.entry };
    const worker = new Worker(loadWorkerSource(), { eval: true, env, workerData: data, stdout: false, stderr: false });
    const instance: Instance = { worker, busy: false, served: 0, version: pool.version };
    worker.on('message', (reply: WorkerReply) => instance.settle?.(reply));
    worker.on('error', (err) => {
      // An uncaught error or unhandled rejection kills the instance; the running invocation fails with it.
      instance.settle?.({ type: 'result', ok: false, error: { name: err.name, message: err.message, stack: err.stack } });
      void this.stop(pool, instance);
    });
    worker.on('exit', () => {
      instance.settle?.({ type: 'result', ok: false, error: { name: 'Error', message: 'function instance exited' } });
      if (pool.instances.delete(instance)) this.pump(pool);
    });
    pool.instances.add(instance);
    pool.stats.peakInstances = Math.max(pool.stats.peakInstances, pool.instances.size);
    return instance;
  }

  private run(pool: Pool, instance: Instance, job: Job): void {
    const coldStart = instance.served === 0;
    instance.busy = true;
    instance.served += 1;
    if (instance.idleTimer) clearTimeout(instance.idleTimer);
    pool.stats.invocations += 1;
    pool.stats[coldStart ? 'coldStarts' : 'warmStarts'] += 1;
    pool.stats.peakBusy = Math.max(pool.stats.peakBusy, this.busyCount(pool));

    const token = randomUUID();
    this.tokens.set(token, { caller: job.caller, pool });
    const env: Record<string, string> = { WX_API_TOKEN: token };
    for (const key of ['OPENID', 'APPID', 'UNIONID', 'CLIENTIP'] as const) {
      const value = job.caller[key];
      if (value) env[`WX_${key}`] = value;
    }
    if (job.caller.SOURCE) env.TCB_SOURCE = job.caller.SOURCE;
    // A web caller, as the node SDK's getUserInfo / getClientIP read it (TCB_CONTEXT_KEYS above).
    if (job.caller.UUID) {
      env.TCB_UUID = job.caller.UUID;
      env.TCB_ISANONYMOUS_USER = job.caller.CUSTOM_USER_ID ? 'false' : 'true';
      if (job.caller.CUSTOM_USER_ID) env.TCB_CUSTOM_USER_ID = job.caller.CUSTOM_USER_ID;
      if (job.caller.CLIENTIP) env.TCB_SOURCE_IP = job.caller.CLIENTIP;
    }
    const timeoutMs = pool.config.timeoutSeconds * 1000;
    const message: InvokeMessage = {
      type: 'invoke',
      event: job.event,
      context: {
        request_id: job.requestId,
        function_name: pool.name,
        function_version: '$LATEST',
        namespace: this.envId,
        memory_limit_in_mb: 256,
        time_limit_in_ms: timeoutMs,
        environment: JSON.stringify({ ...env, WX_CONTEXT_KEYS: WX_CONTEXT_KEYS.join(','), TCB_ENV: this.envId }),
      },
      env,
    };

    const timer = setTimeout(() => {
      pool.stats.timeouts += 1;
      instance.settle?.(new FunctionFailure('timeout', `Invoking task timed out after ${pool.config.timeoutSeconds} seconds`, job.requestId));
      void this.stop(pool, instance);
    }, timeoutMs);

    instance.settle = (reply) => {
      instance.settle = undefined;
      clearTimeout(timer);
      this.tokens.delete(token);
      if (reply instanceof FunctionFailure) {
        job.reject(reply);
        return;
      }
      if (reply.ok) {
        let result: unknown;
        try {
          result = JSON.parse(reply.json);
        } catch {
          result = null;
        }
        job.resolve({ result, requestId: job.requestId, coldStart });
      } else {
        pool.stats.errors += 1;
        job.reject(new FunctionFailure('execution', `${reply.error.name}: ${reply.error.message}`, job.requestId));
      }
      if (pool.instances.has(instance)) this.release(pool, instance);
    };
    instance.worker.postMessage(message);
  }

  private release(pool: Pool, instance: Instance): void {
    instance.busy = false;
    if (instance.version !== pool.version) {
      void this.stop(pool, instance);
      return;
    }
    instance.idleTimer = setTimeout(() => {
      pool.stats.reaped += 1;
      void this.stop(pool, instance);
    }, this.idleTimeoutMs);
    instance.idleTimer.unref();
    this.pump(pool);
  }

  private stop(pool: Pool, instance: Instance): Promise<number> {
    if (instance.idleTimer) clearTimeout(instance.idleTimer);
    instance.busy = true; // never hand a stopping instance new work
    if (pool.instances.delete(instance)) queueMicrotask(() => this.pump(pool));
    return instance.worker.terminate();
  }
}
