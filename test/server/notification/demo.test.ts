/**
 * The notification and certificate demos: the demo learner has a notification of every kind (the oldest two
 * read) and a certificate of every kind, each certificate announced once; seeding again adds nothing.
 */
import type { CertificateDoc, NotificationDoc } from '../../../typings/domain';
import { CERTIFICATE_KINDS, NOTIFICATION_KINDS } from '../../../typings/domain';
import { seedCertificateDemo } from '../../../scripts/demo/certificates';
import { buildDemoCompany } from '../../../scripts/demo/company';
import { seedDemoCompany } from '../../../scripts/demo/index';
import { seedNotificationDemo } from '../../../scripts/demo/notifications';
import { useTestCloud } from '../../helpers/local-cloud';
import { readWhere, testDb } from '../../helpers/db';

jest.setTimeout(120_000);

useTestCloud();

it('gives the demo learner one notification of every kind, once', async () => {
  const now = new Date('2026-10-08T10:00:00+08:00');
  const company = buildDemoCompany(now);
  await seedDemoCompany(testDb(), company, now);
  const learner = company.identities.find((identity) => identity.role === 'learner')!;
  expect(await seedNotificationDemo(testDb(), company, now)).toEqual({ notifications: NOTIFICATION_KINDS.length });
  const mine = await readWhere<NotificationDoc>('notifications', { memberId: learner.memberId });
  expect(mine.map((doc) => doc.kind).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  expect(
    mine
      .filter((doc) => doc.read)
      .map((doc) => doc.kind)
      .sort(),
  ).toEqual(['due_tomorrow', 'required_course']);
  expect(mine.every((doc) => [...doc.title].length <= 20 && [...doc.body].length <= 20)).toBe(true);
  expect(await seedNotificationDemo(testDb(), company, now)).toEqual({ notifications: 0 });
});

it('gives the demo learner one certificate of every kind, each announced once', async () => {
  const now = new Date('2026-10-08T10:00:00+08:00');
  const company = buildDemoCompany(now);
  const learner = company.identities.find((identity) => identity.role === 'learner')!;
  expect(await seedCertificateDemo(testDb(), company, now)).toEqual({ certificates: CERTIFICATE_KINDS.length });
  const held = await readWhere<CertificateDoc>('certificates', { memberId: learner.memberId });
  expect(held.map((doc) => doc.kind).sort()).toEqual([...CERTIFICATE_KINDS].sort());
  expect(held.every((doc) => /^[A-HJ-NP-Z2-9]{16}$/.test(doc.code))).toBe(true);
  const told = await readWhere<NotificationDoc>('notifications', { memberId: learner.memberId, kind: 'certificate_issued' });
  // The notification demo's own 获得证书 plus one per certificate.
  expect(told).toHaveLength(CERTIFICATE_KINDS.length + 1);
  expect(await seedCertificateDemo(testDb(), company, now)).toEqual({ certificates: 0 });
});
