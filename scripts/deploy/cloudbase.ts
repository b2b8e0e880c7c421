/**
 * The deploy's hands: reads an environment's state and applies plan steps through the official management
 * SDK, @cloudbase/manager-node (https://docs.cloudbase.net/api-reference/manager/node/function for functions,
 * https://docs.cloudbase.net/en/api-reference/manager/node/rule for security rules). Each
 * call names the Tencent Cloud API action it sends (see docs/deploy.md for the reference pages).
 */
import { UPLOAD_IGNORE } from '../cloudbaserc';
import { inParallel } from '../../server/core/parallel';
import { describeHosting, type HostingManager } from './hosting';
import { canonicalJson, type CollectionState, type EnvironmentState, type FunctionState, type IndexState, type Step, type TriggerState } from './plan';

/** The part of the SDK used here (its own typings are loose). */
interface Manager {
  database: {
    listCollections(options: { MgoLimit: number; MgoOffset: number }): Promise<{ Collections: Array<{ CollectionName: string }>; Pager?: { Total?: number } }>;
    describeCollection(
      name: string,
    ): Promise<{ Indexes?: Array<{ Name: string; Unique?: boolean; Keys?: Array<{ Name: string; Direction: string | number }> }> }>;
    createCollection(name: string): Promise<unknown>;
    deleteCollection(name: string): Promise<unknown>;
    updateCollection(name: string, indexes: Record<string, unknown>): Promise<unknown>;
  };
  functions: {
    getFunctionList(limit: number, offset: number): Promise<{ Functions?: Array<{ FunctionName: string }>; TotalCount?: number }>;
    getFunctionDetail(name: string): Promise<{
      Runtime: string;
      Timeout: number;
      MemorySize: number;
      Environment?: { Variables?: Array<{ Key: string; Value: string }> };
      Triggers?: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>;
    }>;
    createFunction(options: Record<string, unknown>): Promise<unknown>;
    updateFunctionCode(options: Record<string, unknown>): Promise<unknown>;
    updateFunctionConfig(func: Record<string, unknown>): Promise<unknown>;
    createFunctionTriggers(name: string, triggers: TriggerState[]): Promise<unknown>;
    deleteFunctionTrigger(name: string, trigger: string): Promise<unknown>;
    deleteFunction(name: string): Promise<unknown>;
  };
  storage: {
    getStorageAcl(options: { withRule: true }): Promise<{ acl: string; rule?: unknown }>;
    setStorageAcl(acl: 'CUSTOM', rule: unknown): Promise<unknown>;
  };
  hosting: HostingManager;
  env: { getEnvInfo(): Promise<{ EnvInfo: { Region?: string } }> };
  commonService(service?: string, version?: string): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<Record<string, unknown>> };
  currentEnvironment(): { lazyInit(): Promise<unknown> };
}

export interface ManagerOptions {
  envId: string;
  secretId: string;
  secretKey: string;
  /** An HTTP proxy for every management call (the SDK's `proxy` option). */
  proxy?: string;
}

export function connectManager(options: ManagerOptions): Manager {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const CloudBase = require('@cloudbase/manager-node') as new (config: Record<string, unknown>) => Manager;
  return new CloudBase({ envId: options.envId, secretId: options.secretId, secretKey: options.secretKey, proxy: options.proxy });
}

const PAGE = 100;

function parseTriggerDesc(desc: string): string {
  // SCF describes a timer trigger either by its bare cron or as {"cron": "..."}.
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron;
  } catch {
    /* a bare cron expression */
  }
  return desc;
}

function ruleJson(rule: unknown): string | undefined {
  if (rule === undefined || rule === null || rule === '') return undefined;
  try {
    return canonicalJson(typeof rule === 'string' ? JSON.parse(rule) : rule);
  } catch {
    return undefined;
  }
}

/**
 * The environment's state. `envId` is needed by the security-rule actions, which take it as a parameter;
 * static website hosting is described when `hosting` is asked for.
 */
export async function describeEnvironment(manager: Manager, envId: string, options: { hosting?: boolean } = {}): Promise<EnvironmentState> {
  await manager.currentEnvironment().lazyInit();
  const names: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    // ListTables (manager-node lib/database/index.js listCollections)
    const page = await manager.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset });
    names.push(...page.Collections.map((c) => c.CollectionName));
    if (page.Collections.length < PAGE) break;
  }
  const tcb = manager.commonService('tcb');
  const collections: CollectionState[] = [];
  const collectionRules: Record<string, string | undefined> = {};
  await inParallel(names, 8, async (name) => {
    // DescribeTable (manager-node lib/database/index.js describeCollection)
    const described = await manager.database.describeCollection(name);
    const indexes: IndexState[] = (described.Indexes ?? [])
      .filter((index) => index.Name !== '_id_')
      .map((index) => ({
        name: index.Name,
        unique: index.Unique === true,
        keys: (index.Keys ?? []).map((k) => [k.Name, Number(k.Direction)] as [string, number]),
      }));
    collections.push({ name, indexes });
    // DescribeSafeRule (https://cloud.tencent.com/document/api/876/128118)
    const rule = await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: name } });
    collectionRules[name] = rule.AclTag === 'CUSTOM' ? ruleJson(rule.Rule) : undefined;
  });
  collections.sort((a, b) => a.name.localeCompare(b.name));
  // DescribeStorageSafeRule (manager-node lib/storage/index.js getStorageAcl)
  const storage = await manager.storage.getStorageAcl({ withRule: true });
  const storageRule = storage.acl === 'CUSTOM' ? ruleJson(storage.rule) : undefined;

  const functionNames: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    // ListFunctions (tcb; https://docs.cloudbase.net/api-reference/manager/node/function getFunctionList)
    const page = await manager.functions.getFunctionList(PAGE, offset);
    const list = page.Functions ?? [];
    functionNames.push(...list.map((f) => f.FunctionName));
    if (list.length < PAGE) break;
  }
  const functions = await inParallel(functionNames, 8, async (name): Promise<FunctionState> => {
    // GetFunction (scf, https://cloud.tencent.com/document/api/583/18584)
    const detail = await manager.functions.getFunctionDetail(name);
    const envVariables = Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
    return {
      name,
      runtime: detail.Runtime,
      timeout: Number(detail.Timeout),
      memorySize: Number(detail.MemorySize),
      envVariables,
      triggers: (detail.Triggers ?? [])
        .filter((t) => t.Type === 'timer')
        .map((t) => ({ name: t.TriggerName, type: 'timer' as const, config: parseTriggerDesc(t.TriggerDesc) })),
      codeSha256: '',
    };
  });
  const hosting = options.hosting ? await describeHosting(manager.hosting) : undefined;
  return { collections, collectionRules, storageRule, functions, ...(hosting ? { hosting } : {}) };
}

