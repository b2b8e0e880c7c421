/**
 * A deploy cut off part-way (the environment stops answering in the middle) reports what it did and what it
 * did not, exits non-zero, and running the same command again finishes the job; a third run has nothing to do.
 */
import { startLocalCloud, type LocalCloud } from '../../emulator/server';
import { useDeploy } from '../helpers/deployed-cloud';
import { makeTempDir } from '../helpers/local-cloud';
import fs from 'node:fs';

const { runDeploy } = useDeploy();
const dataDir = makeTempDir('weike-deploy-resume-');
let cloud: LocalCloud | undefined;

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('an interrupted deploy says what was and was not done, and a re-run finishes it', async () => {
  cloud = await startLocalCloud({ empty: true, dataDir, port: 0 });
  const running = cloud;
  let cut: Promise<void> | undefined;
  // Stop the environment once a few indexes are in: the rest of the database steps and every function fail.
  const first = await runDeploy({ url: running.url, dataDir }, [], {
    onOutput: (output) => {
      if (!cut && (output.match(/done {2}create index/g) ?? []).length >= 5) cut = running.close();
    },
  });
  await cut;
  expect(first.code).toBe(1);
  expect(first.output).toMatch(/done {2}create collection/);
  expect(first.output).toContain('部署未完成（deploy incomplete）');
  expect(first.output).toMatch(/not attempted/);
  expect(first.output).toContain('重新运行同一命令即可完成剩余步骤');

  cloud = await startLocalCloud({ empty: true, dataDir, port: 0 });
  const second = await runDeploy({ url: cloud.url, dataDir });
  expect(second.code).toBe(0);
  expect(second.output).not.toMatch(/create collection pointsAccounts\b/);
  expect(second.output).toMatch(/(\d+) of \1 steps done/);

  const third = await runDeploy({ url: cloud.url, dataDir });
  expect(third.code).toBe(0);
  expect(third.output).toContain('Nothing to do');
}, 120_000);
