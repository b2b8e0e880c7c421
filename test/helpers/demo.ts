/**
 * A test cloud holding the demo company (departments, members, bindings of its identities) and the demo
 * catalogue, for tests of the demo seeders that build on the catalogue (scripts/demo).
 */
import { getCloud } from '../../server/core/cloud';
import { buildDemoCompany } from '../../scripts/demo/company';
import { seedCourseDemo } from '../../scripts/demo/courses';
import { startTestCloud, type TestCloud } from './local-cloud';
import { insertAll, testDb } from './db';

/** Adds documents a hundred at a time (test/helpers/db.ts). */
export const addInBatches = insertAll;

/** Starts a cloud with the demo company and catalogue as of `now` before the file's tests; disposes of it after. */
export function useDemoCatalogueCloud(now: Date): ReturnType<typeof buildDemoCompany> {
  const company = buildDemoCompany(now);
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
    await addInBatches('departments', company.departments);
    await addInBatches('members', company.members);
    await addInBatches(
      'bindings',
      company.identities.map((identity) => ({ _id: identity.openid, memberId: identity.memberId, boundAt: now })),
    );
    await seedCourseDemo(testDb(), getCloud(), now, company);
  });
  afterAll(async () => {
    await cloud.dispose();
  });
  return company;
}
