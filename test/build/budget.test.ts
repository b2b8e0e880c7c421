/**
 * The build's size budget (scripts/build.ts): a function learners call on every page fails the build above
 * 300 KB, and the lazily loaded library cannot be pulled into a bundle by a static import.
 * Real esbuild runs over throwaway function folders under the git-ignored .tmp/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertWithinBudgets, BUDGETS, buildFunctions, EVERY_PAGE_FUNCTIONS, ROOT, sizeTable } from '../../scripts/build';

fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
const workDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'budget-test-'));

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** A functions folder with one function per entry source, each declaring Node 20. */
function functionsDir(label: string, entries: Record<string, string>): string {
  const dir = path.join(workDir, label, 'src');
  for (const [name, source] of Object.entries(entries)) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'entry.ts'), source);
    fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify({ timeout: 5, runtime: 'Nodejs20.19' }));
  }
  return dir;
}

/** Source of an entry whose bundle carries `kb` kilobytes of data it does not need on every call. */
const heavyEntry = (kb: number): string => `const TABLE = ${JSON.stringify('x'.repeat(kb * 1024))};\nexport const main = async () => TABLE.length;\n`;

it('has the every-page functions the issue names, at 300 KB', () => {
  expect([...EVERY_PAGE_FUNCTIONS].sort()).toEqual(['campaign', 'contest', 'course', 'learning', 'points', 'share', 'user']);
  expect(BUDGETS.everyPage).toBe(300 * 1024);
});

it('fails on an every-page function over 300 KB and passes the same bundle for a staff function', async () => {
  const src = functionsDir('oversized', { user: heavyEntry(320), admin: heavyEntry(320) });
  const built = await buildFunctions(path.join(workDir, 'oversized', 'out'), src);
  const user = built.find((fn) => fn.name === 'user')!;
  const admin = built.find((fn) => fn.name === 'admin')!;
  expect(user.bytes).toBeGreaterThan(300 * 1024);
  expect(() => assertWithinBudgets([admin])).not.toThrow();
  expect(() => assertWithinBudgets(built)).toThrow(/user\/index\.js is 32\d\.\d KB, over its budget of 300\.0 KB/);
  expect(sizeTable(built)).toMatch(/^user +32\d\.\d KB +300\.0 KB +OVER +-$/m);
});

it('passes an every-page function just under the budget', async () => {
  const src = functionsDir('fits', { user: heavyEntry(290) });
  const built = await buildFunctions(path.join(workDir, 'fits', 'out'), src);
  expect(() => assertWithinBudgets(built)).not.toThrow();
});

it('refuses a static import of exceljs: it is loaded on demand through server/core/excel.ts', async () => {
  const src = functionsDir('static-excel', {
    course: `import ExcelJS from 'exceljs';\nexport const main = async () => new ExcelJS.Workbook().worksheets.length;\n`,
  });
  await expect(buildFunctions(path.join(workDir, 'static-excel', 'out'), src)).rejects.toThrow(
    /exceljs is loaded lazily: load it through server\/core\/excel\.ts/,
  );
});

it('refuses functions declaring different runtimes (the bundles share one Node target)', async () => {
  const src = functionsDir('mixed', { user: heavyEntry(1), course: heavyEntry(1) });
  fs.writeFileSync(path.join(src, 'course', 'config.json'), JSON.stringify({ timeout: 5, runtime: 'Nodejs18.15' }));
  await expect(buildFunctions(path.join(workDir, 'mixed', 'out'), src)).rejects.toThrow(/declare different runtimes \(node18\.15, node20\.19\)/);
});
