/**
 * The order jest hands test files to its workers: the longest first, so that both workers finish together
 * instead of one running a long file alone at the end (jest.config.js `testSequencer`,
 * https://jestjs.io/docs/configuration#testsequencer-string).
 *
 * Jest's own sequencer knows a file's duration only from its cache of earlier runs on this machine; without
 * one (a fresh clone, CI) it orders by file size, which puts short files with long races or a large seed
 * (the demo, the voting races) last. So a file's expected duration is, in order:
 * - the cache's (this machine's last run of the file);
 * - the one recorded in test/durations.json (`npx tsx scripts/test-durations.ts` writes it from a
 *   `jest --json` report);
 * - for a file that raises its timeout above the default (test/helpers/setup-node.ts), as files with large
 *   races and seeds do: that timeout at the recorded files' median ratio of duration to declared timeout;
 * - else its size at the recorded files' median seconds per byte.
 * Files that failed last time still run first, as jest does.
 */
const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = path.resolve(__dirname, '..');
const RECORDED = path.join(__dirname, 'durations.json');
/** Timeouts up to this are the default's or a test's small margin, no sign of a long file. */
const DEFAULT_TIMEOUT_MS = 30_000;

const relative = (file) => path.relative(ROOT, file).split(path.sep).join('/');

function source(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The longest timeout a file declares (`jest.setTimeout(n)`, or `n` closing a hook's or a test's call), if above the default. */
function declaredTimeout(text) {
  let longest = 0;
  for (const match of text.matchAll(/(?:jest\.setTimeout\(|\}\s*,\s*)(\d[\d_]*)\s*\)/g)) longest = Math.max(longest, Number(match[1].replaceAll('_', '')));
  return longest > DEFAULT_TIMEOUT_MS ? longest : null;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
}

class LongestFirst extends Sequencer {
  sort(tests) {
    const recorded = fs.existsSync(RECORDED) ? JSON.parse(fs.readFileSync(RECORDED, 'utf8')) : {};
    const facts = new Map(tests.map((test) => [test.path, { text: source(test.path) }]));
    for (const fact of facts.values()) fact.timeout = declaredTimeout(fact.text);
    const known = tests.filter((test) => recorded[relative(test.path)] !== undefined);
    const secondsPerByte = median(known.map((test) => recorded[relative(test.path)] / Math.max(1, facts.get(test.path).text.length))) ?? 1e-3;
    const secondsPerTimeoutMs =
      median(known.filter((test) => facts.get(test.path).timeout).map((test) => recorded[relative(test.path)] / facts.get(test.path).timeout)) ?? 1e-3;
    const expectedMs = (test) => {
      // As jest's own sort: the cached duration also tells jest whether a few quick files run in band.
      test.duration = this.time(test);
      if (test.duration !== undefined) return test.duration;
      const fact = facts.get(test.path);
      const seconds = recorded[relative(test.path)] ?? (fact.timeout ? fact.timeout * secondsPerTimeoutMs : fact.text.length * secondsPerByte);
      return seconds * 1000;
    };
    const keyed = tests.map((test) => ({ test, failed: this.hasFailed(test), ms: expectedMs(test) }));
    keyed.sort((a, b) => (a.failed !== b.failed ? (a.failed ? -1 : 1) : b.ms - a.ms || (a.test.path < b.test.path ? -1 : 1)));
    return keyed.map(({ test }) => test);
  }
}

module.exports = LongestFirst;
