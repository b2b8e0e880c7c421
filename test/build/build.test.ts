/**
 * `npm run build` (scripts/build.ts): one bundle per function with server/, typings/ and zod inlined and the
 * pinned wx-server-sdk left external; the bundle loads and answers through the real SDK.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { buildFunctions, type BuiltFunction, ROOT } from '../../scripts/build';
import { FUNCTION_NAMES } from '../../server/functions';
import type { Main } from '../../server/core';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { invoke } from '../helpers/invoke';
import { grant, seedMember } from '../helpers/db';

// Inside the repository (git-ignored .tmp/) so the bundles resolve wx-server-sdk from its node_modules,
// and away from cloudfunctions/ so tests running in parallel never read a half-written bundle.
fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
const outDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'build-test-'));
let built: BuiltFunction[];
let cloud: TestCloud | undefined;

// Bundling 14 functions takes about a second alone, but much longer on a busy 2-core machine.
beforeAll(async () => {
  built = await buildFunctions(outDir);
}, 120_000);

afterAll(async () => {
  await cloud?.dispose();
  fs.rmSync(outDir, { recursive: true, force: true });
});

function bundleOf(name: string): string {
  return fs.readFileSync(path.join(outDir, name, 'index.js'), 'utf8');
}

describe('the function bundles', () => {
  it('builds one CommonJS bundle per registered function', () => {
    expect(built.map((fn) => fn.name)).toEqual([...FUNCTION_NAMES].sort());
    for (const fn of built) {
      expect(fn.bytes).toBe(fs.statSync(fn.file).size);
      expect(bundleOf(fn.name)).toMatch(/module\.exports\s*=\s*__toCommonJS/);
    }
  });

  it.each(FUNCTION_NAMES)('%s requires wx-server-sdk instead of inlining it, and inlines everything else', (name) => {
    const code = bundleOf(name);
    expect(code).toContain('require("wx-server-sdk")');
    // Strings from inside the SDK's own bundle would show up if it were inlined.
    expect(code).not.toContain('getWXContext.ts');
    expect(code).not.toContain('@cloudbase/node-sdk');
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] as string);
    // Node's own modules are the runtime's; anything else must be in the bundle (only wx-server-sdk is installed)
    // or a file the build shipped beside it in the function folder (a library loaded on demand).
    const shipped = required.filter((id) => id.startsWith('./'));
    for (const id of shipped) expect(fs.existsSync(path.join(outDir, name, id))).toBe(true);
    expect(required.filter((id) => id !== 'wx-server-sdk' && !id.startsWith('node:') && !builtinModules.includes(id) && !shipped.includes(id))).toEqual([]);
  });

  it('loads exceljs only on demand, from one file shipped with the functions that export or import', () => {
    const withExcel = built.filter((fn) => fn.lazy.length > 0).map((fn) => fn.name);
    expect(withExcel).toEqual(['admin', 'assignment', 'campaign', 'classroom', 'points', 'report']);
    for (const fn of built) {
      // The library's own part names would show up if it were inlined.
      expect(bundleOf(fn.name)).not.toContain('xl/workbook.xml');
      expect(bundleOf(fn.name).includes('require("./lib/exceljs.js")')).toBe(withExcel.includes(fn.name));
      expect(fs.existsSync(path.join(outDir, fn.name, 'lib', 'exceljs.js'))).toBe(withExcel.includes(fn.name));
    }
    const excel = fs.readFileSync(path.join(outDir, 'report', 'lib', 'exceljs.js'), 'utf8');
    expect(excel).toContain('xl/workbook.xml');
  });

  it('keeps each bundle to its own area', () => {
    expect(bundleOf('course')).not.toContain('contestSummary');
    expect(bundleOf('user')).not.toContain('courseSummary');
  });

  it("takes only the helpers it uses from another area's index.ts, not the rest of that area", () => {
    // Classroom takes deriveAudiences from the roster's index, which also names the import pipeline, whose
    // modules run code at load (the column aliases' map): server modules count as side-effect free.
    expect(bundleOf('admin')).toContain('BY_ALIAS');
    expect(bundleOf('classroom')).not.toContain('BY_ALIAS');
    // Report's contest exports take the contest's index, course takes learning's: none of their actions.
    expect(bundleOf('contest')).toContain('createContestFor');
    expect(bundleOf('report')).not.toContain('createContestFor');
    expect(bundleOf('learning')).toContain('applyReport');
    expect(bundleOf('course')).not.toContain('applyReport');
  });
});

describe('a built bundle', () => {
  beforeAll(async () => {
    cloud = await startTestCloud();
    await seedMember('o-bundle', 'm-bundle', { name: '王强', roles: [grant('learner')] });
  });

  function loadMain(name: string): Main {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const loaded = require(path.join(outDir, name, 'index.js')) as { main: Main };
    return loaded.main;
  }

  it('exports main and answers through the real wx-server-sdk', async () => {
    const main = loadMain('user');
    expect(typeof main).toBe('function');
    expect(await invoke(main, { action: 'me' }, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await invoke(main, { action: 'me' }, { openid: 'o-bundle' })).toMatchObject({ ok: true, data: { bound: true, name: '王强' } });
    expect(await invoke(loadMain('course'), { action: 'list', pageSize: 100 }, { openid: 'o-bundle' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });

  it('loads exceljs from its shipped file when an export runs', async () => {
    await seedMember('o-bundle-admin', 'm-bundle-admin', { roles: [grant('admin')] });
    const exported = await invoke(loadMain('points'), { action: 'exportOrders', status: 'pending' }, { openid: 'o-bundle-admin' });
    expect(exported).toMatchObject({ ok: true, data: { rows: 0 } });
    const response = await fetch((exported as { data: { url: string } }).data.url);
    // An .xlsx file is a zip archive: it starts with the local file header "PK\x03\x04".
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    // jest transforms the 2.5 MB library file on first require: seconds on a busy 2-core machine.
  }, 60_000);
});
