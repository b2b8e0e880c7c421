/**
 * Fuzzing every action of every function (from the registry in server/functions.ts, so new actions are
 * covered without editing this file) as every kind of caller, with random and hostile payloads: inputs that
 * pass validation with real resource and member ids of a seeded demo fixture, the same with one field made
 * hostile or an unknown field added, and random objects over the action's field names and hostile keys.
 * Every payload goes through JSON, as it would on the wire. Expected: no INTERNAL answer (a crash), and no
 * committed database write and no stored file when the answer is a refusal.
 *
 * At least 20,000 calls per run (WEIKE_FUZZ_CALLS raises it); the seed is fixed (WEIKE_FUZZ_SEED changes it,
 * and a failure prints the seed and the payload to replay).
 */
import fc from 'fast-check';
import { FUNCTIONS } from '../../server/functions';
import type { Schema } from '../../typings/contract';
import { buildDemoCompany } from '../../scripts/demo/company';
import { seedDemoCompany } from '../../scripts/demo';
import { seedCourseDemo } from '../../scripts/demo/courses';
import { seedPointsDemo } from '../../scripts/demo/points';
import { seedCampaignDemo } from '../../scripts/demo/campaign';
import { seedContestDemo } from '../../scripts/demo/contest';
import { getCloud } from '../../server/core/cloud';
import { invoke } from '../helpers/invoke';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { fieldsOf, hostileValue, validInput } from '../helpers/schema-arbitrary';
import { grant, memberDoc } from '../helpers/db';

const SEED = Number(process.env.WEIKE_FUZZ_SEED ?? 20261206);
const CALLS = Math.max(20_000, Number(process.env.WEIKE_FUZZ_CALLS ?? 20_000));

/** Every kind of caller: by openid (undefined = anonymous). The demo company binds one member per role. */
const IDENTITIES: Record<string, string | undefined> = {
  anonymous: undefined,
  nonMember: 'o-fuzz-stranger',
  inactive: 'o-fuzz-inactive',
  learner: 'demo-learner',
  trainer: 'demo-trainer',
  scopedTrainer: 'demo-branch-trainer',
  reviewer: 'demo-reviewer',
  judge: 'demo-judge',
  admin: 'demo-admin',
  scopedAdmin: 'o-fuzz-scoped-admin',
};

/**
 * Refusals that write by design: a wrong binding or invitation code is counted in `bindAttempts`
 * (server/user/throttle.ts), which is what rate-limits guessing, and every binding attempt, refused ones
 * included, lands in the binding log (`bindLog`, read by admins as 绑定记录).
 */
const BIND_REFUSALS = ['BIND_MISMATCH', 'ALREADY_BOUND', 'PHONE_CODE_INVALID', 'RATE_LIMITED', 'MEMBER_TAKEN', 'MEMBER_INACTIVE', 'INVITATION_INVALID'];
/**
 * A physical item's unit is taken before the member's transaction decides, and a refusal there (balance,
 * limit) gives it back (server/points/mall/orders.ts): the stock ends as it was, after two writes. Listed
 * so the fuzz does not depend on which random call reaches it first; a pre-check of the balance outside the
 * transaction would make these refusals write nothing at the cost of a read per redemption.
 */
const REDEEM_GIVE_BACKS = ['points.redeem POINTS_INSUFFICIENT', 'points.redeem REDEEM_LIMIT'];
const WRITING_REFUSALS = new Set([
  ...BIND_REFUSALS.map((code) => `user.bind ${code}`),
  'user.redeemInvitation INVITATION_INVALID',
  'user.redeemInvitation BIND_MISMATCH',
  ...REDEEM_GIVE_BACKS,
]);

/** Protocol actions that store a file (the database's writes are counted by its commit sequence). */
const FILE_WRITES = ['storage.getUploadMetadata', 'storage.batchDeleteFile'];

interface Finding {
  call: string;
  identity: string;
  code: string;
  input: string;
}

let cloud: TestCloud;
/** Ids of every kind the fixture holds: courses, series, campaigns, check-ins, contests, rounds, entries, items, orders, members, departments… */
let realIds: string[] = [];

beforeAll(async () => {
  cloud = await startTestCloud();
  const sdk = getCloud();
  const db = sdk.database();
  const now = new Date();
  const company = buildDemoCompany(now);
  await seedDemoCompany(db, company, now);
  await seedCourseDemo(db, sdk, now, company);
  await seedPointsDemo(db, sdk, company, now);
  // A handful of campaign participants: the ids matter here, not the history.
  await seedCampaignDemo(db, company, now, 8);
  await seedContestDemo(db, company, now);
  const branch = company.members.find((member) => member.roles.some((role) => role.scopeDepartmentId))?.roles[0]?.scopeDepartmentId as string;
  cloud.database.insertDocuments('members', [
    { ...memberDoc('m:fuzz-scoped-admin', { roles: [grant('admin', branch)], departmentId: branch }) },
    { ...memberDoc('m:fuzz-inactive', { active: false, roles: [grant('admin')] }) },
  ]);
  cloud.database.insertDocuments('bindings', [
    { _id: 'o-fuzz-scoped-admin', memberId: 'm:fuzz-scoped-admin', boundAt: now },
    { _id: 'o-fuzz-inactive', memberId: 'm:fuzz-inactive', boundAt: now },
  ]);
  const ids = new Set<string>();
  for (const collection of cloud.database.collections()) {
    const docs = cloud.database.listDocuments(collection);
    // A few ids of each kind keep the pool small enough for every kind to come up often.
    for (const doc of docs.slice(0, 6)) if (typeof doc._id === 'string') ids.add(doc._id);
  }
  for (const member of company.members.slice(0, 20)) ids.add(member._id);
  for (const identity of company.identities) ids.add(identity.memberId);
  realIds = [...ids];
}, 300_000);