/** The environment's region (DescribeEnvInfo), for the web console's @cloudbase/js-sdk. */
export async function environmentRegion(manager: Manager): Promise<string> {
  return (await manager.env.getEnvInfo()).EnvInfo.Region ?? '';
}

/** The SDK's function description (the fields of cloudbaserc.json). */
function sdkFunction(fn: FunctionState, withTriggers: boolean): Record<string, unknown> {
  return {
    name: fn.name,
    runtime: fn.runtime,
    timeout: fn.timeout,
    memorySize: fn.memorySize,
    envVariables: fn.envVariables,
    installDependency: true,
    handler: 'index.main',
    ignore: [...UPLOAD_IGNORE],
    ...(withTriggers && fn.triggers.length > 0 ? { triggers: fn.triggers } : {}),
  };
}

export interface ApplyContext {
  manager: Manager;
  envId: string;
  /** Where the built functions are (`cloudfunctions/`). */
  functionsDir: string;
}

export async function applyStep(step: Step, { manager, envId, functionsDir }: ApplyContext): Promise<void> {
  const tcb = manager.commonService('tcb');
  switch (step.kind) {
    case 'createCollection':
      // CreateTable (https://cloud.tencent.com/document/api/876/127968)
      await manager.database.createCollection(step.collection);
      return;
    case 'createIndex':
      // UpdateTable (https://cloud.tencent.com/document/api/876/127964)
      await manager.database.updateCollection(step.collection, {
        CreateIndexes: [
          {
            IndexName: step.index.name,
            MgoKeySchema: {
              MgoIsUnique: step.index.unique,
              MgoIndexKeys: step.index.keys.map(([Name, Direction]) => ({ Name, Direction: String(Direction) })),
            },
          },
        ],
      });
      return;
    case 'dropIndex':
      await manager.database.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.index }] });
      return;
    case 'setCollectionRule':
      // ModifySafeRule (https://cloud.tencent.com/document/api/876/128959)
      await tcb.call({ Action: 'ModifySafeRule', Param: { EnvId: envId, CollectionName: step.collection, AclTag: 'CUSTOM', Rule: step.rule } });
      return;
    case 'setStorageRule':
      // ModifyStorageSafeRule (manager-node lib/storage/index.js setStorageAcl)
      await manager.storage.setStorageAcl('CUSTOM', JSON.parse(step.rule));
      return;
    case 'createFunction':
      // CreateFunction (scf, https://cloud.tencent.com/document/api/583/18586), then GetFunction until active and
      // BatchCreateTrigger (manager-node lib/function/index.js createFunction)
      await manager.functions.createFunction({ func: sdkFunction(step.fn, true), functionRootPath: functionsDir, force: false, deployMode: 'zip' });
      return;
    case 'updateFunctionCode':
      // UpdateFunctionCode (scf, https://cloud.tencent.com/document/api/583/18581)
      await manager.functions.updateFunctionCode({ func: sdkFunction(step.fn, false), functionRootPath: functionsDir, deployMode: 'zip' });
      return;
    case 'updateFunctionConfig':
      // UpdateFunctionConfiguration (scf, https://cloud.tencent.com/document/api/583/18580); triggers apart
      await manager.functions.updateFunctionConfig(sdkFunction(step.fn, false));
      return;
    case 'createTrigger':
      // BatchCreateTrigger (scf; manager-node lib/function/index.js createFunctionTriggers)
      await manager.functions.createFunctionTriggers(step.fn, [step.trigger]);
      return;
    case 'deleteTrigger':
      // DeleteTrigger (scf, https://cloud.tencent.com/document/api/583/18588)
      await manager.functions.deleteFunctionTrigger(step.fn, step.trigger);
      return;
    case 'deleteFunction':
      // DeleteFunction (scf, https://cloud.tencent.com/document/api/583/18585)
      await manager.functions.deleteFunction(step.fn);
      return;
    case 'deleteCollection':
      // DeleteTable (manager-node lib/database/index.js deleteCollection)
      await manager.database.deleteCollection(step.collection);
      return;
    case 'enableHosting':
    case 'uploadHostingFile':
    case 'setHostingErrorDocument':
    case 'deleteHostingFile':
      throw new Error('hosting steps run together (scripts/deploy/hosting.ts applyHostingSteps)');
  }
}
