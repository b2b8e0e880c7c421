/**
 * `npm run build`: bundles every cloud function (`cloudfunctions/<name>/entry.ts`) with its share of server/,
 * typings/ and zod into `cloudfunctions/<name>/index.js`, CommonJS for the Node runtime the functions declare
 * in their config.json (`Nodejs20.19`). `wx-server-sdk` stays external: CloudBase installs the pinned version
 * from the function's package.json. One esbuild run builds all functions (shared parsing, one pass).
 *
 * Lean functions: a library only some actions need is not inlined. exceljs (LAZY_MODULES) is built once into
 * its own file, copied to `cloudfunctions/<name>/lib/` of the functions that use it, and loaded by
 * server/core/excel.ts only when an action needs it (esbuild cannot split a CommonJS bundle into chunks).
 * Every bundle's size is printed and held under a budget (BUDGETS); the build fails above it.
 *
 * The same command writes cloudbaserc.json from the config.json files (scripts/cloudbaserc.ts) and builds the
 * mini-program's miniprogram_npm (scripts/build-miniprogram-npm.ts) and the web console (scripts/build-console.ts),
 * so one build prepares everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { esbuildTargetOf } from '../emulator/functions/runtime';
import type { FunctionName } from '../typings/api';
import { buildMiniprogramNpm } from './build-miniprogram-npm';
import { buildConsole } from './build-console';
import { writeCloudbaserc } from './cloudbaserc';
import { functionEntries, FUNCTIONS_DIR, readFunctionConfig, ROOT } from './function-config';

export { functionEntries, FUNCTIONS_DIR, ROOT };
export const EXTERNAL = ['wx-server-sdk'];

/** Libraries loaded only by the actions that need them: the module, the one file allowed to import it, its file. */
export const LAZY_MODULES = [{ module: 'exceljs', loader: path.join(ROOT, 'server', 'core', 'excel.ts'), file: 'lib/exceljs.js' }] as const;

/** Functions learners call on every page: their bundle must stay small, as every cold start parses it. */
export const EVERY_PAGE_FUNCTIONS = ['user', 'course', 'learning', 'campaign', 'contest', 'points', 'share'] as const satisfies readonly FunctionName[];
const KB = 1024;
/** Bundle budgets in bytes (index.js, without wx-server-sdk and without lazily loaded files). */
export const BUDGETS = {
  everyPage: 300 * KB,
  // Staff and timer functions: not on every page, but a library slipping into them still shows.
  other: 600 * KB,
};

export interface BuiltFunction {
  name: string;
  file: string;
  /** Size of index.js: what every cold start loads. */
  bytes: number;
  /** Files loaded only by the actions that need them (relative to the function folder) and their sizes. */
  lazy: { file: string; bytes: number }[];
}

/** The esbuild target all functions share, from their declared runtime (one esbuild run serves one target). */
function sharedTarget(names: string[], functionsDir: string): string {
  const targets = new Set(names.map((name) => esbuildTargetOf(readFunctionConfig(path.join(functionsDir, name)).runtime)));
  if (targets.size !== 1) throw new Error(`cloud functions declare different runtimes (${[...targets].join(', ')}); declare one`);
  return [...targets][0] as string;
}

/** Points the loader's `require('exceljs')` at the shipped file; any other import of it fails the build. */
const lazyModules: Plugin = {
  name: 'lazy-modules',
  setup(builder) {
    for (const lazy of LAZY_MODULES) {
      builder.onResolve({ filter: new RegExp(`^${lazy.module}$`) }, (args) => {
        if (args.kind === 'require-call' && path.resolve(args.importer) === lazy.loader) return { path: `./${lazy.file}`, external: true };
        return {
          errors: [
            { text: `${lazy.module} is loaded lazily: load it through ${path.relative(ROOT, lazy.loader)}, not from ${path.relative(ROOT, args.importer)}` },
          ],
        };
      });
    }
  },
};

/**
 * server/ modules do nothing on import but define their exports (none is imported for its effects), so esbuild
 * may leave out a module none of whose exports a function uses. An area's index.ts re-exports its public
 * helpers; without this, importing one of them would bundle every module the index names, with the top-level
 * calls (zod schemas, action definitions) esbuild must otherwise keep. `sideEffects: false` is the resolve
 * result's field for it: https://esbuild.github.io/plugins/#on-resolve-results
 */
const SERVER_DIR = path.join(ROOT, 'server') + path.sep;
const pureServerModules: Plugin = {
  name: 'pure-server-modules',
  setup(builder) {
    builder.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === pureServerModules) return undefined;
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: pureServerModules,
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return resolved.path.startsWith(SERVER_DIR) ? { path: resolved.path, sideEffects: false } : undefined;
    });
  },
};

