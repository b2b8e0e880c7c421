/** Contract-shaped answers of the share function for the share pages' tests. */
import type { MyShareRow, ShareLeaderboardRow, ShareOpenResult, ShareTargetKind } from '../../../typings/functions/share';

export const TOKEN = 'Tok3n_abc-12';

export const memberOpen = (kind: ShareTargetKind, id: string): ShareOpenResult => ({ member: true, target: { kind, id }, counted: true, attributed: true });
export const outsiderOpen: ShareOpenResult = { member: false, target: null, counted: true, attributed: false };

export function myShare(n: number, overrides: Partial<MyShareRow> = {}): MyShareRow {
  return {
    token: `Tok3n_abc-${String(n).padStart(2, '0')}`,
    target: { kind: 'course', id: `c${n}` },
    title: `课程${n}`,
    channel: 'chat',
    // 2026-03-01 10:00 in Beijing.
    createdAt: '2026-03-01T02:00:00.000Z',
    reach: n,
    outsiderOpens: 0,
    conversions: 0,
    ...overrides,
  };
}

export function boardRow(rank: number, overrides: Partial<ShareLeaderboardRow> = {}): ShareLeaderboardRow {
  return {
    rank,
    memberId: `m${rank}`,
    name: `成员${rank}`,
    departmentPath: ['总部', '销售部'],
    shares: 3,
    reach: 10 - rank,
    conversions: 1,
    isMe: false,
    level: null,
    ...overrides,
  };
}
