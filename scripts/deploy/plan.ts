/**
 * The deploy's plan, computed without any I/O: what the repository declares against what the environment
 * describes, as the steps that bring the environment to the declarations. Nothing declared is ever deleted;
 * what the environment has beyond the declarations is listed, and removed only when `prune` is asked for.
 */

export interface IndexState {
  name: string;
  /** Field and direction, in key order. */
  keys: Array<[string, number]>;
  unique: boolean;
}

export interface CollectionState {
  name: string;
  indexes: IndexState[];
}

export interface TriggerState {
  name: string;
  type: 'timer';
  /** The cron expression (CloudBase's seven fields). */
  config: string;
}

export interface FunctionState {
  name: string;
  runtime: string;
  /** Seconds. */
  timeout: number;
  /** MB. */
  memorySize: number;
  envVariables: Record<string, string>;
  triggers: TriggerState[];
  /** SHA-256 of the uploaded files; an environment reports it through the variable CODE_HASH_VARIABLE. */
  codeSha256: string;
}

/** A file of static website hosting: its key in the bucket and the MD5 of its content (COS's ETag of a simple upload). */
export interface HostedFile {
  key: string;
  md5: string;
  /** Declared files: where the deploy reads it. */
  localPath?: string;
}

/** Static website hosting (the console's files under one prefix). */
export interface HostingState {
  /** DescribeStaticStore's status, or `absent` when the service was never enabled. */
  status: string;
  /** The files under `prefix` (the environment's: what the bucket lists; declared: the build). */
  files: HostedFile[];
  /** The website's error document (the console's index.html, so its routes load on a reload). */
  errorDocument?: string;
  /** The part of the bucket the deploy owns; files outside it are never listed or removed. */
  prefix: string;
}

export interface EnvironmentState {
  collections: CollectionState[];
  /** Collection name -> its security rule as canonical JSON (undefined: none set, or a simple permission). */
  collectionRules: Record<string, string | undefined>;
  /** The storage security rule as canonical JSON (undefined: a simple permission). */
  storageRule: string | undefined;
  functions: FunctionState[];
  /** Absent: the deploy leaves static website hosting alone. */
  hosting?: HostingState;
}

/** The function environment variable holding the hash of the code deployed, so a re-run can skip the upload. */
export const CODE_HASH_VARIABLE = 'WEIKE_CODE_SHA256';

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: IndexState }
  | { kind: 'dropIndex'; collection: string; index: string }
  | { kind: 'setCollectionRule'; collection: string; rule: string }
  | { kind: 'setStorageRule'; rule: string }
  | { kind: 'createFunction'; fn: FunctionState }
  | { kind: 'updateFunctionCode'; fn: FunctionState }
  | { kind: 'updateFunctionConfig'; fn: FunctionState; changes: string[] }
  | { kind: 'createTrigger'; fn: string; trigger: TriggerState }
  | { kind: 'deleteTrigger'; fn: string; trigger: string }
  | { kind: 'deleteFunction'; fn: string }
  | { kind: 'deleteCollection'; collection: string }
  | { kind: 'enableHosting' }
  | { kind: 'uploadHostingFile'; file: HostedFile; change: 'new' | 'changed' }
  | { kind: 'setHostingErrorDocument'; key: string }
  | { kind: 'deleteHostingFile'; key: string };

export const HOSTING_STEPS: ReadonlySet<Step['kind']> = new Set(['enableHosting', 'uploadHostingFile', 'setHostingErrorDocument', 'deleteHostingFile']);

export interface Plan {
  /** In the order they must run. */
  steps: Step[];
  /** Declared resources already as declared. */
  unchanged: string[];
  /** Present in the environment, not declared: deleted only with prune (then also in steps). */
  undeclared: string[];
}

/** JSON with object keys sorted, so two equal rules compare equal whatever order the API returns them in. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((key) => [key, sort((v as Record<string, unknown>)[key])]),
      );
    return v;
  };
  return JSON.stringify(sort(value));
}

function sameIndex(a: IndexState, b: IndexState): boolean {
  return a.unique === b.unique && a.keys.length === b.keys.length && a.keys.every(([field, dir], i) => b.keys[i]?.[0] === field && b.keys[i]?.[1] === dir);
}

function sameTrigger(a: TriggerState, b: TriggerState): boolean {
  return a.type === b.type && a.config.trim() === b.config.trim();
}

/** The configuration fields that differ (runtime excluded: CloudBase sets it only when creating). */
function configChanges(want: FunctionState, have: FunctionState): string[] {
  const changes: string[] = [];
  if (want.timeout !== have.timeout) changes.push(`timeout ${have.timeout}s -> ${want.timeout}s`);
  if (want.memorySize !== have.memorySize) changes.push(`memory ${have.memorySize}MB -> ${want.memorySize}MB`);
  const keys = new Set([...Object.keys(want.envVariables), ...Object.keys(have.envVariables)]);
  for (const key of [...keys].sort()) {
    if (key === CODE_HASH_VARIABLE) continue;
    if (want.envVariables[key] !== have.envVariables[key]) changes.push(`variable ${key}`);
  }
  return changes;
}

