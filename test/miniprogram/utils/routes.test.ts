/**
 * The route table (miniprogram/utils/routes.ts) is the app's one list of pages: it matches app.json page for
 * page, each route declares exactly the query names its page reads, and no other file writes a page path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROUTES, routeUrl, type RouteName } from '../../../miniprogram/utils/routes';
import { filesUnder, relativePosix } from '../../helpers/files';

const ROOT = path.join(__dirname, '../../../miniprogram');

interface AppJson {
  pages: string[];
  subpackages?: { root: string; pages: string[] }[];
}

function appPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as AppJson;
  const sub = (app.subpackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root.replace(/\/$/, '')}/${page}`));
  return [...app.pages, ...sub];
}

/** The query names a page's script reads from its onLoad (or readQuery) argument (`query.x`, `options?.x`, `query['x']`). */
function queryNamesRead(route: RouteName): string[] {
  const source = fs.readFileSync(path.join(ROOT, `${route}/index.ts`), 'utf8');
  // A page kind's readQuery (utils/loaded-page.ts, utils/form-page.ts) reads the query in place of onLoad.
  const argument = /(?:onLoad\(|readQuery(?:: \(|\())(\w+)/.exec(source)?.[1];
  if (!argument) return [];
  const read = new RegExp(`\\b${argument}\\??\\.(\\w+)|\\b${argument}\\[['"](\\w+)['"]\\]`, 'g');
  const names = [...source.matchAll(read)].map((match) => match[1] ?? match[2] ?? '');
  return [...new Set(names)].sort();
}

describe('the route table', () => {
  it('lists exactly the pages of app.json', () => {
    expect(
      Object.keys(ROUTES)
        .map((name) => `${name}/index`)
        .sort(),
    ).toEqual(appPages().sort());
  });

  it('declares the query names each page reads, and only those', () => {
    const mismatched = (Object.keys(ROUTES) as RouteName[])
      .map((name) => ({ name, declared: [...ROUTES[name]].sort(), read: queryNamesRead(name) }))
      .filter(({ name, declared, read }) => {
        // The share landing page reads its query through utils/share.ts (shareTokenOf), not by name.
        if (name === 'pages/share') return false;
        return JSON.stringify(declared) !== JSON.stringify(read);
      });
    expect(mismatched).toEqual([]);
  });

  it('is the only place a page path is written', () => {
    const pagePath = /['"`]\/?(pages|package[A-Za-z]+)\/[\w-]+\/index/;
    const found = [...filesUnder(ROOT, '.ts', ['miniprogram_npm']), ...filesUnder(ROOT, '.wxml', ['miniprogram_npm'])]
      .map((file) => relativePosix(ROOT, file))
      .filter((file) => file !== 'utils/routes.ts')
      .flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (pagePath.test(line) ? [`${file}:${index + 1}  ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it('builds URLs with encoded values and without empty ones', () => {
    expect(routeUrl('packageCourse/catalogue', { keyword: '安全 规程&', category: '' })).toBe(
      '/packageCourse/catalogue/index?keyword=%E5%AE%89%E5%85%A8%20%E8%A7%84%E7%A8%8B%26',
    );
    expect(routeUrl('packageContest/entries', { contestId: 'c1', roundId: undefined })).toBe('/packageContest/entries/index?contestId=c1');
    expect(routeUrl('pages/learn')).toBe('/pages/learn/index');
  });
});
