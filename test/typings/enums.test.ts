/**
 * Every enum of the contract is one `as const` array with its type derived from it, so schemas, types, labels
 * and pickers all read the same list: no `z.enum([...])` with values written in place, and no exported union
 * of string literals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { filesUnder, relativePosix } from '../helpers/files';

const ROOT = path.resolve(__dirname, '../../typings');

function offending(pattern: RegExp): string[] {
  return filesUnder(ROOT, '.ts').flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) ? [`${relativePosix(ROOT, file)}:${index + 1}  ${line.trim()}`] : [])),
  );
}

describe('contract enums', () => {
  it('have no values written in place in a schema', () => {
    expect(offending(/z\.enum\(\[/)).toEqual([]);
  });

  it('derive every exported string union from an array', () => {
    expect(offending(/^export type \w+ = '[^']*'( \| '[^']*')+;/)).toEqual([]);
  });

  it('name every union a document or view field takes', () => {
    expect(offending(/^\s+\w+\??: '[^']*'( \| '[^']*')+;/)).toEqual([]);
  });
});
