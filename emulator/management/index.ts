/**
 * The management API of an environment deployed into (a local cloud started empty): the Tencent Cloud API 3.0
 * actions that @cloudbase/manager-node sends for `npm run deploy` (scripts/deploy.ts), applied to the local
 * cloud's real state: collections and indexes in its database, security rules, the storage rule its storage
 * checks, and functions its host runs from the uploaded code. docs/deploy.md lists every action with its
 * reference page.
 *
 * Requests are JSON POSTs with `X-TC-Action`, `X-TC-Version` and a TC3-HMAC-SHA256 `Authorization`
 * (signature v3, https://cloud.tencent.com/document/product/876/34813): the header must be well formed and name
 * the service; the signature itself is not checked (any key pair works locally). Answers are
 * `{Response: {..., RequestId}}`, errors `{Response: {Error: {Code, Message}, RequestId}}`, as
 * the reference pages' examples show (e.g. https://cloud.tencent.com/document/api/876/127964).
 *
 * CloudBase (`tcb`) actions arrive at `/management/tcb` (the SDK honours TCB_BASE_URL); SCF actions arrive
 * through an HTTP CONNECT tunnel to scf.tencentcloudapi.com (the SDK's `proxy` option), see tls.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { randomUUID } from 'node:crypto';
import type { DatabaseService, IndexDeclaration } from '../db';
import type { CloudStorage } from '../storage';
import type { StorageRules } from '../storage/rules';
import type { FunctionHost } from '../functions';
import { parseCron, readTimerTriggers, type TimerScheduler } from '../functions/timers';
import { CLOUDBASE_NODE_RUNTIMES } from '../functions/runtime';
import { CloudError } from '../protocol';
import { readZip } from './zip';
import { SCF_HOST, tunnelCertificates } from './tls';
import { ApiError } from './api-error';
import { StaticHosting } from './hosting';

export { ApiError };

type Params = Record<string, unknown>;
type Handler = (params: Params) => Record<string, unknown> | Promise<Record<string, unknown>>;

type SafeRule = { AclTag: string; Rule?: string };

export interface TriggerRecord {
  TriggerName: string;
  Type: string;
  TriggerDesc: string;
  AddTime: string;
}

export interface FunctionRecord {
  FunctionName: string;
  Runtime: string;
  Handler: string;
  Timeout: number;
  MemorySize: number;
  InstallDependency: string;
  Variables: Array<{ Key: string; Value: string }>;
  Triggers: TriggerRecord[];
  CodeSize: number;
  AddTime: string;
  ModTime: string;
}

interface State {
  collectionRules: Record<string, SafeRule>;
  storageRule?: SafeRule;
  functions: Record<string, FunctionRecord>;
}

export interface ManagementOptions {
  envId: string;
  dataDir: string;
  /** Where deployed functions are unpacked; the function host serves this folder. */
  functionsDir: string;
  database: DatabaseService;
  storage: CloudStorage;
  functions: FunctionHost;
  timers?: TimerScheduler;
  /** Called after a function's code or configuration changed (the server re-reads message pushes). */
  onDeployed?: () => void;
  /** Where `require('wx-server-sdk')` of a deployed function resolves (CloudBase installs it from package.json). */
  nodeModules: string;
}

const REGION = 'ap-shanghai';
const APP_ID = '1250000000';
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$/;
/** SCF's memory sizes: 64 MB, then multiples of 128 MB up to 3072 MB (https://cloud.tencent.com/document/api/583/18586). */
const MEMORY_SIZES = new Set([64, ...Array.from({ length: 24 }, (_, i) => 128 * (i + 1))]);
const SIGNATURE = /^TC3-HMAC-SHA256 Credential=[^/\s]+\/\d{4}-\d{2}-\d{2}\/([a-z]+)\/tc3_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;
const VERSIONS: Record<'tcb' | 'scf', string> = { tcb: '2018-06-08', scf: '2018-04-16' };

const now = () => new Date().toISOString().replace('T', ' ').slice(0, 19);