afterAll(() => cloud?.dispose());

function arbitraryFor(schema: Schema, ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const valid = validInput(schema, ids);
  const fields = fieldsOf(schema);
  const hostile = hostileValue(ids);
  const keyPool = fc.oneof(
    fc.constantFrom(...fields, '__proto__', 'constructor', 'prototype', '$where', 'a.b', 'memberId', 'openid', 'roles', '_id'),
    fc.string({ maxLength: 12 }),
  );
  const withField = (base: unknown, key: string, value: unknown) =>
    typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base, [key]: value } : { [key]: value };
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    // One field (known or not) made hostile.
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fields.length > 0 ? fc.constantFrom(...fields) : keyPool, hostile).map(([base, key, value]) => withField(base, key, value)),
    },
    { weight: 1, arbitrary: fc.tuple(valid, keyPool, hostile).map(([base, key, value]) => withField(base, key, value)) },
    { weight: 2, arbitrary: fc.dictionary(keyPool, hostile, { maxKeys: 5 }) },
    { weight: 1, arbitrary: hostile },
  );
}

/** The event as the platform would pass it: through JSON, so `__proto__` keys stay own keys. */
function eventOf(action: string, input: unknown): unknown {
  const fields = typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
  return JSON.parse(JSON.stringify({ ...fields, action }));
}

it(`survives ${CALLS} random and hostile calls to every action as every caller (seed ${SEED})`, async () => {
  const ids = fc.constantFrom(...realIds);
  const calls = Object.entries(FUNCTIONS).flatMap(([fn, definition]) =>
    Object.entries(definition.actions as Record<string, { input: Schema }>).map(([action, spec]) => ({ fn, action, arbitrary: arbitraryFor(spec.input, ids) })),
  );
  const identities = Object.entries(IDENTITIES);
  const perPair = Math.ceil(CALLS / (calls.length * identities.length));
  const crashes: Finding[] = [];
  const writes: Finding[] = [];
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let made = 0;
  const codes: Record<string, number> = {};
  const started = Date.now();
  const cpu = process.cpuUsage();
  try {
    for (const [index, { fn, action, arbitrary }] of calls.entries()) {
      const inputs = fc.sample(arbitrary, { seed: SEED + index, numRuns: perPair * identities.length });
      const main = FUNCTIONS[fn as keyof typeof FUNCTIONS].main;
      for (const [n, input] of inputs.entries()) {
        const [identity, openid] = identities[n % identities.length] as [string, string | undefined];
        const event = eventOf(action, input);
        const sequence = cloud.database.commitSequence();
        cloud.actions.reset();
        const answer = await invoke(main, event, openid ? { openid } : {});
        made += 1;
        const code = answer.ok ? 'OK' : answer.code;
        codes[code] = (codes[code] ?? 0) + 1;
        if (answer.ok) continue;
        const finding = { call: `${fn}.${action}`, identity, code: answer.code, input: JSON.stringify(event).slice(0, 300) };
        if (answer.code === 'INTERNAL') crashes.push(finding);
        const counted = cloud.actions.snapshot();
        const wrote = cloud.database.commitSequence() !== sequence || FILE_WRITES.some((name) => counted[name]);
        if (wrote && !WRITING_REFUSALS.has(`${finding.call} ${finding.code}`)) writes.push(finding);
      }
    }
  } finally {
    logged.mockRestore();
  }
  const used = process.cpuUsage(cpu);
  const top = Object.entries(codes).sort((a, b) => b[1] - a[1]);
  // eslint-disable-next-line no-console
  console.log(
    `fuzz: ${made} calls over ${calls.length} actions × ${identities.length} callers in ${Math.round((Date.now() - started) / 1000)} s ` +
      `(${Math.round((used.user + used.system) / 1e6)} s CPU in this process), seed ${SEED}; answers: ${top.map(([code, n]) => `${code} ${n}`).join(', ')}`,
  );
  expect(made).toBeGreaterThanOrEqual(20_000);
  expect({ seed: SEED, crashes: crashes.slice(0, 20) }).toEqual({ seed: SEED, crashes: [] });
  expect({ seed: SEED, writesOnRefusal: writes.slice(0, 20) }).toEqual({ seed: SEED, writesOnRefusal: [] });
}, 900_000);