/**
 * Named parts of one resource (a collection's indexes, a function's triggers): equal ones are left alone, a
 * differing one is removed and created again, a missing one created, an extra one listed (and its removal
 * kept for prune).
 */
function diffNamed<T extends { name: string }>(
  want: readonly T[],
  have: readonly T[],
  same: (a: T, b: T) => boolean,
  label: string,
  out: { unchanged: string[]; undeclared: string[]; steps: Step[]; prune: Step[]; create: (item: T) => Step; remove: (name: string) => Step },
): void {
  const current = new Map(have.map((item) => [item.name, item]));
  for (const item of want) {
    const existing = current.get(item.name);
    if (existing && same(existing, item)) {
      out.unchanged.push(`${label}.${item.name}`);
      continue;
    }
    if (existing) out.steps.push(out.remove(item.name));
    out.steps.push(out.create(item));
  }
  listUndeclared(want, have, (name) => `${label}.${name}`, out);
}

/** What `have` holds beyond `want`: listed, and its removal kept for prune. */
function listUndeclared(
  want: readonly { name: string }[],
  have: readonly { name: string }[],
  label: (name: string) => string,
  out: { undeclared: string[]; prune: Step[]; remove: (name: string) => Step },
): void {
  const declared = new Set(want.map((item) => item.name));
  for (const item of have) {
    if (declared.has(item.name)) continue;
    out.undeclared.push(label(item.name));
    out.prune.push(out.remove(item.name));
  }
}

export function computePlan(declared: EnvironmentState, described: EnvironmentState, options: { prune?: boolean } = {}): Plan {
  const steps: Step[] = [];
  const unchanged: string[] = [];
  const undeclared: string[] = [];
  const prune: Step[] = [];
  const lists = { unchanged, undeclared, steps, prune };

  const existing = new Map(described.collections.map((c) => [c.name, c]));
  for (const collection of declared.collections) {
    const have = existing.get(collection.name);
    if (!have) steps.push({ kind: 'createCollection', collection: collection.name });
    else unchanged.push(`collection ${collection.name}`);
    // An index cannot be altered in place: a changed one is dropped and created again.
    diffNamed(collection.indexes, have?.indexes ?? [], sameIndex, `index ${collection.name}`, {
      ...lists,
      create: (index) => ({ kind: 'createIndex', collection: collection.name, index }),
      remove: (name) => ({ kind: 'dropIndex', collection: collection.name, index: name }),
    });
  }
  listUndeclared(declared.collections, described.collections, (name) => `collection ${name}`, {
    ...lists,
    remove: (name) => ({ kind: 'deleteCollection', collection: name }),
  });

  for (const [collection, rule] of Object.entries(declared.collectionRules)) {
    if (rule === undefined) continue;
    if (described.collectionRules[collection] === rule) unchanged.push(`rule ${collection}`);
    else steps.push({ kind: 'setCollectionRule', collection, rule });
  }
  if (declared.storageRule !== undefined) {
    if (described.storageRule === declared.storageRule) unchanged.push('storage rule');
    else steps.push({ kind: 'setStorageRule', rule: declared.storageRule });
  }

  const functions = new Map(described.functions.map((fn) => [fn.name, fn]));
  for (const fn of declared.functions) {
    const have = functions.get(fn.name);
    if (!have) {
      // Creating sets code, configuration and triggers at once.
      steps.push({ kind: 'createFunction', fn });
      continue;
    }
    if (have.runtime !== fn.runtime) {
      // The runtime is fixed at creation: the function is replaced (functions hold no data).
      steps.push({ kind: 'deleteFunction', fn: fn.name }, { kind: 'createFunction', fn });
      continue;
    }
    const codeChanged = have.envVariables[CODE_HASH_VARIABLE] !== fn.codeSha256;
    if (codeChanged) steps.push({ kind: 'updateFunctionCode', fn });
    const changes = configChanges(fn, have);
    // The code hash travels in the configuration, so new code is recorded only after it is uploaded.
    if (changes.length > 0 || codeChanged) steps.push({ kind: 'updateFunctionConfig', fn, changes: codeChanged ? [...changes, 'code hash'] : changes });
    if (!codeChanged && changes.length === 0) unchanged.push(`function ${fn.name}`);
    diffNamed(fn.triggers, have.triggers, sameTrigger, `trigger ${fn.name}`, {
      ...lists,
      create: (trigger) => ({ kind: 'createTrigger', fn: fn.name, trigger }),
      remove: (name) => ({ kind: 'deleteTrigger', fn: fn.name, trigger: name }),
    });
  }
  listUndeclared(declared.functions, described.functions, (name) => `function ${name}`, { ...lists, remove: (name) => ({ kind: 'deleteFunction', fn: name }) });
  if (declared.hosting) planHosting(declared.hosting, described.hosting, lists);

  if (options.prune) steps.push(...prune);
  return { steps, unchanged, undeclared };
}

