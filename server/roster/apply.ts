/**
 * applyRosterPlan: writes a plan with the wx-server-sdk database API. Every step is idempotent, so an apply
 * that failed half way is finished by running the same plan again, and a repeated run changes nothing.
 */
import { COLLECTIONS } from '../core/collections';
import type { Department, Member, MemberPatch, RosterPlan, RosterReport } from './types';
import chunk from 'lodash/chunk';

/** The part of `cloud.database()` the import uses; the SDK's own types return loose unions, checked here at runtime. */
export interface RosterDatabase {
  command: { remove(): unknown; in(values: unknown[]): unknown; gt(value: unknown): unknown };
  collection(name: string): {
    doc(id: string): { update(options: { data: Record<string, unknown> }): unknown };
    /** An array adds a batch; one object adds one document (the audit record). */
    add(options: { data: Record<string, unknown>[] | Record<string, unknown> }): unknown;
    where(condition: Record<string, unknown>): RosterQuery;
  };
}

export interface RosterQuery {
  field(projection: Record<string, boolean>): RosterQuery;
  orderBy(field: string, order: 'asc' | 'desc'): RosterQuery;
  limit(max: number): RosterQuery;
  get(): unknown;
}

/** CloudBase's largest page for a query, and the batch size for `add` of an array. */
const BATCH = 100;
/** Concurrent single-document updates; enough to hide latency without tripping the function's connection limits. */
const PARALLEL_UPDATES = 10;

/** The documents of a query answer (`{ data: [...] }`), each with a string `_id`. */
export function documentsOf(answer: unknown): ({ _id: string } & Record<string, unknown>)[] {
  const data = typeof answer === 'object' && answer !== null && 'data' in answer ? answer.data : undefined;
  if (!Array.isArray(data)) throw new Error('unexpected database answer: query result without a data array');
  return data.filter(
    (doc: unknown): doc is { _id: string } & Record<string, unknown> => typeof doc === 'object' && doc !== null && '_id' in doc && typeof doc._id === 'string',
  );
}

function idsOf(answer: unknown): string[] {
  return documentsOf(answer).map((doc) => doc._id);
}

/** Adds the documents whose `_id` is not stored yet, a batch at a time: a re-run never duplicates or overwrites. */
async function addMissing(db: RosterDatabase, collection: string, docs: readonly (Department | Member)[]): Promise<void> {
  const _ = db.command;
  for (const batch of chunk(docs, BATCH)) {
    const stored = new Set(
      idsOf(
        await db
          .collection(collection)
          .where({ _id: _.in(batch.map((doc) => doc._id)) })
          .field({ _id: true })
          .limit(BATCH)
          .get(),
      ),
    );
    const missing = batch.filter((doc) => !stored.has(doc._id));
    if (missing.length > 0) await db.collection(collection).add({ data: missing.map((doc) => ({ ...doc })) });
  }
}

function patchData(db: RosterDatabase, patch: MemberPatch): Record<string, unknown> {
  const data: Record<string, unknown> = { ...patch.set };
  for (const field of patch.remove) data[field] = db.command.remove();
  return data;
}

async function applyPatches(db: RosterDatabase, patches: readonly MemberPatch[]): Promise<void> {
  for (const group of chunk(patches, PARALLEL_UPDATES)) {
    await Promise.all(
      group.map((patch) =>
        db
          .collection(COLLECTIONS.members)
          .doc(patch._id)
          .update({ data: patchData(db, patch) }),
      ),
    );
  }
}

/** Departments first, so that no member ever points at a department that is not stored. */
export async function applyRosterPlan(db: RosterDatabase, plan: RosterPlan): Promise<RosterReport> {
  await addMissing(db, COLLECTIONS.departments, plan.departments);
  await addMissing(db, COLLECTIONS.members, plan.inserts);
  await applyPatches(db, [...plan.updates, ...plan.reactivations, ...plan.deactivations]);
  return { ...plan.report };
}
