/**
 * A local cloud started empty, and `npm run deploy -- --env local` run against it as a separate process,
 * as a developer runs it (scripts/deploy.ts through @cloudbase/manager-node; bundled once per test file,
 * test/helpers/scripts.ts). The deploy trusts the local cloud's certificate authority for the SCF tunnel
 * through NODE_EXTRA_CA_CERTS, as the script itself arranges when run by hand. Needs the built functions
 * (npm run build).
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir, startTestCloud, type TestCloud } from './local-cloud';
import { useBundledScripts, type BundledScripts } from './scripts';
import { sdkEnv } from '../../emulator/sdk-env';

export interface DeployRun {
  code: number;
  output: string;
  ms: number;
}

/** Runs the deploy command against `cloud` with `args` after `--env local --skip-build`. */
async function runDeploy(
  scripts: BundledScripts,
  cloud: Pick<TestCloud, 'url' | 'dataDir'>,
  args: string[] = [],
  options: { env?: Record<string, string>; onOutput?: (output: string) => void } = {},
): Promise<DeployRun> {
  const ca = path.join(cloud.dataDir, 'deploy-ca.pem');
  if (!fs.existsSync(ca)) fs.writeFileSync(ca, await (await fetch(`${cloud.url}/management/ca.pem`)).text());
  // The test process carries the wx-server-sdk variables (startTestCloud): the deploy gets a clean copy.
  const env: Record<string, string | undefined> = { ...process.env, WEIKE_LOCAL_CLOUD_URL: cloud.url, NODE_EXTRA_CA_CERTS: ca, ...options.env };
  for (const key of Object.keys(sdkEnv(cloud.url))) delete env[key];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = scripts.spawn('deploy.ts', ['--env', 'local', '--skip-build', ...args], env);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      options.onOutput?.(output);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output, ms: Date.now() - started }));
  });
}

/** An empty local cloud with everything the repository declares deployed into it. */
async function startDeployedCloud(scripts: BundledScripts): Promise<TestCloud & { firstDeploy: DeployRun }> {
  const cloud = await startTestCloud({ empty: true, dataDir: makeTempDir('weike-deployed-') });
  const firstDeploy = await runDeploy(scripts, cloud);
  if (firstDeploy.code !== 0) {
    await cloud.dispose();
    throw new Error(`deploy into the empty local cloud failed:\n${firstDeploy.output}`);
  }
  return Object.assign(cloud, { firstDeploy });
}

export interface Deployer {
  /** Runs the deploy command against `cloud` with `args` after `--env local --skip-build`. */
  runDeploy(cloud: Pick<TestCloud, 'url' | 'dataDir'>, args?: string[], options?: Parameters<typeof runDeploy>[3]): Promise<DeployRun>;
  /** An empty local cloud with everything the repository declares deployed into it. */
  startDeployedCloud(): Promise<TestCloud & { firstDeploy: DeployRun }>;
}

/** The deploy command for the file's hooks and tests (registered after this call): bundled before them, removed after. */
export function useDeploy(): Deployer {
  const scripts = useBundledScripts(['deploy.ts']);
  return {
    runDeploy: (cloud, args, options) => runDeploy(scripts, cloud, args, options),
    startDeployedCloud: () => startDeployedCloud(scripts),
  };
}