/**
 * Static website hosting: enabled when it is not (CreateStaticStore, an API the reference documents), each file
 * uploaded when the bucket lacks it or holds other content (by MD5, so a second run uploads nothing), the
 * error document set, and hosted files the build no longer has listed (removed with prune).
 */
function planHosting(
  want: HostingState,
  have: HostingState | undefined,
  out: { steps: Step[]; unchanged: string[]; undeclared: string[]; prune: Step[] },
): void {
  const status = have?.status ?? 'absent';
  if (status === 'absent' || status === 'offline') out.steps.push({ kind: 'enableHosting' });
  const hosted = new Map((status === 'online' ? (have?.files ?? []) : []).map((file) => [file.key, file.md5]));
  for (const file of want.files) {
    const md5 = hosted.get(file.key);
    if (md5 === file.md5) out.unchanged.push(`hosting ${file.key}`);
    else out.steps.push({ kind: 'uploadHostingFile', file, change: md5 === undefined ? 'new' : 'changed' });
  }
  if (want.errorDocument && (status !== 'online' || have?.errorDocument !== want.errorDocument))
    out.steps.push({ kind: 'setHostingErrorDocument', key: want.errorDocument });
  else if (want.errorDocument) out.unchanged.push('hosting error document');
  const declared = new Set(want.files.map((file) => file.key));
  for (const key of hosted.keys()) {
    if (declared.has(key) || !key.startsWith(want.prefix)) continue;
    out.undeclared.push(`hosting ${key}`);
    out.prune.push({ kind: 'deleteHostingFile', key });
  }
}

/** One line per step, for the plan and the report. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createCollection':
      return `create collection ${step.collection}`;
    case 'createIndex':
      return `create index ${step.collection}.${step.index.name} (${step.index.keys.map(([f, d]) => `${f}:${d}`).join(', ')}${step.index.unique ? ', unique' : ''})`;
    case 'dropIndex':
      return `drop index ${step.collection}.${step.index}`;
    case 'setCollectionRule':
      return `set security rule of ${step.collection}`;
    case 'setStorageRule':
      return 'set storage security rule';
    case 'createFunction':
      return `create function ${step.fn.name} (${step.fn.runtime}, ${step.fn.timeout}s, ${step.fn.memorySize}MB${step.fn.triggers.length ? `, triggers ${step.fn.triggers.map((t) => t.name).join(', ')}` : ''})`;
    case 'updateFunctionCode':
      return `upload code of ${step.fn.name}`;
    case 'updateFunctionConfig':
      return `update configuration of ${step.fn.name} (${step.changes.join(', ')})`;
    case 'createTrigger':
      return `create trigger ${step.fn}.${step.trigger.name} (${step.trigger.config})`;
    case 'deleteTrigger':
      return `delete trigger ${step.fn}.${step.trigger}`;
    case 'deleteFunction':
      return `delete function ${step.fn}`;
    case 'deleteCollection':
      return `delete collection ${step.collection} (and every document in it)`;
    case 'enableHosting':
      return 'enable static website hosting';
    case 'uploadHostingFile':
      return `upload hosting file ${step.file.key} (${step.change})`;
    case 'setHostingErrorDocument':
      return `set the hosting error document to ${step.key}`;
    case 'deleteHostingFile':
      return `delete hosting file ${step.key}`;
  }
}

/**
 * Whether a step creates (rather than changes or removes) something: creations, and the first rule of a
 * collection the same plan creates.
 */
export function isCreation(step: Step, plan: Plan): boolean {
  if (step.kind === 'setCollectionRule') return plan.steps.some((s) => s.kind === 'createCollection' && s.collection === step.collection);
  if (step.kind === 'uploadHostingFile') return step.change === 'new';
  return (
    step.kind === 'createCollection' ||
    step.kind === 'createFunction' ||
    step.kind === 'createIndex' ||
    step.kind === 'createTrigger' ||
    step.kind === 'enableHosting'
  );
}
