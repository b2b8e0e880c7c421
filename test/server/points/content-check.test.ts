/**
 * The mall's item names and descriptions pass WeChat's content check (security.msgSecCheck) before they are
 * stored: every member reads the mall. A refused text answers CONTENT_REJECTED and changes nothing in the
 * points area; the local cloud's block list makes the check refuse.
 */
import { callAction } from '../../helpers/invoke';
import { useTestCloud } from '../../helpers/local-cloud';
import { grant, seedMember } from '../../helpers/db';
import { codeOf, dataOf } from '../../helpers/envelope';
import { itemForm } from '../../helpers/mall';
import { pointsState, seedItem } from './helpers';

const BLOCKED = '违禁词';
const ADMIN = { openid: 'o-cc-admin' };
const cloud = useTestCloud();

beforeAll(async () => {
  await seedMember(ADMIN.openid, 'm:cc-admin', { roles: [grant('admin')] });
  cloud.openapi.setBlockList({ text: [BLOCKED], imageSha256: [] });
});

describe('mall item texts', () => {
  it.each([
    ['name', { name: `杯子${BLOCKED}` }],
    ['description', { description: `说明${BLOCKED}` }],
  ])('refuses a new item with a blocked %s and an edit to one, changing nothing', async (_label, change) => {
    const item = await seedItem();
    const before = await pointsState();
    const created = await callAction('points', 'createItem', { ...itemForm({ stock: 1, ...change }), requestId: `item-${_label}` }, ADMIN);
    expect(codeOf(created)).toBe('CONTENT_REJECTED');
    expect(codeOf(await callAction('points', 'updateItem', { itemId: item._id, ...change }, ADMIN))).toBe('CONTENT_REJECTED');
    expect(await pointsState()).toEqual(before);
    expect(dataOf(await callAction('points', 'updateItem', { itemId: item._id, description: '新说明' }, ADMIN))).toMatchObject({ description: '新说明' });
  });
});
