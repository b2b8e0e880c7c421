/**
 * cloudbaserc.json, the CloudBase CLI's project file (https://docs.cloudbase.net/cli-v1/config), generated from
 * each function's config.json by `npm run build` and never kept by hand (it is git-ignored). Environment
 * variables become the CLI's dynamic variables (`{{env.NAME}}`, which the CLI loads from .env / .env.local at
 * deploy time): the values in config.json are the local cloud's, a deploy must supply the real ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_MEMORY_MB, functionEntries, FUNCTIONS_DIR, readFunctionConfig, ROOT } from './function-config';

export const CLOUDBASERC = path.join(ROOT, 'cloudbaserc.json');

/** What a function upload leaves out: the bundle (index.js), its lazily loaded lib/, config.json and package.json go. */
export const UPLOAD_IGNORE = ['entry.ts', 'node_modules'] as const;

/** The file's content for the functions under `functionsDir`. */
export function renderCloudbaserc(functionsDir = FUNCTIONS_DIR): string {
  const functions = functionEntries(functionsDir).map(({ name }) => {
    const config = readFunctionConfig(path.join(functionsDir, name));
    const names = [...Object.keys(config.envVariables ?? {}), ...(config.secretVariables ?? [])];
    const envVariables = names.length > 0 ? Object.fromEntries(names.map((key) => [key, `{{env.${key}}}`])) : undefined;
    return {
      name,
      timeout: config.timeout,
      runtime: config.runtime,
      memorySize: config.memorySize ?? DEFAULT_MEMORY_MB,
      // CloudBase installs the pinned wx-server-sdk from the function's package.json.
      installDependency: true,
      handler: 'index.main',
      ignore: [...UPLOAD_IGNORE],
      ...(envVariables && { envVariables }),
      ...(config.triggers && { triggers: config.triggers }),
    };
  });
  return `${JSON.stringify({ version: '2.0', envId: '{{env.ENV_ID}}', functionRoot: './cloudfunctions', functions }, null, 2)}\n`;
}

export function writeCloudbaserc(file = CLOUDBASERC): void {
  fs.writeFileSync(file, renderCloudbaserc());
}
