/**
 * The order jest runs test files in (test/sequencer.js): on a machine without jest's cache, as on a fresh
 * clone, the files recorded in test/durations.json run longest first, and a file that declares a long
 * timeout runs before short files nobody recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// CommonJS, as jest loads a sequencer (jest.config.js).
const LongestFirst = require('../sequencer') as new (options: object) => { sort<T>(tests: T[]): T[] };

const ROOT = path.resolve(__dirname, '../..');
const recorded = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'durations.json'), 'utf8')) as Record<string, number>;

function order(files: string[]): string[] {
  const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-sequencer-'));
  try {
    const context = { config: { cacheDirectory, name: 'fresh-clone' }, hasteFS: { getSize: () => 0 } };
    const tests = files.map((file) => ({ path: path.join(ROOT, file), context }));
    const sequencer = new LongestFirst({ contexts: [context], globalConfig: {} });
    return sequencer.sort(tests).map((test) => path.relative(ROOT, test.path).split(path.sep).join('/'));
  } finally {
    fs.rmSync(cacheDirectory, { recursive: true, force: true });
  }
}

test('without a cache, recorded files run longest first', () => {
  const files = Object.keys(recorded);
  expect(files.length).toBeGreaterThan(10);
  const seconds = order(files).map((file) => recorded[file] as number);
  expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
});

test('an unrecorded file that declares a long timeout runs before a larger unrecorded file that does not', () => {
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.sequencer-'));
  try {
    const long = path.relative(ROOT, path.join(dir, 'long.test.ts'));
    const large = path.relative(ROOT, path.join(dir, 'large.test.ts'));
    fs.writeFileSync(path.join(ROOT, long), "jest.setTimeout(600_000);\ntest('a crowd', async () => {});\n");
    fs.writeFileSync(path.join(ROOT, large), `test('many quick cases', () => {\n${'  expect(1).toBe(1);\n'.repeat(400)}});\n`);
    const sorted = order([...Object.keys(recorded), large, long]);
    expect(sorted.indexOf(long)).toBeLessThan(sorted.indexOf(large));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