/**
 * Changes to the build for comparisons only (bench/cold-start.ts rebuilds the bundles as they were before
 * the lean-function change); the deployed build never passes any.
 */
export type BuildOverrides = Pick<BuildOptions, 'target' | 'plugins' | 'inject'>;

/** Builds every function into `outDir/<name>/index.js` (by default next to its entry), plus its lazy files. */
export async function buildFunctions(outDir = FUNCTIONS_DIR, functionsDir = FUNCTIONS_DIR, overrides: BuildOverrides = {}): Promise<BuiltFunction[]> {
  const entries = functionEntries(functionsDir);
  if (entries.length === 0) throw new Error(`no cloud function entries under ${functionsDir}`);
  const options: BuildOptions = {
    entryPoints: Object.fromEntries(entries.map(({ name, entry }) => [`${name}/index`, entry])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: sharedTarget(
      entries.map((entry) => entry.name),
      functionsDir,
    ),
    external: EXTERNAL,
    plugins: [lazyModules, pureServerModules],
    // Readable stack traces in CloudBase logs without shipping source maps.
    keepNames: true,
    // Whitespace and syntax minified, identifiers kept: every frame of a CloudBase log's stack trace still names
    // its function, and each cold start parses a third less (line numbers are no longer meaningful).
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    ...overrides,
  };
  const result = await build(options);
  const built: BuiltFunction[] = [];
  const lazyBuilt = new Map<string, string>();
  for (const { name } of entries) {
    const file = path.join(outDir, name, 'index.js');
    const output = result.metafile?.outputs[path.relative(process.cwd(), file).split(path.sep).join('/')];
    // A lazy file a function no longer loads must not linger in its folder (it would still be uploaded).
    fs.rmSync(path.join(outDir, name, 'lib'), { recursive: true, force: true });
    const lazy: BuiltFunction['lazy'] = [];
    for (const module of LAZY_MODULES) {
      if (!output?.imports.some((imported) => imported.external && imported.path === `./${module.file}`)) continue;
      const target = path.join(outDir, name, module.file);
      const first = lazyBuilt.get(module.module);
      if (first) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(first, target);
      } else {
        await build({ ...options, entryPoints: [require.resolve(module.module)], outdir: undefined, outfile: target, plugins: [], metafile: false });
        lazyBuilt.set(module.module, target);
      }
      lazy.push({ file: module.file, bytes: fs.statSync(target).size });
    }
    built.push({ name, file, bytes: output?.bytes ?? fs.statSync(file).size, lazy });
  }
  return built;
}

export function budgetOf(name: string): number {
  return (EVERY_PAGE_FUNCTIONS as readonly string[]).includes(name) ? BUDGETS.everyPage : BUDGETS.other;
}

/** One line per function over its budget. */
export function overBudget(built: readonly BuiltFunction[]): string[] {
  return built
    .filter((fn) => fn.bytes > budgetOf(fn.name))
    .map((fn) => `${fn.name}/index.js is ${formatSize(fn.bytes)}, over its budget of ${formatSize(budgetOf(fn.name))}`);
}

/** Fails the build when a bundle is over its budget. */
export function assertWithinBudgets(built: readonly BuiltFunction[]): void {
  const over = overBudget(built);
  if (over.length > 0) throw new Error(`cloud function bundles over budget (scripts/build.ts BUDGETS):\n  ${over.join('\n  ')}`);
}

function formatSize(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

/** The size table the build prints (1 KB = 1024 bytes). */
export function sizeTable(built: readonly BuiltFunction[]): string {
  const rows = built.map((fn) => [
    fn.name,
    formatSize(fn.bytes),
    formatSize(budgetOf(fn.name)),
    fn.bytes > budgetOf(fn.name) ? 'OVER' : 'ok',
    fn.lazy.map((lazy) => `${lazy.file} ${formatSize(lazy.bytes)}`).join(', ') || '-',
  ]);
  const header = ['function', 'index.js', 'budget', 'status', 'loaded on demand'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const built = await buildFunctions();
  console.log(sizeTable(built));
  console.log(`built ${built.length} cloud functions in ${Date.now() - started} ms (sizes without wx-server-sdk)`);
  assertWithinBudgets(built);
  writeCloudbaserc();
  console.log('wrote cloudbaserc.json from cloudfunctions/*/config.json');
  const npm = await buildMiniprogramNpm();
  console.log(npm.skipped ? 'miniprogram_npm is up to date' : `built miniprogram_npm: ${npm.built.join(', ')}`);
  const web = buildConsole();
  console.log(`built the web console into web/dist: initial JavaScript ${(web.gzip / 1024).toFixed(1)} KB gzipped`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // esbuild has already formatted its errors into the message.
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
