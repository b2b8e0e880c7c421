/** How rounds read in the contest pages: the current one, its phase, and the windows of each, in Beijing days. */
import type { ContestRound } from '../../services/contest';
import { ROUND_PHASE_LABELS } from '../../utils/labels';
import { OPEN_THEME, type TagTheme } from '../../utils/status-themes';

/** The round the contest is in: the first not closed, else the last (as the list's summary has it). */
export function currentRoundIndex(rounds: readonly Pick<ContestRound, 'phase'>[]): number {
  const open = rounds.findIndex((round) => round.phase !== 'closed');
  return open >= 0 ? open : rounds.length - 1;
}

/** 2026-03-01 至 2026-03-10, or the one day. */
export function dayRange(start: string, end: string): string {
  return start === end ? start : `${start} 至 ${end}`;
}

export interface TimelineRow {
  id: string;
  name: string;
  phase: string;
  current: boolean;
  phaseTheme: TagTheme;
  windows: { label: string; range: string; open: boolean }[];
  published: boolean;
}

export function timelineOf(rounds: readonly ContestRound[]): TimelineRow[] {
  const current = currentRoundIndex(rounds);
  return rounds.map((round, index) => ({
    id: round.id,
    name: round.name,
    phase: ROUND_PHASE_LABELS[round.phase],
    current: index === current,
    phaseTheme: index === current ? OPEN_THEME : 'default',
    windows: [
      { label: '作品提交', range: dayRange(round.submissionStartDay, round.submissionEndDay), open: round.submissionOpen },
      { label: '专家评审', range: dayRange(round.judgingStartDay, round.judgingEndDay), open: round.judgingOpen },
      ...(round.voting ? [{ label: '大众投票', range: dayRange(round.voting.startDay, round.voting.endDay), open: round.votingOpen }] : []),
    ],
    published: round.resultsPublished,
  }));
}

/** Round choices for a tab bar or picker, the current round preselected. */
export interface RoundChoice {
  id: string;
  name: string;
}

export function roundChoices(rounds: readonly Pick<ContestRound, 'id' | 'name'>[]): RoundChoice[] {
  return rounds.map((round) => ({ id: round.id, name: round.name }));
}