function str(params: Params, key: string, required = true): string {
  const value = params[key];
  if (typeof value === 'string' && value !== '') return value;
  if (!required && value === undefined) return '';
  throw new ApiError(
    value === undefined ? 'MissingParameter' : 'InvalidParameterValue',
    `the parameter ${key} is ${value === undefined ? 'missing' : 'invalid'}`,
  );
}

function num(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ApiError('InvalidParameterValue', `the parameter ${key} must be a number`);
  return n;
}

export class ManagementService {
  private readonly stateFile: string;
  private readonly state: State;
  private readonly certificates: () => ReturnType<typeof tunnelCertificates>;
  private readonly tunnels = new Set<net.Socket>();
  private readonly scfServer: http.Server;
  private readonly actions: Record<'tcb' | 'scf', Record<string, Handler>>;
  /** Static website hosting (hosting.ts): its CloudBase actions, its COS bucket and its website. */
  readonly hosting: StaticHosting;

  constructor(private readonly options: ManagementOptions) {
    const dir = path.join(options.dataDir, 'management');
    fs.mkdirSync(dir, { recursive: true });
    fs.mkdirSync(options.functionsDir, { recursive: true });
    this.stateFile = path.join(dir, 'state.json');
    this.state = fs.existsSync(this.stateFile) ? (JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as State) : { collectionRules: {}, functions: {} };
    if (this.state.storageRule?.Rule) options.storage.setRules(JSON.parse(this.state.storageRule.Rule) as StorageRules);
    let certificates: ReturnType<typeof tunnelCertificates> | undefined;
    // Made on first use: only a deployment needs them.
    this.certificates = () => (certificates ??= tunnelCertificates(path.join(dir, 'tls')));
    this.scfServer = http.createServer((req, res) => {
      this.serve('scf', req, res).catch(() => res.destroy());
    });
    this.hosting = new StaticHosting({ envId: options.envId, appId: APP_ID, dataDir: options.dataDir });
    this.actions = { tcb: { ...this.tcbActions(), ...this.hosting.tcbActions((params) => this.env(params)) }, scf: this.scfActions() };
  }

  /** A collection's security rule as set (AclTag, and Rule for CUSTOM), for tests. */
  collectionRule(name: string): { AclTag: string; Rule?: string } | undefined {
    return this.state.collectionRules[name];
  }

  /** Functions as the API describes them (name -> configuration and triggers), for tests. */
  functionRecords(): Record<string, FunctionRecord> {
    return JSON.parse(JSON.stringify(this.state.functions)) as Record<string, FunctionRecord>;
  }

  /** PEM of the authority that signs the tunnel's certificate (GET /management/ca.pem). */
  caPem(): string {
    return this.certificates().ca;
  }

