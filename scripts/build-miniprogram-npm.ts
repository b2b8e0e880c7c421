/**
 * "npm build" for the mini-program without WeChat DevTools: for each dependency of the root package.json,
 * copy the folder its `miniprogram` field names (what DevTools' npm build does for mini-program packages)
 * into miniprogram/miniprogram_npm/<name>. Plain npm packages (no `miniprogram` field) are bundled to
 * miniprogram_npm/<name>/index.js with esbuild, as DevTools does. Beyond DevTools, which builds only a package's
 * main entry (https://developers.weixin.qq.com/miniprogram/dev/devtools/npm.html), every subpath the app's
 * scripts require (`dayjs/plugin/utc`) is bundled to miniprogram_npm/<name>/<subpath>.js, with the packages
 * themselves left as run-time requires so a plugin or locale extends the one copy of its package. A stamp of
 * name@version and the subpaths skips work when nothing changed, so running it on every build or test is cheap.
 *
 * Usage: tsx scripts/build-miniprogram-npm.ts [--force]
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { NPM_DIR, scriptImports, sourceFiles } from './miniprogram-sources';

const STAMP_FILE = '.weike-npm-stamp.json';

export interface NpmBuildOptions {
  /** Folder with the package.json whose dependencies are built (default: this repository). */
  projectRoot?: string;
  /** Folder that receives miniprogram_npm/ (default: <projectRoot>/miniprogram). */
  miniprogramRoot?: string;
  force?: boolean;
}

export interface NpmBuildResult {
  outDir: string;
  built: string[];
  skipped: boolean;
}

interface PackageJson {
  name: string;
  version: string;
  main?: string;
  miniprogram?: string;
  dependencies?: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function packageDir(projectRoot: string, name: string): string {
  const manifest = require.resolve(`${name}/package.json`, { paths: [projectRoot] });
  return path.dirname(manifest);
}

/** The subpaths of plain packages (`dayjs/plugin/utc` → `plugin/utc`) that the app's own scripts require, per package. */
export function requiredSubpaths(miniprogramRoot: string, packages: string[]): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const file of [...sourceFiles(miniprogramRoot, '.ts'), ...sourceFiles(miniprogramRoot, '.js')]) {
    for (const specifier of scriptImports(fs.readFileSync(path.join(miniprogramRoot, file), 'utf8'))) {
      const name = packages.find((candidate) => specifier.startsWith(`${candidate}/`));
      if (!name) continue;
      const subpaths = found.get(name) ?? new Set<string>();
      subpaths.add(specifier.slice(name.length + 1).replace(/\.js$/, ''));
      found.set(name, subpaths);
    }
  }
  return new Map([...found].map(([name, subpaths]) => [name, [...subpaths].sort()]));
}

async function bundle(projectRoot: string, specifier: string, outfile: string, external: string[]): Promise<void> {
  await build({
    entryPoints: [require.resolve(specifier, { paths: [projectRoot] })],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2017',
    outfile,
    external,
    logLevel: 'silent',
  });
}

async function buildPackage(projectRoot: string, name: string, target: string, subpaths: string[], packages: string[]): Promise<void> {
  const dir = packageDir(projectRoot, name);
  const manifest = readJson<PackageJson>(path.join(dir, 'package.json'));
  if (manifest.miniprogram) {
    const source = path.join(dir, manifest.miniprogram);
    if (!fs.existsSync(source)) throw new Error(`${name}: its "miniprogram" folder ${source} does not exist`);
    fs.cpSync(source, target, { recursive: true });
    return;
  }
  await bundle(projectRoot, name, path.join(target, 'index.js'), []);
  for (const subpath of subpaths) await bundle(projectRoot, `${name}/${subpath}`, path.join(target, `${subpath}.js`), packages);
}

export async function buildMiniprogramNpm(options: NpmBuildOptions = {}): Promise<NpmBuildResult> {
  const projectRoot = path.resolve(options.projectRoot ?? path.join(__dirname, '..'));
  const miniprogramRoot = path.resolve(options.miniprogramRoot ?? path.join(projectRoot, 'miniprogram'));
  const outDir = path.join(miniprogramRoot, NPM_DIR);
  const dependencies = Object.keys(readJson<PackageJson>(path.join(projectRoot, 'package.json')).dependencies ?? {}).sort();
  const subpaths = requiredSubpaths(miniprogramRoot, dependencies);
  const stamp = JSON.stringify(
    dependencies.map((name) => {
      const version = readJson<PackageJson>(path.join(packageDir(projectRoot, name), 'package.json')).version;
      return [`${name}@${version}`, ...(subpaths.get(name) ?? [])].join(' ');
    }),
  );

  const stampPath = path.join(outDir, STAMP_FILE);
  if (!options.force && fs.existsSync(stampPath) && fs.readFileSync(stampPath, 'utf8') === stamp) {
    return { outDir, built: [], skipped: true };
  }

  // Build next to the target and swap it in, so an interrupted run never leaves a half-copied folder.
  const staging = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    for (const name of dependencies) await buildPackage(projectRoot, name, path.join(staging, name), subpaths.get(name) ?? [], dependencies);
    fs.writeFileSync(path.join(staging, STAMP_FILE), stamp);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(staging, outDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { outDir, built: dependencies, skipped: false };
}

if (require.main === module) {
  buildMiniprogramNpm({ force: process.argv.includes('--force') }).then(
    (result) => {
      const what = result.skipped ? 'up to date' : `built ${result.built.join(', ') || 'nothing'}`;
      console.log(`miniprogram npm: ${what} in ${path.relative(process.cwd(), result.outDir) || result.outDir}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
