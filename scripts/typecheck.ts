/**
 * `npm run typecheck`: every TypeScript project of the repository, as many at once as the machine has cores
 * (each tsc is single-threaded), with their output kept apart and printed as each finishes.
 *
 * Incremental: each project keeps its build info in `.tmp/tsc/` (ignored by git), so a second run checks only
 * what changed since the last (TypeScript compares file hashes, the options and the libraries' versions). A
 * fresh clone has none and checks everything; `--clean` forgets it first.
 * https://www.typescriptlang.org/tsconfig/#incremental
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const BUILD_INFO_DIR = path.join(ROOT, '.tmp', 'tsc');

interface Project {
  name: string;
  /** The checker: tsc, or vue-tsc for the console's single-file components. */
  bin: 'tsc' | 'vue-tsc';
  tsconfig: string;
}

/**
 * Largest first, so the longest run starts at once. The mini-program tests' project
 * (test/miniprogram/tsconfig.json) is not run on its own: the gallery's extends it, adding no options, and
 * includes all its files (test/build/typecheck.test.ts holds both true), so checking the gallery checks the
 * tests with the same options; a second run would check the same files again.
 */
export const PROJECTS: readonly Project[] = [
  { name: 'web', bin: 'vue-tsc', tsconfig: 'web/tsconfig.json' },
  { name: 'backend', bin: 'tsc', tsconfig: 'tsconfig.json' },
  { name: 'gallery', bin: 'tsc', tsconfig: 'scripts/gallery/tsconfig.json' },
  { name: 'miniprogram', bin: 'tsc', tsconfig: 'miniprogram/tsconfig.json' },
];

interface Outcome {
  project: Project;
  code: number;
  output: string;
  seconds: number;
}

function check(project: Project): Promise<Outcome> {
  const started = Date.now();
  const args = ['-p', project.tsconfig, '--incremental', '--tsBuildInfoFile', path.join(BUILD_INFO_DIR, `${project.name}.tsbuildinfo`)];
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', project.bin), args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ project, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--clean')) fs.rmSync(BUILD_INFO_DIR, { recursive: true, force: true });
  fs.mkdirSync(BUILD_INFO_DIR, { recursive: true });
  const queue = [...PROJECTS];
  const outcomes: Outcome[] = [];
  const lane = async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const outcome = await check(project);
      outcomes.push(outcome);
      const { name, bin, tsconfig } = outcome.project;
      console.log(`${outcome.code === 0 ? 'ok  ' : 'FAIL'} ${bin} -p ${tsconfig} (${name}, ${outcome.seconds.toFixed(1)} s)`);
      if (outcome.output.trim()) console.log(outcome.output.trimEnd());
    }
  };
  await Promise.all(Array.from({ length: Math.min(os.availableParallelism(), PROJECTS.length) }, lane));
  if (outcomes.some((outcome) => outcome.code !== 0)) process.exit(1);
}

if (require.main === module) void main();
