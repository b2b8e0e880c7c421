/**
 * Builds the web console (web/, Vite) into web/dist, which the local cloud serves under /console/ and a
 * deploy uploads to static website hosting. Part of `npm run build`; `npm run typecheck` checks it with vue-tsc.
 *
 * Vite runs as its own command: loaded into this CommonJS process it fails inside its bundler.
 *
 * The build also measures the console's initial JavaScript, gzipped: the entry with everything it imports
 * statically, plus the screens a first visit opens (the sign-in page, then the layout and home), each with
 * their static imports (Vite's manifest gives the graph). Screens opened later and the CloudBase web SDK
 * (loaded on first use in cloud mode) are not part of it. bench/console-size.ts records the figure in
 * BENCHMARKS.md; above the budget the build fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';

export const WEB_DIR = path.resolve(__dirname, '..', 'web');
export const CONSOLE_DIST = path.join(WEB_DIR, 'dist');
/** The first page's JavaScript, gzipped: the console's budget (issue 16). */
export const INITIAL_JS_BUDGET = 400 * 1024;
/** The screens of a first visit, as Vite's manifest names their sources. */
export const FIRST_SCREENS = ['index.html', 'src/views/sign-in.vue', 'src/views/layout.vue', 'src/views/home.vue'];

export interface InitialJs {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
}

export function initialJs(dist = CONSOLE_DIST): InitialJs {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the console's manifest has no ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const screen of FIRST_SCREENS) visit(screen);
  const files = [...seen]
    .map((key) => (manifest[key] as ManifestChunk).file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const content = fs.readFileSync(path.join(dist, file));
      return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
    });
  return { files, bytes: files.reduce((sum, f) => sum + f.bytes, 0), gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

export function buildConsole(): InitialJs {
  execFileSync(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', WEB_DIR], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  const measured = initialJs();
  if (measured.gzip > INITIAL_JS_BUDGET) {
    throw new Error(
      `the console's initial JavaScript is ${(measured.gzip / 1024).toFixed(1)} KB gzipped, over its budget of ${INITIAL_JS_BUDGET / 1024} KB (scripts/build-console.ts)`,
    );
  }
  return measured;
}

if (require.main === module) {
  try {
    const measured = buildConsole();
    console.log(`built the web console into web/dist: initial JavaScript ${(measured.gzip / 1024).toFixed(1)} KB gzipped`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
