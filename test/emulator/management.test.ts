/**
 * The management API of an empty local cloud (emulator/management), called the way the Tencent Cloud API
 * is: signed JSON POSTs with X-TC-Action / X-TC-Version, answers `{Response: ...}`. The deploy's own use of it
 * through @cloudbase/manager-node is test/e2e/deploy.test.ts.
 */
import http from 'node:http';
import tls from 'node:tls';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';

let cloud: TestCloud;
let declared: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ empty: true });
  declared = await startTestCloud();
});

afterAll(async () => {
  await cloud?.dispose();
  await declared?.dispose();
});

const signature = (service: string) =>
  `TC3-HMAC-SHA256 Credential=AKIDlocal/2026-12-06/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${'0'.repeat(64)}`;

async function tcb(
  action: string,
  params: object,
  headers: Record<string, string> = {},
  base = cloud.url,
): Promise<{ status: number; body: { Response: Record<string, any> } }> {
  const res = await fetch(`${base}/management/tcb`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tc-action': action, 'x-tc-version': '2018-06-08', authorization: signature('tcb'), ...headers },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as { Response: Record<string, any> } };
}

test('an empty environment has no collections; CreateTable makes one, a second time is refused', async () => {
  expect(cloud.database.collections()).toEqual([]);
  expect((await tcb('CreateTable', { EnvId: 'local', TableName: 'people' })).body.Response.Error).toBeUndefined();
  expect((await tcb('CreateTable', { EnvId: 'local', TableName: 'people' })).body.Response.Error.Code).toBe('ResourceInUse');
  const list = (await tcb('ListTables', { EnvId: 'local', MgoLimit: 100, MgoOffset: 0 })).body.Response;
  expect(list.Tables.map((t: { TableName: string }) => t.TableName)).toEqual(['people']);
  expect(typeof list.RequestId).toBe('string');
});

test('requests without a TC3 signature for the service, of another version, or of an unknown action are refused', async () => {
  expect((await tcb('ListTables', {}, { authorization: 'Bearer x' })).body.Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  expect((await tcb('ListTables', {}, { authorization: signature('scf') })).body.Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  expect((await tcb('ListTables', {}, { 'x-tc-version': '2017-01-01' })).body.Response.Error.Code).toBe('InvalidParameterValue');
  expect((await tcb('DestroyEnv', { EnvId: 'local' })).body.Response.Error.Code).toBe('InvalidAction');
  expect((await tcb('DescribeSafeRule', { EnvId: 'other', CollectionName: 'people' })).body.Response.Error.Code).toBe('ResourceNotFound');
});

test('a unique index over repeated keys is refused and leaves nothing; one over distinct keys then refuses a duplicate', async () => {
  await tcb('CreateTable', { EnvId: 'local', TableName: 'badges' });
  cloud.database.insertDocuments('badges', [
    { _id: 'a', no: 1 },
    { _id: 'b', no: 1 },
  ]);
  const unique = { IndexName: 'no_1', MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'no', Direction: '1' }] } };
  const refused = (await tcb('UpdateTable', { EnvId: 'local', TableName: 'badges', CreateIndexes: [unique] })).body.Response;
  expect(refused.Error.Code).toBe('InvalidParameter');
  expect(cloud.database.management.indexes('badges')).toEqual([]);

  await tcb('CreateTable', { EnvId: 'local', TableName: 'codes' });
  expect((await tcb('UpdateTable', { EnvId: 'local', TableName: 'codes', CreateIndexes: [unique] })).body.Response.Error).toBeUndefined();
  const described = (await tcb('DescribeTable', { EnvId: 'local', TableName: 'codes' })).body.Response;
  expect(described.Indexes.map((i: { Name: string; Unique: boolean }) => [i.Name, i.Unique])).toEqual([
    ['_id_', true],
    ['no_1', true],
  ]);
  cloud.database.insertDocuments('codes', [{ _id: 'x', no: 7 }]);
  expect(() => cloud.database.insertDocuments('codes', [{ _id: 'y', no: 7 }])).toThrow();
  expect((await tcb('UpdateTable', { EnvId: 'local', TableName: 'codes', DropIndexes: [{ IndexName: 'no_1' }] })).body.Response.Error).toBeUndefined();
  cloud.database.insertDocuments('codes', [{ _id: 'y', no: 7 }]);
});

