/**
 * The local cloud runs each function on the Node its config.json `runtime` names (CloudBase's runtime names:
 * https://docs.cloudbase.net/cloud-function/runtime-support) and refuses to start one it cannot match: the
 * worker runs in the local cloud's own Node, so only the same major is honest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FunctionFailure } from '../../../emulator/functions';
import { esbuildTargetOf, nodeMajorOf, runtimeRefusal } from '../../../emulator/functions/runtime';
import { ROOT } from '../../../scripts/build';
import { functionEntries, FUNCTIONS_DIR, readFunctionConfig } from '../../../scripts/function-config';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

const major = Number(process.versions.node.split('.')[0]);
fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
const functionsDir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'runtime-test-'));

/** A function answering the Node version it runs on, declaring `runtime` (or nothing). */
function fixture(name: string, runtime?: string): void {
  fs.mkdirSync(path.join(functionsDir, name));
  fs.writeFileSync(path.join(functionsDir, name, 'index.js'), 'exports.main = async () => ({ node: process.versions.node });\n');
  fs.writeFileSync(path.join(functionsDir, name, 'config.json'), JSON.stringify({ timeout: 5, ...(runtime && { runtime }) }));
}

fixture('sameMajor', `Nodejs${major}.19`);
fixture('olderNode', 'Nodejs16.13');
fixture('python', 'Python3.9');
fixture('undeclared');

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir });
});

afterAll(async () => {
  await cloud.dispose();
  fs.rmSync(functionsDir, { recursive: true, force: true });
});

describe('runtime names', () => {
  it('reads the Node major and the esbuild target from CloudBase runtime names', () => {
    expect(nodeMajorOf('Nodejs20.19')).toBe(20);
    expect(nodeMajorOf('Nodejs16.13')).toBe(16);
    expect(nodeMajorOf('Python3.9')).toBeUndefined();
    expect(esbuildTargetOf('Nodejs20.19')).toBe('node20.19');
    expect(() => esbuildTargetOf('Go1')).toThrow(/not a CloudBase Node.js runtime/);
  });

  it('accepts the same major only', () => {
    expect(runtimeRefusal('f', 'Nodejs20.19', '20.20.2')).toBeUndefined();
    expect(runtimeRefusal('f', 'Nodejs18.15', '20.20.2')).toMatch(/declares runtime Nodejs18\.15 \(Node 18\), but the local cloud runs Node 20\.20\.2/);
    expect(runtimeRefusal('f', 'Nodejs20.19', '22.1.0')).toMatch(/runs Node 22\.1\.0/);
  });
});

describe('the declarations', () => {
  it('declare Node 20 (Nodejs20.19) for every function, the Node the repository runs on', () => {
    const runtimes = new Set(functionEntries().map(({ name }) => readFunctionConfig(path.join(FUNCTIONS_DIR, name)).runtime));
    expect([...runtimes]).toEqual(['Nodejs20.19']);
  });

  it("refuse a runtime name that is not on CloudBase's list", () => {
    const dir = path.join(functionsDir, 'typo');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ timeout: 5, runtime: 'Nodejs20' }));
    expect(() => readFunctionConfig(dir)).toThrow(
      /runtime Nodejs20 is not a CloudBase Node\.js runtime \(Nodejs16\.13, Nodejs18\.15, Nodejs20\.19, Nodejs22\.21, Nodejs24\.11\)/,
    );
  });
});

describe('the function host', () => {
  it('runs a function declaring this Node major, in this Node', async () => {
    const { result } = await cloud.functions.invoke('sameMajor', {});
    expect(result).toEqual({ node: process.versions.node });
  });

  it('refuses to start a function declaring another Node major, saying which and why', async () => {
    const failure = await cloud.functions.invoke('olderNode', {}).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(FunctionFailure);
    expect((failure as FunctionFailure).message).toBe(
      `function olderNode declares runtime Nodejs16.13 (Node 16), but the local cloud runs Node ${process.versions.node}: start it on Node 16 or change the runtime in the function's config.json`,
    );
    // Refused before any instance started.
    expect(cloud.functions.stats('olderNode')).toMatchObject({ invocations: 0, coldStarts: 0, instances: 0 });
  });

  it('refuses a function declaring a runtime that is not Node.js', async () => {
    await expect(cloud.functions.invoke('python', {})).rejects.toThrow(
      'function python declares runtime Python3.9, but the local cloud runs only Node.js functions',
    );
  });

  it('runs a function that declares no runtime (test fixtures) in this Node', async () => {
    await expect(cloud.functions.invoke('undeclared', {})).resolves.toMatchObject({ result: { node: process.versions.node } });
  });
});
