/**
 * Records how long each test file took, for the order jest runs them in (test/sequencer.js: longest first).
 *
 *   npm run jest -- --json --outputFile=/tmp/jest.json
 *   npx tsx scripts/test-durations.ts /tmp/jest.json
 *
 * Writes test/durations.json: seconds per file (path relative to the repository), from the report's
 * `perfStats` (end − start). The text jest prints serves as well (`npx tsx scripts/test-durations.ts
 * jest.log`): its `PASS`/`FAIL` lines give the seconds of files slower than jest's slowTestThreshold (5 s),
 * the others are left to the sequencer's estimate. Only the order matters, so a report from a loaded machine or from another
 * checkout of the repository serves; files the report does not cover keep their recorded figure, files that
 * no longer exist are dropped.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'test', 'durations.json');

interface JestReport {
  testResults: Array<{ name: string; perfStats: { start: number; end: number } }>;
}

/** File and seconds, from a `--json` report or from jest's printed lines (`PASS node test/x.test.ts (12.3 s)`). */
function measured(text: string): Array<[string, number]> {
  if (text.trimStart().startsWith('{')) {
    const report = JSON.parse(text) as JestReport;
    return report.testResults.map((result) => [result.name, (result.perfStats.end - result.perfStats.start) / 1000]);
  }
  return [...text.matchAll(/^(?:PASS|FAIL) +\S+ +(\S+\.test\.ts) \(([\d.]+) m?s\)$/gm)].map((match) => [
    match[1] as string,
    Number(match[2]) / (match[0].endsWith(' ms)') ? 1000 : 1),
  ]);
}

/** A report's file as a path inside the repository; a report made in another checkout of it serves too. */
function repositoryPath(file: string): string | null {
  // jest prints paths relative to the repository.
  if (!path.isAbsolute(file)) return file.split(path.sep).join('/');
  const inside = path.relative(ROOT, file).split(path.sep).join('/');
  if (!inside.startsWith('..')) return inside;
  const at = file.split(path.sep).join('/').indexOf('/test/');
  return at < 0 ? null : file.slice(at + 1);
}

function main(): void {
  const reportPath = process.argv[2];
  if (!reportPath) throw new Error('usage: npx tsx scripts/test-durations.ts <jest --json report>');
  const durations: Record<string, number> = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : {};
  for (const [name, seconds] of measured(fs.readFileSync(reportPath, 'utf8'))) {
    const file = repositoryPath(name);
    if (file) durations[file] = Math.round(seconds * 10) / 10;
  }
  const kept = Object.entries(durations)
    .filter(([file]) => fs.existsSync(path.join(ROOT, file)))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  fs.writeFileSync(OUT, `${JSON.stringify(Object.fromEntries(kept), null, 2)}\n`);
  console.log(`${kept.length} files recorded in ${path.relative(ROOT, OUT)}`);
}

main();