test('rules: a collection rule must be a JSON object; the storage rule is enforced at once', async () => {
  expect((await tcb('ModifySafeRule', { EnvId: 'local', CollectionName: 'people', AclTag: 'CUSTOM', Rule: 'read: true' })).body.Response.Error.Code).toBe(
    'InvalidParameterValue',
  );
  await tcb('ModifySafeRule', { EnvId: 'local', CollectionName: 'people', AclTag: 'CUSTOM', Rule: '{"read":false,"write":false}' });
  expect((await tcb('DescribeSafeRule', { EnvId: 'local', CollectionName: 'people' })).body.Response).toMatchObject({
    AclTag: 'CUSTOM',
    Rule: '{"read":false,"write":false}',
  });
  expect(cloud.storage.rules).toEqual({});
  expect(
    (await tcb('ModifyStorageSafeRule', { EnvId: 'local', AclTag: 'CUSTOM', Rule: '{"read":"auth != null ||","write":false}' })).body.Response.Error.Code,
  ).toBe('InvalidParameterValue');
  await tcb('ModifyStorageSafeRule', { EnvId: 'local', AclTag: 'CUSTOM', Rule: '{"read":"auth != null","write":false}' });
  expect(cloud.storage.rules).toEqual({ read: 'auth != null', write: false });
});

/** One SCF call through a CONNECT tunnel, trusting the local cloud's authority (as NODE_EXTRA_CA_CERTS does). */
function scf(action: string, params: object, target = 'scf.tencentcloudapi.com:443'): Promise<{ status: number; body?: { Response: Record<string, any> } }> {
  const url = new URL(cloud.url);
  return new Promise((resolve, reject) => {
    const connect = http.request({ host: url.hostname, port: url.port, method: 'CONNECT', path: target });
    connect.on('connect', async (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0 });
        return;
      }
      const ca = await (await fetch(`${cloud.url}/management/ca.pem`)).text();
      const secure = tls.connect({ socket, servername: 'scf.tencentcloudapi.com', ca });
      const body = JSON.stringify(params);
      const req = http.request(
        {
          createConnection: () => secure,
          method: 'POST',
          path: '/',
          headers: {
            host: 'scf.tencentcloudapi.com',
            'content-type': 'application/json',
            'x-tc-action': action,
            'x-tc-version': '2018-04-16',
            authorization: signature('scf'),
            'content-length': Buffer.byteLength(body),
          },
        },
        (answer) => {
          let text = '';
          answer.on('data', (chunk: Buffer) => (text += chunk.toString()));
          answer.on('end', () => {
            secure.destroy();
            resolve({ status: answer.statusCode ?? 0, body: JSON.parse(text) as { Response: Record<string, any> } });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    connect.on('error', reject);
    connect.end();
  });
}

test('SCF actions answer inside a verified TLS tunnel to scf.tencentcloudapi.com; other tunnels are refused', async () => {
  const missing = await scf('GetFunction', { FunctionName: 'nope', Namespace: 'local' });
  expect(missing.body?.Response.Error.Code).toBe('ResourceNotFound.Function');
  const bad = await scf('CreateFunction', {
    FunctionName: 'broken',
    Namespace: 'local',
    Runtime: 'Nodejs20.19',
    Code: { ZipFile: Buffer.from('not a zip').toString('base64') },
  });
  expect(bad.body?.Response.Error.Code).toBe('InvalidParameterValue.ZipFile');
  expect((await scf('GetFunction', { FunctionName: 'broken', Namespace: 'local' })).body?.Response.Error.Code).toBe('ResourceNotFound.Function');
  expect((await scf('GetFunction', {}, 'example.com:443')).status).toBe(403);
});

test('CreateFunction takes CloudBase Node.js runtimes only (https://docs.cloudbase.net/cloud-function/runtime-support)', async () => {
  for (const runtime of ['Nodejs16.13', 'Nodejs20.19']) {
    const answer = await scf('CreateFunction', {
      FunctionName: 'broken',
      Namespace: 'local',
      Runtime: runtime,
      Code: { ZipFile: Buffer.from('not a zip').toString('base64') },
    });
    // Past the runtime check: refused for its code.
    expect(answer.body?.Response.Error.Code).toBe('InvalidParameterValue.ZipFile');
  }
  for (const runtime of ['Nodejs20', 'Nodejs21.1', 'Python3.9']) {
    const answer = await scf('CreateFunction', {
      FunctionName: 'wrongRuntime',
      Namespace: 'local',
      Runtime: runtime,
      Code: { ZipFile: Buffer.from('not a zip').toString('base64') },
    });
    expect(answer.body?.Response.Error).toEqual({
      Code: 'InvalidParameterValue.Runtime',
      Message: expect.stringContaining(`runtime ${runtime} is not one of Nodejs16.13`),
    });
  }
  expect((await scf('GetFunction', { FunctionName: 'wrongRuntime', Namespace: 'local' })).body?.Response.Error.Code).toBe('ResourceNotFound.Function');
});

test('a local cloud started with the declarations serves no management API', async () => {
  const res = await tcb('ListTables', {}, {}, declared.url);
  expect(res.status).toBe(404);
});
