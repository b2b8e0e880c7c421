/**
 * 礼品管理's editor opens one item by id (points.adminGetItem): any status, with its codes counts, for
 * company-wide admins (a branch admin is refused in test/server/authorization-scope-matrix.test.ts). A
 * missing item answers NOT_FOUND in Chinese. Database operations are counted by the local cloud: the caller's
 * member, the item and its picture's media gate, each one document read = 3.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember } from '../../helpers/db';
import { dataOf } from '../../helpers/envelope';
import { seedItem } from './helpers';

const ADMIN = { openid: 'o-agi-admin' };
const cloud = useTestCloud();

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:agi-admin', { roles: [grant('admin')] });
});

it('answers an off-sale virtual item with its admin fields', async () => {
  const item = await seedItem({ kind: 'virtual', stock: 0, status: 'off_sale', name: '培训券' });
  cloud.actions.reset();
  const view = dataOf(await callAction('points', 'adminGetItem', { itemId: item._id }, ADMIN));
  expect(view).toMatchObject({ id: item._id, name: '培训券', kind: 'virtual', status: 'off_sale', stock: 0, codesAdded: 0, codesIssued: 0 });
  expect(cloud.actions.databaseOperations()).toBe(3);
});

it('says the item does not exist', async () => {
  const answer = await callAction('points', 'adminGetItem', { itemId: 'item:agi-none' }, ADMIN);
  expect(answer).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '礼品不存在' });
});
