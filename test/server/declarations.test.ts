/**
 * The database declarations used by deploy (database/README.md) and by the local cloud: every collection
 * the server code uses is declared with its indexes and with a rule that denies all client access.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../server/core';
import { memberId } from '../../server/roster';
import { filesUnder } from '../helpers/files';

const ROOT = path.resolve(__dirname, '../..');

interface IndexDeclaration {
  name: string;
  keys: Record<string, number>;
  unique?: boolean;
}

const declared = JSON.parse(fs.readFileSync(path.join(ROOT, 'database/collections.json'), 'utf8')) as {
  collections: { name: string; indexes: IndexDeclaration[] }[];
};
const rules = JSON.parse(fs.readFileSync(path.join(ROOT, 'database/security-rules.json'), 'utf8')) as Record<string, unknown>;
const declaredNames = declared.collections.map((collection) => collection.name);

const sourceFiles = (dir: string): string[] => filesUnder(dir, '.ts');

/**
 * Collection names written in server code: literals passed to `.collection(...)`, and the values of
 * `*COLLECTIONS = { ... }` name maps (the convention for naming collections once).
 */
function collectionsUsedInServer(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(path.join(ROOT, 'server'))) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(ROOT, file);
    for (const match of text.matchAll(/\.collection\(\s*['"`]([^'"`]+)['"`]/g)) used.set(match[1] as string, where);
    for (const map of text.matchAll(/[A-Z_]*COLLECTIONS\s*(?::[^=]+)?=\s*\{([^}]*)\}/g)) {
      for (const value of (map[1] as string).matchAll(/:\s*['"`]([^'"`]+)['"`]/g)) used.set(value[1] as string, where);
    }
  }
  return used;
}

describe('database/collections.json', () => {
  it('declares each collection once, with well-formed indexes', () => {
    expect(new Set(declaredNames).size).toBe(declaredNames.length);
    for (const collection of declared.collections) {
      expect(collection.name).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      const indexNames = collection.indexes.map((index) => index.name);
      expect(new Set(indexNames).size).toBe(indexNames.length);
      for (const index of collection.indexes) {
        expect(Object.keys(index).every((key) => ['name', 'keys', 'unique'].includes(key))).toBe(true);
        expect(Object.keys(index.keys).length).toBeGreaterThan(0);
        expect(Object.values(index.keys).every((direction) => direction === 1 || direction === -1)).toBe(true);
        if (index.unique !== undefined) expect(typeof index.unique).toBe('boolean');
      }
    }
  });

  it('indexes employee numbers without a unique constraint: the member id carries the uniqueness', () => {
    // A MongoDB unique index treats a missing field as null, so a second external partner (no employee
    // number) would be refused. Roster members have `_id` `m:<employeeNo>` (server/roster/plan.ts), which the
    // database keeps unique, so one employee number can never make two members.
    const members = declared.collections.find((collection) => collection.name === 'members');
    expect(members?.indexes).toContainEqual({ name: 'employeeNo_1', keys: { employeeNo: 1 } });
    expect(memberId('E10001')).toBe('m:E10001');
  });

  it('declares every collection the server code names', () => {
    const used = collectionsUsedInServer();
    for (const name of Object.values(COLLECTIONS)) expect(used.has(name)).toBe(true);
    const undeclared = [...used].filter(([name]) => !declaredNames.includes(name)).map(([name, file]) => `${name} (${file})`);
    expect(undeclared).toEqual([]);
  });
});

describe('database/security-rules.json', () => {
  it('gives exactly the declared collections a rule', () => {
    expect(Object.keys(rules).sort()).toEqual([...declaredNames].sort());
  });

  it('denies every client read and write', () => {
    // Security rules are JSON { read, write } per collection and bind clients only, not cloud functions:
    // https://www.tencentcloud.com/document/product/1266/71681
    for (const name of declaredNames) expect(rules[name]).toEqual({ read: false, write: false });
  });
});
