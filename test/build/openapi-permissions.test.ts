/**
 * Every open API (云调用) a function's bundle calls is declared in its config.json `permissions.openapi`, and
 * nothing more: CloudBase refuses an undeclared call with -604101
 * (https://developers.weixin.qq.com/doc/oplatform/developers/dev/cloudCall.html). Reads the bundles that
 * `npm run build` wrote to cloudfunctions/ (npm test builds first).
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkOpenApiPermissions, permissionProblems, scanOpenApiCalls } from '../../scripts/openapi-permissions';
import { FUNCTION_NAMES } from '../../server/functions';
import { makeTempDir } from '../helpers/local-cloud';

describe('open-API permissions of the built functions', () => {
  it('declares exactly the open APIs each bundle calls', () => {
    const reports = checkOpenApiPermissions();
    expect(reports.map((report) => report.name)).toEqual([...FUNCTION_NAMES].sort());
    expect(permissionProblems(reports)).toEqual([]);
  });

  it('finds the text check in every function that publishes member text', () => {
    const calls = Object.fromEntries(checkOpenApiPermissions().map((report) => [report.name, report.calls]));
    for (const name of ['authoring', 'campaign', 'contest', 'course']) expect(calls[name]).toContain('security.msgSecCheck');
    expect(calls.share).toContain('wxacode.getUnlimited');
    expect(calls.campaignReminder).toContain('subscribeMessage.send');
  });
});

describe('the open-API scan', () => {
  it('reads calls however esbuild lays them out', () => {
    const source = [
      'const a = await cloud.openapi.security.msgSecCheck({ content });',
      'await job.cloud.openapi\n    .subscribeMessage\n    .send({});',
      'x = sdk.openapi?.wxacode?.getUnlimited?.({ scene });',
      'const b = cloud.openapi.security.msgSecCheck({ other });',
    ].join('\n');
    expect(scanOpenApiCalls(source)).toEqual({ calls: ['security.msgSecCheck', 'subscribeMessage.send', 'wxacode.getUnlimited'], unrecognised: [] });
  });

  it('refuses uses it cannot read instead of missing them', () => {
    const { calls, unrecognised } = scanOpenApiCalls('const { security } = cloud.openapi;\nconst api = cloud.openapi["wxacode"];');
    expect(calls).toEqual([]);
    expect(unrecognised).toEqual(['const { security } = cloud.openapi;', 'const api = cloud.openapi["wxacode"];']);
  });

  it('fails on a synthetic bundle that calls an undeclared API, and flags a declared one never called', () => {
    const dir = makeTempDir('weike-openapi-');
    try {
      const write = (name: string, bundle: string, config: object) => {
        fs.mkdirSync(path.join(dir, name));
        fs.writeFileSync(path.join(dir, name, 'entry.ts'), '');
        fs.writeFileSync(path.join(dir, name, 'index.js'), bundle);
        fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify(config));
      };
      write('honest', 'exports.main = () => cloud.openapi.security.msgSecCheck({});', { permissions: { openapi: ['security.msgSecCheck'] } });
      write('sneaky', 'exports.main = async () => { await cloud.openapi.security.msgSecCheck({}); await cloud.openapi.wxacode.getUnlimited({}); };', {
        permissions: { openapi: ['security.msgSecCheck'] },
      });
      write('bloated', 'exports.main = () => 1;', { permissions: { openapi: ['subscribeMessage.send'] } });
      write('bare', 'exports.main = () => cloud.openapi.security.imgSecCheck({});', { timeout: 5 });
      expect(permissionProblems(checkOpenApiPermissions(dir))).toEqual([
        'cloudfunctions/bare calls openapi.security.imgSecCheck but its config.json does not declare "security.imgSecCheck" in permissions.openapi',
        'cloudfunctions/bloated/config.json declares "subscribeMessage.send" in permissions.openapi but the function never calls it',
        'cloudfunctions/sneaky calls openapi.wxacode.getUnlimited but its config.json does not declare "wxacode.getUnlimited" in permissions.openapi',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
