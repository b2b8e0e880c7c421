/**
 * Which WeChat open APIs (云调用) each built function calls, against what its `config.json` declares in
 * `permissions.openapi`. CloudBase lets a function call only the APIs it declares; an undeclared call fails
 * at run time with -604101 "function has no permission to call this API"
 * (https://developers.weixin.qq.com/doc/oplatform/developers/dev/cloudCall.html,
 * https://docs.cloudbase.net/en/faq/knowledge/cloud-call-604101-permission-error). Reading the bundles
 * (what is deployed) rather than the sources catches a helper that reaches a function through an import.
 *
 * `npx tsx scripts/openapi-permissions.ts` prints the problems and exits 1 when there are any; the test
 * test/build/openapi-permissions.test.ts runs the same check in `npm test`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS_DIR, functionEntries } from './build';

/** `openapi.<category>.<method>(` with any spacing, line breaks or optional chaining esbuild may emit. */
const CALL = /\bopenapi\s*\??\.\s*([A-Za-z_$][\w$]*)\s*\??\.\s*([A-Za-z_$][\w$]*)\s*(?:\?\.\s*)?\(/g;
const ANY_USE = /\bopenapi\b/g;

export interface OpenApiScan {
  /** API names (`category.method`) called, sorted. */
  calls: string[];
  /** Uses of `openapi` that are not a plain call (destructuring, computed access, aliasing): unreadable, so refused. */
  unrecognised: string[];
}

/** The open APIs a bundle's source calls. */
export function scanOpenApiCalls(source: string): OpenApiScan {
  const calls = new Set<string>();
  const recognised = new Set<number>();
  for (const match of source.matchAll(CALL)) {
    calls.add(`${match[1]}.${match[2]}`);
    recognised.add(match.index ?? -1);
  }
  const unrecognised: string[] = [];
  for (const match of source.matchAll(ANY_USE)) {
    const at = match.index ?? 0;
    if (recognised.has(at)) continue;
    const line = source.slice(source.lastIndexOf('\n', at) + 1, source.indexOf('\n', at) === -1 ? undefined : source.indexOf('\n', at));
    unrecognised.push(line.trim().slice(0, 160));
  }
  return { calls: [...calls].sort(), unrecognised };
}

/** `permissions.openapi` of a function's config.json (empty when missing). */
export function declaredOpenApis(functionDir: string): string[] {
  const file = path.join(functionDir, 'config.json');
  if (!fs.existsSync(file)) return [];
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: unknown } };
  const list = config.permissions?.openapi ?? [];
  if (!Array.isArray(list) || list.some((name) => typeof name !== 'string')) throw new Error(`${file}: permissions.openapi must be an array of API names`);
  return [...(list as string[])].sort();
}

export interface PermissionReport {
  name: string;
  calls: string[];
  declared: string[];
  /** Called but not declared: fails on CloudBase with -604101. */
  undeclared: string[];
  /** Declared but never called: a permission the function does not need. */
  unused: string[];
  unrecognised: string[];
}

/** One report per function that has an entry, from its built `index.js` and its `config.json`. */
export function checkOpenApiPermissions(functionsDir = FUNCTIONS_DIR): PermissionReport[] {
  return functionEntries(functionsDir).map(({ name }) => {
    const dir = path.join(functionsDir, name);
    const bundle = path.join(dir, 'index.js');
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
    const { calls, unrecognised } = scanOpenApiCalls(fs.readFileSync(bundle, 'utf8'));
    const declared = declaredOpenApis(dir);
    return {
      name,
      calls,
      declared,
      undeclared: calls.filter((api) => !declared.includes(api)),
      unused: declared.filter((api) => !calls.includes(api)),
      unrecognised,
    };
  });
}

/** Human-readable problems, one a line; empty when every function declares exactly what it calls. */
export function permissionProblems(reports: readonly PermissionReport[]): string[] {
  const problems: string[] = [];
  for (const report of reports) {
    const where = `cloudfunctions/${report.name}`;
    for (const api of report.undeclared) problems.push(`${where} calls openapi.${api} but its config.json does not declare "${api}" in permissions.openapi`);
    for (const api of report.unused) problems.push(`${where}/config.json declares "${api}" in permissions.openapi but the function never calls it`);
    for (const line of report.unrecognised)
      problems.push(`${where} uses openapi in a way the check cannot read (call openapi.<category>.<method>(...) directly): ${line}`);
  }
  return problems;
}

if (require.main === module) {
  const problems = permissionProblems(checkOpenApiPermissions());
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log('every function declares the open APIs it calls');
}