  private save(): void {
    const tmp = `${this.stateFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    fs.renameSync(tmp, this.stateFile);
  }

  /** `/management/*` routes of the local cloud; false when the path is not one of them. */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean {
    if (url.pathname === '/management/ca.pem' && req.method === 'GET') {
      req.resume();
      const pem = this.caPem();
      res.writeHead(200, { 'content-type': 'application/x-pem-file', 'content-length': Buffer.byteLength(pem) });
      res.end(pem);
      return true;
    }
    if (url.pathname === '/management/tcb') {
      this.serve('tcb', req, res).catch(() => res.destroy());
      return true;
    }
    return false;
  }

  /**
   * An HTTP CONNECT from the SDK's proxy agent: only to the SCF API's host, only from this machine. The
   * tunnel is answered with TLS for that host, and its requests go to the SCF actions.
   */
  handleConnect(req: http.IncomingMessage, socket: net.Socket, head: Buffer, self: { host: string; server: http.Server }): void {
    const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(socket.remoteAddress ?? '');
    // The SDK sends every call through its proxy, the CloudBase API's (TCB_BASE_URL, this server) too.
    if (loopback && req.url === self.host) {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.unshift(head);
      this.tunnels.add(socket);
      socket.on('close', () => this.tunnels.delete(socket));
      self.server.emit('connection', socket);
      return;
    }
    const cos = req.url === `${this.hosting.cosHost}:443`;
    if (!loopback || (req.url !== `${SCF_HOST}:443` && !cos)) {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const { key, cert } = this.certificates();
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const secure = new tls.TLSSocket(socket, { isServer: true, key, cert });
    this.tunnels.add(socket);
    socket.on('close', () => this.tunnels.delete(socket));
    secure.on('error', () => socket.destroy());
    if (cos) this.hosting.acceptCos(secure);
    else this.scfServer.emit('connection', secure);
  }

  close(): void {
    for (const socket of this.tunnels) socket.destroy();
    this.scfServer.close();
    this.hosting.close();
  }

  private async serve(service: 'tcb' | 'scf', req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = (response: Record<string, unknown>) => {
      const text = JSON.stringify({ Response: { ...response, RequestId: requestId } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    try {
      const action = String(req.headers['x-tc-action'] ?? '');
      const signature = SIGNATURE.exec(String(req.headers.authorization ?? ''));
      if (req.method !== 'POST') throw new ApiError('UnsupportedOperation', 'only POST with a JSON body is served');
      if (!signature) throw new ApiError('AuthFailure.SignatureFailure', 'the Authorization header is not a TC3-HMAC-SHA256 signature');
      if (signature[1] !== service) throw new ApiError('AuthFailure.SignatureFailure', `the signature is for ${signature[1]}, not ${service}`);
      if (req.headers['x-tc-version'] !== VERSIONS[service]) throw new ApiError('InvalidParameterValue', `X-TC-Version must be ${VERSIONS[service]}`);
      const handler = Object.prototype.hasOwnProperty.call(this.actions[service], action) ? this.actions[service][action] : undefined;
      if (!handler) throw new ApiError('InvalidAction', `the action ${action} is not served by the local cloud's ${service} API`);
      let params: Params;
      try {
        params = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Params;
      } catch {
        throw new ApiError('InvalidParameter', 'the body is not JSON');
      }
      answer(await handler(params));
    } catch (err) {
      if (err instanceof ApiError) answer({ Error: { Code: err.code, Message: err.message } });
      // The database's own refusals carry its protocol codes (INVALID_PARAM, ...); the API's are PascalCase.
      else if (err instanceof CloudError) answer({ Error: { Code: /^[A-Z][a-z]/.test(err.code) ? err.code : 'InvalidParameter', Message: err.message } });
      else {
        console.error('[local-cloud] management request failed', err);
        answer({ Error: { Code: 'InternalError', Message: 'internal error' } });
      }
    }
  }

  private env(params: Params, key = 'EnvId'): void {
    const envId = str(params, key);
    if (envId !== this.options.envId) throw new ApiError('ResourceNotFound', `environment ${envId} does not exist (this local cloud is ${this.options.envId})`);
  }

  private collection(params: Params): string {
    const name = str(params, params.TableName !== undefined ? 'TableName' : 'CollectionName');
    if (!this.options.database.management.hasCollection(name)) throw new ApiError('ResourceNotFound', `collection ${name} does not exist`);
    return name;
  }

  private tcbActions(): Record<string, Handler> {
    const db = this.options.database.management;
    const bucket = `${this.options.envId}-${APP_ID}`;
    return {
      DescribeEnvInfo: (params) => {
        this.env(params);
        const envId = this.options.envId;
        return {
          EnvInfo: {
            EnvBaseInfo: {
              EnvId: envId,
              Alias: envId,
              Status: 'NORMAL',
              Region: REGION,
              Databases: [{ InstanceId: envId, Region: REGION, Status: 'RUNNING' }],
              Storages: [{ Region: REGION, Bucket: bucket, CdnDomain: '', AppId: APP_ID }],
              Functions: [{ Namespace: envId, Region: REGION }],
              LogServices: [],
              CustomLogServices: [],
            },
            UserInfo: { AppId: APP_ID },
          },
        };
      },
      ListTables: (params) => {
        const offset = num(params, 'MgoOffset') ?? 0;
        const limit = num(params, 'MgoLimit') ?? 100;
        const names = db.collections();
        const tables = names
          .slice(offset, offset + limit)
          .map((name) => ({ TableName: name, Count: db.size(name), Size: 0, IndexCount: db.indexes(name).length + 1, IndexSize: 0 }));
        return { Tables: tables, Pager: { Offset: offset, Limit: limit, Total: names.length } };
      },
      DescribeTable: (params) => {
        const name = this.collection(params);
        const indexes = [
          { Name: '_id_', Unique: true, Keys: [{ Name: '_id', Direction: '1' }] },
          ...db.indexes(name).map((index) => ({
            Name: index.name,
            Unique: index.unique === true,
            Keys: Object.entries(index.keys).map(([Name, direction]) => ({ Name, Direction: String(direction) })),
          })),
        ];
        return { IndexNum: indexes.length, Indexes: indexes.map((index) => ({ ...index, Size: 0, Accesses: { Ops: 0, Since: '' } })) };
      },
      CreateTable: (params) => {
        const name = str(params, 'TableName');
        if (db.hasCollection(name)) throw new ApiError('ResourceInUse', `collection ${name} already exists`);
        db.createCollection(name);
        return {};
      },
      DeleteTable: (params) => {
        const name = this.collection(params);
        db.dropCollection(name);
        delete this.state.collectionRules[name];
        this.save();
        return {};
      },
      UpdateTable: (params) => {
        const name = this.collection(params);
        const drops = (params.DropIndexes ?? []) as Array<{ IndexName?: unknown }>;
        const creates = (params.CreateIndexes ?? []) as Array<{
          IndexName?: unknown;
          MgoKeySchema?: { MgoIsUnique?: unknown; MgoIndexKeys?: Array<{ Name?: unknown; Direction?: unknown }> };
        }>;
        if (!Array.isArray(drops) || !Array.isArray(creates)) throw new ApiError('InvalidParameter', 'CreateIndexes and DropIndexes must be arrays');
        const indexes: IndexDeclaration[] = creates.map((create) => {
          const keys = create.MgoKeySchema?.MgoIndexKeys ?? [];
          if (typeof create.IndexName !== 'string' || !create.IndexName || !Array.isArray(keys) || keys.length === 0)
            throw new ApiError('InvalidParameter', 'each index needs IndexName and MgoKeySchema.MgoIndexKeys');
          const entries = keys.map((key) => {
            const direction = Number(key.Direction);
            if (typeof key.Name !== 'string' || !key.Name || (direction !== 1 && direction !== -1))
              throw new ApiError('InvalidParameter', 'index keys need a Name and a Direction of 1 or -1');
            return [key.Name, direction] as [string, number];
          });
          const unique = create.MgoKeySchema?.MgoIsUnique;
          return { name: create.IndexName, keys: Object.fromEntries(entries), ...(unique === true || unique === 'true' ? { unique: true } : {}) };
        });
        for (const drop of drops) db.dropIndex(name, str(drop as Params, 'IndexName'));
        for (const index of indexes) db.createIndex(name, index);
        return {};
      },
      DescribeSafeRule: (params) => {
        this.env(params);
        const name = this.collection(params);
        // A collection made without a rule has CloudBase's default simple permission (creator read-write).
        return this.state.collectionRules[name] ?? { AclTag: 'PRIVATE' };
      },
      ModifySafeRule: (params) => {
        this.env(params);
        const name = this.collection(params);
        this.state.collectionRules[name] = this.safeRule(params);
        this.save();
        return {};
      },
      DescribeStorageSafeRule: (params) => {
        this.env(params);
        if (str(params, 'Bucket', false) && params.Bucket !== bucket) throw new ApiError('ResourceNotFound', `bucket ${String(params.Bucket)} does not exist`);
        return this.state.storageRule ?? { AclTag: 'PRIVATE' };
      },
      ModifyStorageSafeRule: (params) => {
        this.env(params);
        const rule = this.safeRule(params);
        if (rule.AclTag !== 'CUSTOM') throw new ApiError('UnsupportedOperation', 'the local cloud serves custom storage rules only (AclTag CUSTOM)');
        try {
          this.options.storage.setRules(JSON.parse(rule.Rule ?? '') as StorageRules);
        } catch (err) {
          throw new ApiError('InvalidParameterValue', `the storage rule is invalid: ${(err as Error).message}`);
        }
        this.state.storageRule = rule;
        this.save();
        return {};
      },
      ListFunctions: (params) => {
        this.env(params);
        const offset = num(params, 'Offset') ?? 0;
        const limit = num(params, 'Limit') ?? 20;
        const all = Object.values(this.state.functions).sort((a, b) => a.FunctionName.localeCompare(b.FunctionName));
        return {
          Functions: all.slice(offset, offset + limit).map((fn) => ({
            FunctionName: fn.FunctionName,
            Runtime: fn.Runtime,
            Status: 'Active',
            AddTime: fn.AddTime,
            ModTime: fn.ModTime,
            Namespace: this.options.envId,
          })),
          TotalCount: all.length,
        };
      },
    };
  }

  private safeRule(params: Params): SafeRule {
    const AclTag = str(params, 'AclTag');
    if (!['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM'].includes(AclTag))
      throw new ApiError('InvalidParameterValue', `AclTag ${AclTag} is not a permission`);
    if (AclTag !== 'CUSTOM') return { AclTag };
    const Rule = str(params, 'Rule');
    try {
      const parsed = JSON.parse(Rule) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    } catch (err) {
      throw new ApiError('InvalidParameterValue', `Rule must be a JSON object: ${(err as Error).message}`);
    }
    return { AclTag, Rule };
  }

  private fn(params: Params): FunctionRecord {
    this.env(params, 'Namespace');
    const name = str(params, 'FunctionName');
    const record = this.state.functions[name];
    if (!record) throw new ApiError('ResourceNotFound.Function', `function ${name} does not exist`);
    return record;
  }

  private scfActions(): Record<string, Handler> {
    return {
      GetFunction: (params) => {
        const fn = this.fn(params);
        return {
          FunctionName: fn.FunctionName,
          Namespace: this.options.envId,
          Runtime: fn.Runtime,
          Handler: fn.Handler,
          Timeout: fn.Timeout,
          MemorySize: fn.MemorySize,
          InstallDependency: fn.InstallDependency,
          Environment: { Variables: fn.Variables },
          Triggers: fn.Triggers.map((t) => ({ ...t, ModTime: t.AddTime, Enable: 1, AvailableStatus: 'Available' })),
          CodeSize: fn.CodeSize,
          Status: 'Active',
          StatusDesc: '',
          AddTime: fn.AddTime,
          ModTime: fn.ModTime,
          Type: 'Event',
        };
      },
      CreateFunction: (params) => {
        this.env(params, 'Namespace');
        const name = str(params, 'FunctionName');
        if (!FUNCTION_NAME.test(name)) throw new ApiError('InvalidParameterValue.FunctionName', `function name ${name} is invalid`);
        if (this.state.functions[name]) throw new ApiError('ResourceInUse.Function', `function ${name} already exists`);
        // CreateFunction takes one of the platform's runtime names (https://cloud.tencent.com/document/api/583/18586);
        // the local cloud runs Node.js only, so it accepts CloudBase's Node.js runtimes (functions/runtime.ts).
        const runtime = str(params, 'Runtime');
        if (!CLOUDBASE_NODE_RUNTIMES.includes(runtime))
          throw new ApiError('InvalidParameterValue.Runtime', `runtime ${runtime} is not one of ${CLOUDBASE_NODE_RUNTIMES.join(', ')}`);
        const record: FunctionRecord = {
          FunctionName: name,
          Runtime: runtime,
          Handler: str(params, 'Handler', false) || 'index.main',
          Timeout: 3,
          MemorySize: 128,
          InstallDependency: String(params.InstallDependency ?? 'FALSE'),
          Variables: [],
          Triggers: [],
          CodeSize: 0,
          AddTime: now(),
          ModTime: now(),
        };
        this.configure(record, params);
        this.unpack(record, params.Code);
        this.state.functions[name] = record;
        this.save();
        this.writeConfig(record);
        return {};
      },
      UpdateFunctionCode: (params) => {
        const fn = this.fn(params);
        if (params.Handler !== undefined) fn.Handler = str(params, 'Handler');
        if (params.InstallDependency !== undefined) fn.InstallDependency = String(params.InstallDependency);
        this.unpack(fn, params.Code);
        return this.modified(fn);
      },
      UpdateFunctionConfiguration: (params) => {
        const fn = this.fn(params);
        this.configure(fn, params);
        return this.modified(fn);
      },
      BatchCreateTrigger: (params) => {
        const fn = this.fn(params);
        let triggers: Array<{ TriggerName?: unknown; Type?: unknown; TriggerDesc?: unknown }>;
        try {
          triggers = JSON.parse(str(params, 'Triggers')) as typeof triggers;
          if (!Array.isArray(triggers)) throw new Error('not an array');
        } catch (err) {
          throw new ApiError('InvalidParameterValue', `Triggers must be a JSON array: ${(err as Error).message}`);
        }
        const created: TriggerRecord[] = triggers.map((t) => {
          if (t.Type !== 'timer') throw new ApiError('InvalidParameterValue.TriggerType', 'the local cloud serves timer triggers only');
          if (typeof t.TriggerName !== 'string' || !t.TriggerName || typeof t.TriggerDesc !== 'string')
            throw new ApiError('InvalidParameter', 'each trigger needs TriggerName and TriggerDesc');
          if (fn.Triggers.some((have) => have.TriggerName === t.TriggerName))
            throw new ApiError('ResourceInUse.Trigger', `trigger ${t.TriggerName} already exists`);
          try {
            parseCron(t.TriggerDesc);
          } catch (err) {
            throw new ApiError('InvalidParameterValue.TriggerDesc', `${t.TriggerDesc}: ${(err as Error).message}`);
          }
          return { TriggerName: t.TriggerName, Type: 'timer', TriggerDesc: t.TriggerDesc, AddTime: now() };
        });
        fn.Triggers.push(...created);
        this.save();
        this.writeConfig(fn);
        return { Result: created.map((t) => ({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: t.TriggerDesc })) };
      },
      DeleteTrigger: (params) => {
        const fn = this.fn(params);
        const name = str(params, 'TriggerName');
        if (!fn.Triggers.some((t) => t.TriggerName === name)) throw new ApiError('ResourceNotFound.Trigger', `trigger ${name} does not exist`);
        fn.Triggers = fn.Triggers.filter((t) => t.TriggerName !== name);
        this.save();
        this.writeConfig(fn);
        return {};
      },
      DeleteFunction: (params) => {
        const fn = this.fn(params);
        delete this.state.functions[fn.FunctionName];
        this.save();
        fs.rmSync(path.join(this.options.functionsDir, fn.FunctionName), { recursive: true, force: true });
        this.options.functions.redeployed(fn.FunctionName);
        this.options.timers?.setTriggers(readTimerTriggers(this.options.functionsDir));
        this.options.onDeployed?.();
        return {};
      },
    };
  }

  /** Records a change of the function and hands it to the host; the action's (empty) answer. */
  private modified(fn: FunctionRecord): Record<string, unknown> {
    fn.ModTime = now();
    this.save();
    this.writeConfig(fn);
    return {};
  }

  /** Applies the configuration fields UpdateFunctionConfiguration and CreateFunction share. */
  private configure(fn: FunctionRecord, params: Params): void {
    const timeout = num(params, 'Timeout');
    if (timeout !== undefined) {
      if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) throw new ApiError('InvalidParameterValue.Timeout', 'Timeout must be 1-900 seconds');
      fn.Timeout = timeout;
    }
    const memory = num(params, 'MemorySize');
    if (memory !== undefined) {
      if (!MEMORY_SIZES.has(memory)) throw new ApiError('InvalidParameterValue.MemorySize', 'MemorySize must be 64 or a multiple of 128 up to 3072');
      fn.MemorySize = memory;
    }
    const environment = params.Environment as { Variables?: Array<{ Key?: unknown; Value?: unknown }> } | undefined;
    if (environment !== undefined) {
      const variables = environment.Variables ?? [];
      if (!Array.isArray(variables) || variables.some((v) => typeof v.Key !== 'string' || typeof v.Value !== 'string'))
        throw new ApiError('InvalidParameterValue.Environment', 'Environment.Variables must be Key/Value strings');
      fn.Variables = variables.map((v) => ({ Key: v.Key as string, Value: v.Value as string }));
    }
  }

  /**
   * Unpacks `Code.ZipFile` into the function's folder (replacing it whole) and, as CloudBase does with
   * InstallDependency, provides the dependencies its package.json names: here, the wx-server-sdk of this
   * repository, at the version pinned, or the deployment fails.
   */
  private unpack(fn: FunctionRecord, code: unknown): void {
    const zipFile = (code as { ZipFile?: unknown } | undefined)?.ZipFile;
    if (typeof zipFile !== 'string' || !zipFile)
      throw new ApiError('InvalidParameterValue.Code', 'the local cloud takes code as Code.ZipFile (base64 ZIP); COS uploads are not served');
    let entries: ReturnType<typeof readZip>;
    try {
      entries = readZip(Buffer.from(zipFile, 'base64'));
    } catch (err) {
      throw new ApiError('InvalidParameterValue.ZipFile', `the code package is not a readable ZIP: ${(err as Error).message}`);
    }
    const handlerFile = `${fn.Handler.split('.')[0]}.js`;
    if (!entries.some((entry) => entry.path === handlerFile))
      throw new ApiError('InvalidParameterValue.Handler', `the code package has no ${handlerFile} for the handler ${fn.Handler}`);
    const target = path.join(this.options.functionsDir, fn.FunctionName);
    const staging = `${target}.deploying-${randomUUID()}`;
    for (const entry of entries) {
      const file = path.join(staging, entry.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, entry.data);
    }
    if (fn.InstallDependency === 'TRUE') this.installDependencies(staging);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
    fn.CodeSize = entries.reduce((sum, entry) => sum + entry.data.length, 0);
    this.options.functions.redeployed(fn.FunctionName);
  }

  private installDependencies(dir: string): void {
    const pkgFile = path.join(dir, 'package.json');
    if (!fs.existsSync(pkgFile)) return;
    const dependencies = (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
    for (const [name, version] of Object.entries(dependencies)) {
      const source = path.join(this.options.nodeModules, name);
      const available = fs.existsSync(path.join(source, 'package.json'))
        ? (JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as { version: string }).version
        : undefined;
      if (available !== version) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw new ApiError(
          'FailedOperation.InstallDependency',
          `dependency ${name}@${version} cannot be installed locally (the repository has ${available ?? 'none'})`,
        );
      }
      fs.mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
      fs.symlinkSync(source, path.join(dir, 'node_modules', name), 'dir');
    }
  }

  /**
   * The function host and the timers read `config.json` beside the code: it is rewritten from the API's
   * configuration, keeping the open-API permissions the uploaded config.json declares (CloudBase reads the
   * 云调用 permissions from the package's config.json).
   */
  private writeConfig(fn: FunctionRecord): void {
    const dir = path.join(this.options.functionsDir, fn.FunctionName);
    const file = path.join(dir, 'config.json');
    const uploaded = path.join(dir, 'config.uploaded.json');
    if (fs.existsSync(file) && !fs.existsSync(uploaded)) fs.renameSync(file, uploaded);
    let packaged: { permissions?: unknown; messagePush?: unknown } = {};
    try {
      packaged = JSON.parse(fs.readFileSync(uploaded, 'utf8')) as typeof packaged;
    } catch {
      /* no config.json in the package: no open-API permissions */
    }
    const config = {
      runtime: fn.Runtime,
      timeout: fn.Timeout,
      memorySize: fn.MemorySize,
      envVariables: Object.fromEntries(fn.Variables.map((v) => [v.Key, v.Value])),
      permissions: packaged.permissions ?? { openapi: [] },
      ...(packaged.messagePush !== undefined ? { messagePush: packaged.messagePush } : {}),
      triggers: fn.Triggers.map((t) => ({ name: t.TriggerName, type: t.Type, config: t.TriggerDesc })),
    };
    fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    this.options.functions.redeployed(fn.FunctionName);
    this.options.timers?.setTriggers(readTimerTriggers(this.options.functionsDir));
    this.options.onDeployed?.();
  }
}
