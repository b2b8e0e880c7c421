/** Idle transactions expire (chosen timeout, injectable clock: no waiting, no timing assertion). */
import fs from 'node:fs';
import { openDatabase } from '../../../emulator/db';
import { makeTempDir } from '../../helpers/local-cloud';

test('an idle transaction expires and its writes are discarded', async () => {
  const dataDir = makeTempDir('weike-db-');
  let now = 1_000_000;
  const service = openDatabase({ dataDir, collections: [{ name: 'c' }], transactionIdleTimeoutMs: 1000, clock: () => now });
  const ctx = { envName: 'local', requestId: 't' };
  try {
    const { fields } = (await service.actions['database.startTransaction']({}, ctx)) as { fields: { transactionId: string } };
    const transactionId = fields.transactionId;
    await service.actions['database.insertDocument']({ collectionName: 'c', transactionId, data: ['{"_id":"x"}'] }, ctx);
    expect(service.openTransactions()).toBe(1);
    now += 999;
    expect(service.openTransactions()).toBe(1);
    now += 2;
    await expect(service.actions['database.commitTransaction']({ transactionId }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    expect(service.openTransactions()).toBe(0);
    expect(service.getDocument('c', 'x')).toBeUndefined();
  } finally {
    service.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
