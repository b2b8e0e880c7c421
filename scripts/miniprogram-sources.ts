/**
 * Reading the mini-program's own sources as WeChat's build sees them, for the scripts that check, size and
 * build it (check-miniprogram, package-size, build-miniprogram-npm).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Where the npm build puts the app's packages, beside the sources. */
export const NPM_DIR = 'miniprogram_npm';

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** The project's own files with an extension (posix paths relative to `root`), without vendored npm output. */
export function sourceFiles(root: string, ext: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === NPM_DIR || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(ext)) found.push(toPosix(path.relative(root, full)));
    }
  };
  walk(root);
  return found.sort();
}

/** Import specifiers a script loads at run time: `import … from`, `export … from`, bare `import`, `require()`; type-only imports are erased. */
export function scriptImports(text: string): string[] {
  // Examples in comments are not imports.
  const source = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const statement = /\b(import|export)\s*(type\b)?\s*([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(statement)) {
    if (match[2]) continue;
    const clause = match[3].trim();
    // `import { type A, type B } from` is erased too.
    const names = /^\{([^}]*)\}$/
      .exec(clause)?.[1]
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    if (names && names.length > 0 && names.every((name) => name.startsWith('type '))) continue;
    found.push(match[4]);
  }
  for (const match of source.matchAll(/(?:^|[;\n}])\s*import\s*['"]([^'"]+)['"]/g)) found.push(match[1]);
  for (const match of source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]);
  return found;
}
