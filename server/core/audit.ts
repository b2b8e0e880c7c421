/**
 * The admin audit log (操作日志, collection `adminAudit`): who changed what, when, and the state before and
 * after. Where the change is a transaction, the record is written by the same transaction (`recordAudit(tx,
 * ...)`), so a change is never committed without its record and a rolled-back change leaves none.
 * Records are append-only: nothing updates or removes them. A transaction may `add` a document alongside its
 * single-document reads and writes (事务中的数据操作: get, add, update, set, remove):
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/guide/database/transaction.md
 * https://docs.cloudbase.net/database/transaction
 */
import { randomUUID } from 'node:crypto';
import type { AdminAuditDoc, AuditAction, AuditState, AuditTargetKind } from '../../typings/docs/admin-audit';
import { COLLECTIONS } from './collections';
import type { CollectionName } from './collections';

/** Who acted: a member, or a command-line script (id null, the script's path as the name). */
export interface AuditActor {
  id: string | null;
  name: string;
}

export interface AuditTarget {
  kind: AuditTargetKind;
  id: string;
  name: string;
}

export interface AuditRecord {
  actor: AuditActor;
  action: AuditAction;
  target: AuditTarget;
  before: AuditState | null;
  after: AuditState | null;
  at: Date;
  /** A deterministic id when the change has one (a retried change then cannot record twice). */
  id?: string;
}

/** What `recordAudit` writes through: a transaction (`Tx`) or the database itself. */
export interface AuditStore {
  collection(name: CollectionName): { add(options: { data: Record<string, unknown> }): unknown };
}

/** The actor of an action called by a member. */
export const memberActor = (member: { _id: string; name: string }): AuditActor => ({ id: member._id, name: member.name });

export async function recordAudit(store: AuditStore, record: AuditRecord): Promise<AdminAuditDoc> {
  const doc: AdminAuditDoc = {
    _id: record.id ?? `audit:${randomUUID()}`,
    action: record.action,
    actorId: record.actor.id,
    actorName: record.actor.name,
    targetKind: record.target.kind,
    targetId: record.target.id,
    targetName: record.target.name,
    before: record.before,
    after: record.after,
    at: record.at,
  };
  await store.collection(COLLECTIONS.adminAudit).add({ data: { ...doc } });
  return doc;
}
