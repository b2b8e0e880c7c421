/**
 * "npm build" for the mini-program without WeChat DevTools: for each dependency of the root package.json,
 * copy the folder its `miniprogram` field names (what DevTools' npm build does for mini-program packages)
 * into miniprogram/miniprogram_npm/<name>. Plain npm packages (no `miniprogram` field) are bundled to
 * miniprogram_npm/<name>/index.js with esbuild, as DevTools does. A stamp of name@version skips work when
 * nothing changed, so running it on every build or test is cheap.
 *
 * Usage: tsx scripts/build-miniprogram-npm.ts [--force]
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

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

async function buildPackage(projectRoot: string, name: string, target: string): Promise<void> {
  const dir = packageDir(projectRoot, name);
  const manifest = readJson<PackageJson>(path.join(dir, 'package.json'));
  if (manifest.miniprogram) {
    const source = path.join(dir, manifest.miniprogram);
    if (!fs.existsSync(source)) throw new Error(`${name}: its "miniprogram" folder ${source} does not exist`);
    fs.cpSync(source, target, { recursive: true });
    return;
  }
  await build({
    entryPoints: [require.resolve(name, { paths: [projectRoot] })],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2017',
    outfile: path.join(target, 'index.js'),
    logLevel: 'silent',
  });
}

export async function buildMiniprogramNpm(options: NpmBuildOptions = {}): Promise<NpmBuildResult> {
  const projectRoot = path.resolve(options.projectRoot ?? path.join(__dirname, '..'));
  const miniprogramRoot = path.resolve(options.miniprogramRoot ?? path.join(projectRoot, 'miniprogram'));
  const outDir = path.join(miniprogramRoot, 'miniprogram_npm');
  const dependencies = Object.keys(readJson<PackageJson>(path.join(projectRoot, 'package.json')).dependencies ?? {}).sort();
  const stamp = JSON.stringify(
    dependencies.map((name) => `${name}@${readJson<PackageJson>(path.join(packageDir(projectRoot, name), 'package.json')).version}`),
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
    for (const name of dependencies) await buildPackage(projectRoot, name, path.join(staging, name));
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
