/**
 * What the contest screens show for the domain's unions: the mini-program's labels (one copy, typed against
 * typings/), plus the few the console alone needs.
 */
import type { ContestAdvancement } from '../../../../typings/domain';
export { CONTEST_AWARD_KIND_LABELS, CONTEST_STATUS_LABELS, ROUND_PHASE_LABELS } from '../../../../miniprogram/utils/labels';

export function advancementText(advancement: ContestAdvancement): string {
  if (advancement.kind === 'top') return `前 ${advancement.count} 名晋级`;
  if (advancement.kind === 'quota') return `按单位人数分配 ${advancement.total} 个晋级名额`;
  return '不晋级（最后一轮）';
}

/** Beijing time of an ISO instant, minutes precision (the server answers ISO 8601 in UTC). */
export function beijingTime(iso: string | null): string {
  if (!iso) return '—';
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** Today's Beijing day (YYYY-MM-DD), for hints only: the server decides every window. */
export function beijingToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
