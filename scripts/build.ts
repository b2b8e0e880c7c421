/**
 * `npm run build`: bundles every cloud function (`cloudfunctions/<name>/entry.ts`) with its share of server/,
 * typings/ and zod into `cloudfunctions/<name>/index.js`, CommonJS for CloudBase's Node 16 runtime.
 * `wx-server-sdk` stays external: CloudBase installs the pinned version from the function's package.json.
 * One esbuild run builds all functions (shared parsing, one pass). The same command also builds the
 * mini-program's miniprogram_npm (scripts/build-miniprogram-npm.ts), so one build prepares everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, BuildOptions } from 'esbuild';
import { buildMiniprogramNpm } from './build-miniprogram-npm';

export const ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
export const EXTERNAL = ['wx-server-sdk'];

export interface BuiltFunction {
  name: string;
  file: string;
  bytes: number;
}

/** Function folders that have an entry, sorted by name. */
export function functionEntries(functionsDir = FUNCTIONS_DIR): { name: string; entry: string }[] {
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((dirent) => dirent.isDirectory() && fs.existsSync(path.join(functionsDir, dirent.name, 'entry.ts')))
    .map((dirent) => ({ name: dirent.name, entry: path.join(functionsDir, dirent.name, 'entry.ts') }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Builds every function into `outDir/<name>/index.js` (by default next to its entry). */
export async function buildFunctions(outDir = FUNCTIONS_DIR, functionsDir = FUNCTIONS_DIR): Promise<BuiltFunction[]> {
  const entries = functionEntries(functionsDir);
  if (entries.length === 0) throw new Error(`no cloud function entries under ${functionsDir}`);
  const options: BuildOptions = {
    entryPoints: Object.fromEntries(entries.map(({ name, entry }) => [`${name}/index`, entry])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // CloudBase runtime Nodejs16.13 (cloudbaserc.json).
    target: 'node16',
    external: EXTERNAL,
    // Readable stack traces in CloudBase logs without shipping source maps.
    keepNames: true,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  };
  const result = await build(options);
  return entries.map(({ name }) => {
    const file = path.join(outDir, name, 'index.js');
    const output = result.metafile?.outputs[path.relative(process.cwd(), file).split(path.sep).join('/')];
    return { name, file, bytes: output?.bytes ?? fs.statSync(file).size };
  });
}

function formatSize(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const built = await buildFunctions();
  for (const fn of built) console.log(`  cloudfunctions/${fn.name}/index.js  ${formatSize(fn.bytes)}`);
  console.log(`built ${built.length} cloud functions in ${Date.now() - started} ms`);
  const npm = await buildMiniprogramNpm();
  console.log(npm.skipped ? 'miniprogram_npm is up to date' : `built miniprogram_npm: ${npm.built.join(', ')}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // esbuild has already formatted its errors into the message.
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
