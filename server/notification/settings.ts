/**
 * A member's notification settings: each kind on or off (`notificationSettings/<memberId>`, absent = all on),
 * and each kind's subscribe-message template from the `notification` function's configuration: the
 * environment variable NOTIFY_TEMPLATE_<KIND> (config.json `envVariables`, like the campaign reminder's
 * template in server/campaign/engagement/reminders.ts). Every template's keywords are
 * NOTIFY_TEMPLATE_KEYS: pick, in the mini-program's console (订阅消息 → 我的模板), templates with a title, a
 * content and a time field.
 */
import { NOTIFICATION_KINDS } from '../../typings/domain';
import type { NotificationKind, NotificationSettingsDoc } from '../../typings/domain';
import type { NotificationSettingsView } from '../../typings/functions/notification';
import { COLLECTIONS, findById, runTransaction, txGet, txPut } from '../core';
import type { Database } from '../core';
import { remainingByTemplate } from '../core/subscriptions';

export const NOTIFY_TEMPLATE_KEYS = { title: 'thing1', body: 'thing2', time: 'time3' } as const;
/** developer / trial / formal: which version of the mini-program a message opens (default formal). */
export const NOTIFY_STATE_ENV = 'NOTIFY_MINIPROGRAM_STATE';

export const templateEnvOf = (kind: NotificationKind): string => `NOTIFY_TEMPLATE_${kind.toUpperCase()}`;

export function templateIdOf(kind: NotificationKind): string | null {
  const value = process.env[templateEnvOf(kind)]?.trim();
  return value ? value : null;
}

/** The kinds whose template is `templateId` (a company may use one template for several kinds). */
export function kindsOfTemplate(templateId: string): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((kind) => templateIdOf(kind) === templateId);
}

export async function offKinds(db: Database, memberId: string): Promise<NotificationKind[]> {
  return (await findById<NotificationSettingsDoc>(db, COLLECTIONS.notificationSettings, memberId))?.off ?? [];
}

/** The query condition on `kind` leaving out the kinds turned off (none when all are on). */
export function kindCondition(db: Database, off: readonly NotificationKind[]): Record<string, unknown> {
  return off.length === 0 ? {} : { kind: db.command.nin([...off]) };
}

export async function settingsView(db: Database, memberId: string, off?: readonly NotificationKind[]): Promise<NotificationSettingsView> {
  const turnedOff = new Set(off ?? (await offKinds(db, memberId)));
  const templates = [...new Set(NOTIFICATION_KINDS.map(templateIdOf).filter((id): id is string => id !== null))];
  const left = await remainingByTemplate(db, memberId, templates);
  return {
    kinds: NOTIFICATION_KINDS.map((kind) => {
      const templateId = templateIdOf(kind);
      return { kind, enabled: !turnedOff.has(kind), templateId, remaining: templateId ? (left.get(templateId) ?? 0) : 0 };
    }),
  };
}

/** Turns one kind on or off; in a transaction, so two switches flipped at once both count. */
export function setKind(db: Database, memberId: string, kind: NotificationKind, enabled: boolean, now: Date): Promise<NotificationKind[]> {
  return runTransaction(db, async (tx) => {
    const current = new Set((await txGet<NotificationSettingsDoc>(tx, COLLECTIONS.notificationSettings, memberId))?.off ?? []);
    if (enabled) current.delete(kind);
    else current.add(kind);
    const off = NOTIFICATION_KINDS.filter((each) => current.has(each));
    await txPut<NotificationSettingsDoc>(tx, COLLECTIONS.notificationSettings, { _id: memberId, off, updatedAt: now });
    return off;
  });
}
