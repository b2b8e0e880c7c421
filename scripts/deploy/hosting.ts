/**
 * The web console on the environment's static website hosting, through manager-node's `hosting` module
 * (https://docs.cloudbase.net/api-reference/manager/node/hosting): the built console (web/dist, served under
 * /console/, web/vite.config.ts) goes to the bucket under `console/`, with index.html carrying the
 * environment's runtime configuration (typings/console-config.ts), written here and never by hand.
 *
 * What manager-node sends (lib/hosting/index.js, lib/storage/index.js):
 * - `getInfo` / `enableService`: the CloudBase API's DescribeStaticStore
 *   (https://cloud.tencent.com/document/api/876/128129) and CreateStaticStore
 *   (https://cloud.tencent.com/document/api/876/42152). A new environment has hosting off; the deploy turns it
 *   on (it is a step of the plan, shown by --dry-run) and waits until it is online. CloudBase opens it only for
 *   pay-as-you-go environments (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/staticstorage/introduction.html):
 *   the API's refusal is reported as it comes.
 * - `listFiles`, `uploadFiles`, `deleteFiles`, `setWebsiteDocument`: COS's XML API on the hosting bucket
 *   (GET Bucket, PUT Object, DELETE Object, PUT Bucket website) with the deploy's own keys.
 *
 * A file is uploaded when the bucket lacks it or its ETag differs from the MD5 of the local file (a simple
 * upload's ETag, https://cloud.tencent.com/document/product/436/7749); every console file is far below the 5 MB
 * from which manager-node would upload in parts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import partition from 'lodash/partition';
import { withConsoleConfig, type ConsoleRuntimeConfig } from '../../typings/console-config';
import { CONSOLE_DIST } from '../build-console';
import type { HostedFile, HostingState, Step } from './plan';

/** Where the console lives in the bucket: the console is built for /console/ (web/vite.config.ts `base`). */
export const CONSOLE_PREFIX = 'console/';
/** The website's error document: the console's page, so a reload of any console route loads the console. */
export const CONSOLE_ERROR_DOCUMENT = `${CONSOLE_PREFIX}index.html`;

/** The part of manager-node's hosting module used here. */
export interface HostingManager {
  getInfo(): Promise<Array<{ Status: string; CdnDomain?: string; Bucket?: string }> | null | undefined>;
  enableService(): Promise<{ code: number }>;
  listFiles(): Promise<Array<{ Key: string; ETag?: string }>>;
  uploadFiles(options: {
    files: Array<{ localPath: string; cloudPath: string }>;
    parallel?: number;
    onFileFinish?: (error: unknown, data: unknown, file: { cloudFileKey?: string; Key?: string }) => void;
  }): Promise<unknown>;
  deleteFiles(options: { cloudPath: string; isDir: boolean }): Promise<{ Deleted: unknown[]; Error: unknown[] }>;
  getWebsiteConfig(): Promise<{ WebsiteConfiguration?: { ErrorDocument?: { Key?: string } } }>;
  setWebsiteDocument(options: { indexDocument: string; errorDocument: string }): Promise<unknown>;
}

const md5 = (content: Buffer) => crypto.createHash('md5').update(content).digest('hex');

/**
 * The console as the hosting should hold it: every built file (Vite's manifest, used only by the build's size
 * check, left out) with its MD5, index.html rewritten with `config` into a staging copy.
 */
