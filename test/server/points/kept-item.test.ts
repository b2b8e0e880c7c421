/**
 * A redemption uses the mall item as its function instance kept it (server/points/mall/orders.ts,
 * ITEM_TTL_MS): what the kept copy decides is checked by the take (price, status, updatedAt), and a refusal
 * is answered from a fresh read. So an admin's edit applies at once, balances equal the ledger, and a call
 * killed after taking a unit on a kept copy is completed by its retry or the stock timer.
 */
import { redeem, reconcileStock } from '../../../server/points/mall/orders';
import { restock, updateItem } from '../../../server/points/mall/items';
import { useTestCloud } from '../../helpers/local-cloud';
import { testDb } from '../../helpers/db';
import { expectLedgersBalanced, givePoints, seedItem, seedMembers } from './helpers';

jest.setTimeout(30_000);

const cloud = useTestCloud();

afterEach(async () => {
  await expectLedgersBalanced();
});

async function memberWithPoints(id: string) {
  const [member] = await seedMembers([id]);
  await givePoints(member!._id, new Date());
  return member!;
}

it('charges a changed price at once, even when the edit keeps the same updatedAt', async () => {
  const member = await memberWithPoints('m:kept-price');
  const at = new Date();
  const item = await seedItem({ stock: 5, price: 10 }, at);
  expect((await redeem(testDb(), member, [], item._id, 'kept-price-1', at)).order.price).toBe(10);
  // The same instant as the kept copy's updatedAt (a frozen clock): the take's price condition still refuses it.
  await updateItem(testDb(), item._id, { price: 20 }, at);
  const { order, balance } = await redeem(testDb(), member, [], item._id, 'kept-price-2', at);
  expect(order.price).toBe(20);
  expect(balance).toBe(50 - 10 - 20);
});

it('refuses an item taken off sale at once, and sells it again as soon as it is back', async () => {
  const member = await memberWithPoints('m:kept-status');
  const item = await seedItem({ stock: 5, price: 10 });
  await redeem(testDb(), member, [], item._id, 'kept-status-1', new Date());
  await updateItem(testDb(), item._id, { status: 'off_sale' }, new Date());
  await expect(redeem(testDb(), member, [], item._id, 'kept-status-2', new Date())).rejects.toMatchObject({ code: 'ITEM_UNAVAILABLE' });
  // The instance now keeps it off sale; the refusal would be answered from a fresh read, which finds it back.
  await updateItem(testDb(), item._id, { status: 'on_sale' }, new Date());
  expect((await redeem(testDb(), member, [], item._id, 'kept-status-3', new Date())).order.status).toBe('pending');
});

it('applies an audience or limit edit at once when the edit changed updatedAt', async () => {
  const member = await memberWithPoints('m:kept-edit');
  const item = await seedItem({ stock: 5, price: 10 });
  await redeem(testDb(), member, [], item._id, 'kept-edit-1', new Date());
  await updateItem(testDb(), item._id, { limitTotal: 1 }, new Date());
  await expect(redeem(testDb(), member, [], item._id, 'kept-edit-2', new Date())).rejects.toMatchObject({ code: 'REDEEM_LIMIT' });
  await updateItem(testDb(), item._id, { limitTotal: null, audiences: ['external_partner'] }, new Date(Date.now() + 1000));
  await expect(redeem(testDb(), member, [], item._id, 'kept-edit-3', new Date())).rejects.toMatchObject({ code: 'ITEM_UNAVAILABLE' });
  expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 4, redeemedCount: 1 });
});

it('sells a restocked item that the instance kept as sold out', async () => {
  const member = await memberWithPoints('m:kept-restock');
  const item = await seedItem({ stock: 1, price: 10 });
  await redeem(testDb(), member, [], item._id, 'kept-restock-1', new Date());
  await expect(redeem(testDb(), member, [], item._id, 'kept-restock-2', new Date())).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
  await restock(testDb(), item._id, 2, new Date());
  expect((await redeem(testDb(), member, [], item._id, 'kept-restock-3', new Date())).order.status).toBe('pending');
  expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 1, redeemedCount: 2 });
});

it('completes a redemption killed after its take on a kept copy: the retry is refused, the timer gives the unit back, the retry then orders once', async () => {
  const member = await memberWithPoints('m:kept-crash');
  const at = new Date();
  const item = await seedItem({ stock: 2, price: 10 }, at);
  await redeem(testDb(), member, [], item._id, 'kept-crash-1', at);
  // The instance keeps stock 2; a call then took the last unit and was killed before its transaction.
  const _ = testDb().command;
  await testDb()
    .collection('mallItems')
    .doc(item._id)
    .update({ data: { stock: _.inc(-1), redeemedCount: _.inc(1), lastTakeAt: at, unsettled: true } });
  await expect(redeem(testDb(), member, [], item._id, 'kept-crash-2', at)).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
  expect(await reconcileStock(testDb(), new Date(at.getTime() + 61_000))).toBe(1);
  const { order } = await redeem(testDb(), member, [], item._id, 'kept-crash-2', new Date(at.getTime() + 62_000));
  expect(await redeem(testDb(), member, [], item._id, 'kept-crash-2', new Date(at.getTime() + 63_000))).toMatchObject({ order: { _id: order._id } });
  expect(await cloud.database.getDocument('mallItems', item._id)).toMatchObject({ stock: 0, redeemedCount: 2 });
  expect(await testDb().collection('mallOrders').where({ memberId: member._id }).count()).toMatchObject({ total: 2 });
  expect(await cloud.database.getDocument('pointsAccounts', member._id)).toMatchObject({ balance: 30 });
});
