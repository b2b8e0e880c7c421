/**
 * The web console's initial JavaScript (gzip), from the console `npm run build` has just built
 * (scripts/build-console.ts measures it the same way and fails the build above the budget). `npm run bench`
 * puts this section in BENCHMARKS.md; `npx tsx bench/console-size.ts` measures it alone and rewrites only
 * this section.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_SCREENS, INITIAL_JS_BUDGET, initialJs } from '../scripts/build-console';

const TITLE = '## Web console';
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function consoleSection(): string {
  const measured = initialJs();
  const rows = measured.files.map((file) => `| ${file.file} | ${kb(file.bytes)} | ${kb(file.gzip)} |`);
  return `${TITLE}

Initial JavaScript: what the first visit loads before the console is usable, the entry and the screens
${FIRST_SCREENS.filter((screen) => screen !== 'index.html').join(', ')} with their static imports (Vite's
manifest). The CloudBase web SDK loads on first use in cloud mode and is not counted. Budget
${kb(INITIAL_JS_BUDGET)} gzipped; the build fails above it.

| file | size | gzip |
|---|---|---|
${rows.join('\n')}
| **total** | **${kb(measured.bytes)}** | **${kb(measured.gzip)}** |
`;
}

/** Replaces this section of BENCHMARKS.md (or appends it), leaving the others as the last full run wrote them. */
function main(): void {
  const file = path.resolve(__dirname, '..', 'BENCHMARKS.md');
  const text = fs.readFileSync(file, 'utf8');
  const section = consoleSection();
  const start = text.indexOf(TITLE);
  let next: string;
  if (start < 0) next = `${text.trimEnd()}\n\n${section}`;
  else {
    const end = text.indexOf('\n## ', start + TITLE.length);
    next = `${text.slice(0, start)}${section}${end < 0 ? '' : text.slice(end)}`;
  }
  fs.writeFileSync(file, next);
  console.log(section);
}

if (require.main === module) main();
