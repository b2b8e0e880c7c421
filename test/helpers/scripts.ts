/**
 * Command-line scripts (scripts/*.ts) run as processes of their own, as a developer runs them with tsx, but
 * without tsx's start in every run: tsx starts a second Node process and compiles each TypeScript module
 * with esbuild as it is loaded, where the same script bundled once per test file by the same compiler is
 * run by Node alone (what it saves: BENCHMARKS.md, "npm test wall time"). The bundle keeps packages
 * external, so they load from node_modules as under tsx, and lives under the repository's .tmp/ for that;
 * each module keeps its own `__dirname` and `__filename` (its folder in the repository, not the bundle's),
 * so paths the scripts take from their own location are the same.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, stop, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPTS = path.join(ROOT, 'scripts');

/**
 * Each TypeScript module of the repository sees the `__dirname` and `__filename` of its own source file, and
 * only the script bundled is `require.main`'s module: a module that runs itself when it is the main one
 * (`require.main === module`) sees a `module` of its own when another script imports it. esbuild renames a
 * module's top-level names where the bundle joins modules (https://esbuild.github.io/api/#bundle), so each
 * module's names stay its own.
 */
function ownLocation(entries: string[]): Plugin {
  return {
    name: 'own-location',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.split(path.sep).includes('node_modules')) return undefined;
        const source = fs.readFileSync(args.path, 'utf8');
        const lines = [`const __dirname = ${JSON.stringify(path.dirname(args.path))};`, `const __filename = ${JSON.stringify(args.path)};`];
        if (!entries.includes(args.path) && source.includes('require.main')) lines.push(`const module = { id: ${JSON.stringify(args.path)} };`);
        return { contents: `${lines.join(' ')}\n${source}`, loader: 'ts' };
      });
    },
  };
}

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BundledScripts {
  /** Runs `scripts/<script>` with `args`; its environment is the test process's with `env` over it. */
  run(script: string, args: string[], env?: Record<string, string>): Promise<ScriptRun>;
  /** The same as a child process whose output the caller reads as it comes (`node <bundle> args`). */
  spawn(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams;
}

/**
 * Bundles `scripts` (file names under scripts/) before the file's tests and removes the bundles after them.
 * The handle runs them inside hooks and tests.
 */
export function useBundledScripts(scripts: string[]): BundledScripts {
  let dir: string | undefined;
  const bundleOf = (script: string) => {
    if (!dir) throw new Error('the scripts are bundled in beforeAll: run them inside hooks and tests');
    return path.join(dir, script.replace(/\.ts$/, '.js'));
  };
  beforeAll(async () => {
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'scripts-'));
    const entries = scripts.map((script) => path.join(SCRIPTS, script));
    await build({
      entryPoints: entries,
      outdir: dir,
      bundle: true,
      platform: 'node',
      target: `node${process.versions.node}`,
      format: 'cjs',
      packages: 'external',
      plugins: [ownLocation(entries)],
      logLevel: 'warning',
    });
    // esbuild keeps its service process until Node exits (its maintainer: https://github.com/evanw/esbuild/issues/3558),
    // and a jest worker outlives the file.
    await stop();
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    run(script, args, env = {}) {
      return new Promise((resolve) => {
        execFile(process.execPath, [bundleOf(script), ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        });
      });
    },
    spawn(script, args, env) {
      return spawn(process.execPath, [bundleOf(script), ...args], { cwd: ROOT, env });
    },
  };
}
