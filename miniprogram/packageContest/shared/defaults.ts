/**
 * A new contest's starting rounds, in the survey's shape: 初赛 (picture+text), 复赛 (quota by headcount), 决赛
 * (90% judges, 10% a three-day public vote), each two weeks from the start day, with the five usual rubric
 * dimensions. Admins change every part in the round editor.
 */
import type { RoundSettings } from '../../services/contest';
import { addDays } from '../../utils/time';
import { DEFAULT_RUBRIC } from './default-rubric';

export { DEFAULT_RUBRIC };

const ROUND_DAYS = 14;

function roundFrom(
  start: string,
  name: string,
  rest: Omit<RoundSettings, 'name' | 'submissionStartDay' | 'submissionEndDay' | 'judgingStartDay' | 'judgingEndDay' | 'rubric'>,
): RoundSettings {
  return {
    name,
    submissionStartDay: start,
    submissionEndDay: addDays(start, 8),
    judgingStartDay: addDays(start, 9),
    judgingEndDay: addDays(start, 12),
    rubric: DEFAULT_RUBRIC,
    ...rest,
  };
}

export function defaultRounds(startDay: string): RoundSettings[] {
  const final = addDays(startDay, 2 * ROUND_DAYS);
  return [
    roundFrom(startDay, '初赛', {
      formats: ['article', 'narrated_article'],
      advancement: { kind: 'top', count: 300 },
      weights: { judges: 100, votes: 0 },
      judgesPerEntry: 3,
    }),
    roundFrom(addDays(startDay, ROUND_DAYS), '复赛', {
      pitchVideoRequired: true,
      advancement: { kind: 'quota', total: 36 },
      weights: { judges: 100, votes: 0 },
      judgesPerEntry: 3,
    }),
    roundFrom(final, '决赛', {
      pitchVideoRequired: true,
      advancement: { kind: 'none' },
      weights: { judges: 90, votes: 10 },
      voting: { startDay: addDays(final, 9), endDay: addDays(final, 11), mode: 'per_entry', perDay: 1, ownEntryAllowed: false },
      bonuses: { series: 5, painPointTopic: 3 },
      judgesPerEntry: 5,
    }),
  ];
}
