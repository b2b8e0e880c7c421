/**
 * What the repository declares, in the plan's terms: database/collections.json (collections and indexes),
 * database/security-rules.json (one rule per collection), database/storage-rules.json, and each function's
 * config.json with the hash of the files its upload carries. Function settings come from the same reader as
 * cloudbaserc.json (scripts/function-config.ts), so there is no second list to keep.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_MEMORY_MB, functionEntries, FUNCTIONS_DIR, readFunctionConfig, ROOT } from '../function-config';
import { UPLOAD_IGNORE } from '../cloudbaserc';
import { canonicalJson, CODE_HASH_VARIABLE, type EnvironmentState, type FunctionState } from './plan';

export const DATABASE_DIR = path.join(ROOT, 'database');

interface CollectionsFile {
  collections: Array<{ name: string; indexes?: Array<{ name: string; keys: Record<string, number>; unique?: boolean }> }>;
}

/** The files a function upload carries (what UPLOAD_IGNORE leaves), relative and sorted. */
export function uploadedFiles(functionDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(functionDir, full).split(path.sep).join('/');
      if ((UPLOAD_IGNORE as readonly string[]).includes(rel) || (UPLOAD_IGNORE as readonly string[]).includes(entry.name)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(rel);
    }
  };
  walk(functionDir);
  return files.sort();
}

/** SHA-256 over every uploaded file's path and content: equal exactly when the upload would be. */
export function codeHash(functionDir: string): string {
  const hash = crypto.createHash('sha256');
  for (const rel of uploadedFiles(functionDir)) {
    hash.update(`${rel}\0${fs.statSync(path.join(functionDir, rel)).size}\0`);
    hash.update(fs.readFileSync(path.join(functionDir, rel)));
  }
  return hash.digest('hex');
}

/**
 * Environment variables a deploy must be given (config.json holds the local cloud's values): the name of
 * each, from every function's config.json, with what it is for where known.
 */
export const PARAMETER_HELP: Record<string, string> = {
  CAMPAIGN_REMINDER_TEMPLATE_ID: '活动打卡提醒的订阅消息模板 id（小程序后台 → 订阅消息 → 我的模板）',
  WEIKE_CUSTOM_LOGIN_KEY:
    '网页控制台登录用的自定义登录私钥（云开发控制台 → 身份认证 → 登录方式 → 自定义登录 → 下载私钥，JSON 文件的内容，例如 WEIKE_CUSTOM_LOGIN_KEY="$(cat tcb_custom_login_key.json)"）',
};

export interface DeclaredOptions {
  functionsDir?: string;
  databaseDir?: string;
  /**
   * Values for the functions' environment variables. Missing ones are an error listing them all; with
   * `useLocalValues` the config.json values (the local cloud's) are used instead.
   */
  parameters: Record<string, string | undefined>;
  useLocalValues?: boolean;
}

export class MissingParametersError extends Error {
  constructor(readonly missing: string[]) {
    super(
      [
        `缺少部署参数（missing deploy parameters）：${missing.join(', ')}`,
        ...missing.map((name) => `  ${name}: ${PARAMETER_HELP[name] ?? '函数 config.json 的 envVariables 声明的变量'}`),
        '以同名环境变量提供，例如 CAMPAIGN_REMINDER_TEMPLATE_ID=xxxx npm run deploy -- --env <envId>',
      ].join('\n'),
    );
  }
}

/** The variables of a function a deploy must be given: its envVariables' names and its secret variables. */
function parameterNames(config: ReturnType<typeof readFunctionConfig>): string[] {
  return [...Object.keys(config.envVariables ?? {}), ...(config.secretVariables ?? [])];
}

/** Every variable name a deploy needs, sorted. */
export function deployParameters(functionsDir = FUNCTIONS_DIR): string[] {
  const names = new Set<string>();
  for (const { name } of functionEntries(functionsDir)) for (const key of parameterNames(readFunctionConfig(path.join(functionsDir, name)))) names.add(key);
  return [...names].sort();
}

export function readDeclaredFunctions(options: DeclaredOptions): FunctionState[] {
  const functionsDir = options.functionsDir ?? FUNCTIONS_DIR;
  const missing = new Set<string>();
  for (const { name } of functionEntries(functionsDir)) {
    for (const key of parameterNames(readFunctionConfig(path.join(functionsDir, name)))) {
      if (!options.useLocalValues && !options.parameters[key]) missing.add(key);
    }
  }
  if (missing.size > 0) throw new MissingParametersError([...missing].sort());
  const functions = functionEntries(functionsDir).map(({ name }) => {
    const dir = path.join(functionsDir, name);
    const config = readFunctionConfig(dir);
    if (!fs.existsSync(path.join(dir, 'index.js'))) throw new Error(`${dir}/index.js is missing: run npm run build first`);
    const codeSha256 = codeHash(dir);
    const envVariables: Record<string, string> = {};
    for (const [key, localValue] of Object.entries(config.envVariables ?? {})) {
      const value = options.useLocalValues ? localValue : options.parameters[key];
      envVariables[key] = value as string;
    }
    // Locally the local cloud provides the secrets itself; a deploy sets them, so the next one leaves them be.
    if (!options.useLocalValues) for (const key of config.secretVariables ?? []) envVariables[key] = options.parameters[key] as string;
    envVariables[CODE_HASH_VARIABLE] = codeSha256;
    return {
      name,
      runtime: config.runtime,
      timeout: config.timeout,
      memorySize: config.memorySize ?? DEFAULT_MEMORY_MB,
      envVariables,
      triggers: (config.triggers ?? []).map((t) => ({ name: t.name, type: t.type, config: t.config })),
      codeSha256,
    };
  });
  return functions;
}

export function readDeclaredState(options: DeclaredOptions): EnvironmentState {
  const databaseDir = options.databaseDir ?? DATABASE_DIR;
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(databaseDir, file), 'utf8')) as unknown;
  const { collections } = read('collections.json') as CollectionsFile;
  const rules = read('security-rules.json') as Record<string, unknown>;
  const collectionRules: Record<string, string | undefined> = {};
  for (const { name } of collections) {
    if (rules[name] === undefined) throw new Error(`database/security-rules.json has no rule for collection ${name}`);
    collectionRules[name] = canonicalJson(rules[name]);
  }
  return {
    collections: collections.map(({ name, indexes = [] }) => ({
      name,
      indexes: indexes.map((index) => ({ name: index.name, keys: Object.entries(index.keys), unique: index.unique === true })),
    })),
    collectionRules,
    storageRule: canonicalJson(read('storage-rules.json')),
    functions: readDeclaredFunctions(options),
  };
}
