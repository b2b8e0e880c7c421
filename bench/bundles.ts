/**
 * The function bundles' sizes (without wx-server-sdk), now and before the lean-function change, as a table for
 * BENCHMARKS.md. "Now" is measured from the bundles `npm run bench` has just built; "before" is what
 * `npm run build` printed at commit 300c29c (exceljs inlined into five bundles, Node 16 target), kept here
 * because that build no longer exists to measure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { budgetOf, FUNCTIONS_DIR, functionEntries, LAZY_MODULES } from '../scripts/build';

/** index.js in KB (1,024 bytes) at commit 300c29c. */
const BEFORE_KB: Record<string, number> = {
  admin: 2701.0,
  assignment: 2628.6,
  authoring: 132.1,
  campaign: 2740.5,
  campaignReminder: 98.3,
  contest: 263.3,
  course: 132.7,
  learning: 112.8,
  points: 2654.1,
  pointsExpiry: 97.9,
  report: 2614.4,
  reportRollup: 95.3,
  share: 87.9,
  storageCleanup: 56.5,
  user: 78.9,
};

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** The Markdown section, from the built bundles under `functionsDir`. */
export function bundleSection(functionsDir = FUNCTIONS_DIR): string {
  const rows = functionEntries(functionsDir).map(({ name }) => {
    const dir = path.join(functionsDir, name);
    const index = fs.statSync(path.join(dir, 'index.js')).size;
    const lazy = LAZY_MODULES.filter((module) => fs.existsSync(path.join(dir, module.file))).map(
      (module) => `${module.file} ${kb(fs.statSync(path.join(dir, module.file)).size)}`,
    );
    const before = BEFORE_KB[name];
    return `| ${name} | ${before === undefined ? '-' : `${before.toFixed(1)} KB`} | ${kb(index)} | ${kb(budgetOf(name))} | ${lazy.join(', ') || '-'} |`;
  });
  return `## Function bundles

index.js is what every cold start loads; a file "loaded on demand" is read only by the actions that need it
(scripts/build.ts). Before: commit 300c29c. The budget fails the build.

| function | index.js before | index.js now | budget | loaded on demand |
|---|---|---|---|---|
${rows.join('\n')}
`;
}

if (require.main === module) console.log(bundleSection());
