/** The local cloud counts the protocol actions it serves, so tests and benchmarks can state operation costs. */
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';

let cloud: TestCloud;
let db: any;

beforeAll(async () => {
  cloud = await startTestCloud({ collections: [{ name: 'counted', indexes: [] }] });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sdk = require('wx-server-sdk');
  sdk.init({ env: 'local' });
  db = sdk.database();
});

afterAll(() => cloud.dispose());

test('every database call through the SDK is one counted operation, by action', async () => {
  cloud.actions.reset();
  await db.collection('counted').add({ data: { _id: 'a', n: 1 } });
  await db.collection('counted').doc('a').get();
  await db
    .collection('counted')
    .doc('a')
    .update({ data: { n: 2 } });
  await db.collection('counted').where({ n: 2 }).count();
  expect(cloud.actions.snapshot()).toEqual({
    'database.insertDocument': 1,
    'database.getDocument': 1,
    'database.modifyDocument': 1,
    'database.calculateDocument': 1,
  });
  expect(cloud.actions.databaseOperations()).toBe(4);
  cloud.actions.reset();
  expect(cloud.actions.databaseOperations()).toBe(0);
});
