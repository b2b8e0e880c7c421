/** Source files for the tests that read the tree itself (layout, declarations, styles, limits). */
import fs from 'node:fs';
import path from 'node:path';

/** Absolute paths of the files under `dir` whose names end with `extension`, skipping folders named in `skip`. */
export function filesUnder(dir: string, extension: string, skip: readonly string[] = []): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip.includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, extension, skip);
    return entry.name.endsWith(extension) ? [full] : [];
  });
}

/** `file` relative to `root`, with forward slashes whatever the platform. */
export const relativePosix = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');
