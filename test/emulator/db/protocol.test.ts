/**
 * Malformed protocol requests answer CloudBase-shaped errors (`{ code, message, requestId }`) and leave the
 * server and the data intact. Undocumented by CloudBase: codes chosen are INVALID_PARAM for malformed input
 * and DATABASE_REQUEST_FAILED for what the database refuses (unknown operators, duplicate `_id`).
 */
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ collections: [{ name: 'x' }, { name: 'keep' }] });
});
afterAll(() => cloud.dispose());

async function post(body: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${cloud.url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return (await res.json()) as Record<string, unknown>;
}
const action = (name: string, params: Record<string, unknown>) => post(JSON.stringify({ ...params, action: name, envName: 'local' }));

test.each<[string, () => Promise<Record<string, unknown>>, string]>([
  ['bad JSON', () => post('{"action":'), 'INVALID_PARAM'],
  ['missing action', () => post('{"collectionName":"x"}'), 'INVALID_PARAM'],
  ['unknown collection operation', () => action('database.dropCollection', { collectionName: 'x' }), 'INVALID_ACTION'],
  ['bad EJSON query', () => action('database.getDocument', { collectionName: 'x', query: '{"a":' }), 'INVALID_PARAM'],
  ['query that is not an object', () => action('database.getDocument', { collectionName: 'x', query: '[1]' }), 'INVALID_PARAM'],
  ['unknown query operator', () => action('database.getDocument', { collectionName: 'x', query: '{"a":{"$nope":1}}' }), 'DATABASE_REQUEST_FAILED'],
  [
    'unknown update operator',
    () => action('database.modifyDocument', { collectionName: 'x', query: '{}', data: '{"$nope":{"a":1}}', multi: true }),
    'DATABASE_REQUEST_FAILED',
  ],
  ['bad collection name', () => action('database.getDocument', { collectionName: '../x' }), 'INVALID_PARAM'],
  ['wrong limit type', () => action('database.getDocument', { collectionName: 'x', limit: 'ten' }), 'INVALID_PARAM'],
  ['insert data not a list', () => action('database.insertDocument', { collectionName: 'x', data: '{"a":1}' }), 'INVALID_PARAM'],
  ['unknown transaction', () => action('database.commitTransaction', { transactionId: 'nope' }), 'INVALID_PARAM'],
  ['$where scripts are refused', () => action('database.getDocument', { collectionName: 'x', query: '{"$where":"true"}' }), 'DATABASE_REQUEST_FAILED'],
])('%s answers a CloudBase-shaped error', async (_name, send, code) => {
  const answer = await send();
  expect(answer).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  expect(answer.data).toBeUndefined();
});

test('a duplicate _id is refused and the server keeps its data and keeps working', async () => {
  const insert = () => action('database.insertDocument', { collectionName: 'keep', data: ['{"_id":"k1","v":{"$numberInt":"1"}}'] });
  expect(await insert()).toMatchObject({ data: { insertedIds: ['k1'] } });
  expect(await insert()).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('duplicate key') });
  const answer = await action('database.getDocument', { collectionName: 'keep', query: '{}' });
  expect(answer).toMatchObject({ data: { list: [expect.stringContaining('"k1"')] } });
  expect((answer.data as { list: string[] }).list).toHaveLength(1);
});
