/**
 * 升级提醒: the notification a member gets when they reach a learner level. Its source is the rung
 * (`rank<N>`), so its id (server/core/notify.ts) is one per member and rung: a level reached once is
 * notified once, however many awards raced across the threshold. It is created after the write that
 * recorded the level (one insert, only when a level was reached); whether the member turned the kind off
 * is decided when it is read or pushed (server/notification).
 */
import type { NotificationDraft } from '../core/notify';
import { notify } from '../core/notify';
import type { Database } from '../core';
import type { PointsAccountDoc } from '../../typings/docs/points';

/** The learner level page (packagePoints/level). */
export const LEARNER_LEVEL_PAGE = 'packagePoints/level/index';

export function learnerLevelNotice(memberId: string, rank: number, name: string): NotificationDraft {
  return {
    memberId,
    kind: 'learner_level',
    source: `rank${rank}`,
    title: `升级为「${name}」`,
    body: `恭喜达到学员等级「${name}」`,
    page: LEARNER_LEVEL_PAGE,
  };
}

type Levelled = Pick<PointsAccountDoc, 'levelRank' | 'levelName'> | null;

/** Notifies the rung `after` holds when it is above the one `before` held (nothing otherwise, no operation). */
export async function noticeLevelReached(db: Database, memberId: string, before: Levelled, after: Levelled, now: Date): Promise<void> {
  const rank = after?.levelRank ?? 0;
  if (rank <= (before?.levelRank ?? 0) || !after?.levelName) return;
  await notify(db, [learnerLevelNotice(memberId, rank, after.levelName)], now);
}