export function readDeclaredHosting(config: ConsoleRuntimeConfig, dist = CONSOLE_DIST): HostingState {
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run npm run build first`);
  const files: HostedFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(dist, full).split(path.sep).join('/');
      if (rel === '.vite') continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push({ key: `${CONSOLE_PREFIX}${rel}`, md5: md5(fs.readFileSync(full)), localPath: full });
    }
  };
  walk(dist);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'weike-console-'));
  const index = Buffer.from(withConsoleConfig(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'), config));
  fs.writeFileSync(path.join(staging, 'index.html'), index);
  const indexKey = `${CONSOLE_PREFIX}index.html`;
  return {
    status: 'online',
    files: files
      .map((file) => (file.key === indexKey ? { key: indexKey, md5: md5(index), localPath: path.join(staging, 'index.html') } : file))
      .sort((a, b) => a.key.localeCompare(b.key)),
    errorDocument: CONSOLE_ERROR_DOCUMENT,
    prefix: CONSOLE_PREFIX,
  };
}

/** Statuses in which nothing can be done but wait, or ask CloudBase (manager-node lib/hosting/index.js HostingStatusMap). */
const BROKEN = new Set(['destroying', 'create_fail', 'destroy_fail']);

export async function describeHosting(hosting: HostingManager): Promise<HostingState> {
  // DescribeStaticStore (tcb)
  const [store] = (await hosting.getInfo()) ?? [];
  if (!store) return { status: 'absent', files: [], prefix: CONSOLE_PREFIX };
  if (BROKEN.has(store.Status))
    throw new Error(`静态网站托管状态为 ${store.Status}，无法部署控制台；请在云开发控制台 → 静态网站托管 查看（static website hosting is ${store.Status}）`);
  if (store.Status !== 'online') return { status: store.Status, files: [], prefix: CONSOLE_PREFIX };
  // GET Bucket (COS), 100 keys a page
  const listed = await hosting.listFiles();
  // GET Bucket website (COS)
  const website = await hosting.getWebsiteConfig();
  return {
    status: 'online',
    files: listed
      .filter((object) => object.Key.startsWith(CONSOLE_PREFIX) && !object.Key.endsWith('/'))
      .map((object) => ({ key: object.Key, md5: String(object.ETag ?? '').replace(/"/g, '') })),
    errorDocument: website.WebsiteConfiguration?.ErrorDocument?.Key || undefined,
    prefix: CONSOLE_PREFIX,
  };
}

const WAIT_ONLINE_MS = 10 * 60_000;

/**
 * Applies the plan's hosting steps in the order that keeps the site whole: enable (and wait until online),
 * upload every file but index.html, then index.html (so no page references an asset not yet there), set the
 * error document, and delete the files the build no longer has last. `done` is told of each finished step;
 * a failure throws with the steps not done.
 */
export async function applyHostingSteps(hosting: HostingManager, steps: Step[], done: (step: Step) => void): Promise<void> {
  const enable = steps.find((step) => step.kind === 'enableHosting');
  if (enable) {
    // CreateStaticStore (tcb); creation is asynchronous: DescribeStaticStore until online.
    await hosting.enableService();
    const until = Date.now() + WAIT_ONLINE_MS;
    for (;;) {
      const [store] = (await hosting.getInfo()) ?? [];
      if (store?.Status === 'online') break;
      if (store && BROKEN.has(store.Status)) throw new Error(`static website hosting did not come online: ${store.Status}`);
      if (Date.now() > until) throw new Error('static website hosting did not come online within 10 minutes; re-run the deploy later');
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    done(enable);
  }
  const uploads = steps.filter((step): step is Extract<Step, { kind: 'uploadHostingFile' }> => step.kind === 'uploadHostingFile');
  const isPage = (step: (typeof uploads)[number]) => step.file.key === CONSOLE_ERROR_DOCUMENT;
  const [files, pages] = partition(uploads, (step) => !isPage(step));
  for (const batch of [files, pages]) {
    if (batch.length === 0) continue;
    const byKey = new Map(batch.map((step) => [step.file.key, step]));
    // PUT Object (COS), a few at a time
    await hosting.uploadFiles({
      files: batch.map((step) => ({ localPath: step.file.localPath as string, cloudPath: step.file.key })),
      parallel: 8,
      onFileFinish: (error, _data, file) => {
        const step = byKey.get(String(file?.cloudFileKey ?? file?.Key ?? ''));
        if (!error && step) done(step);
      },
    });
  }
  for (const step of steps) {
    if (step.kind === 'setHostingErrorDocument') {
      // PUT Bucket website (COS)
      await hosting.setWebsiteDocument({ indexDocument: 'index.html', errorDocument: step.key });
      done(step);
    }
  }
  for (const step of steps) {
    if (step.kind !== 'deleteHostingFile') continue;
    // DELETE Object (COS)
    const result = await hosting.deleteFiles({ cloudPath: step.key, isDir: false });
    if (result.Error.length > 0) throw new Error(`deleting ${step.key} failed: ${String((result.Error[0] as Error)?.message ?? result.Error[0])}`);
    done(step);
  }
}
