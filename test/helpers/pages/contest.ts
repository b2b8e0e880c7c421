/** Contest answers shaped by typings/functions/contest.ts and contest-voting.ts for the contest page tests. */
export { backend, inputsOf as callsOf } from '../backend';
export { ok } from '../../miniprogram/wx-stub';

import type { RubricDimension } from '../../../typings/domain';
import type { ContestView, EntryView, InvitationView, RoundView } from '../../../typings/functions/contest';
import type { VotesLeftView } from '../../../typings/functions/contest-voting';

const RUBRIC: RubricDimension[] = [
  { id: 'fit', name: '切合主题', weight: 30, min: 0, max: 10 },
  { id: 'content', name: '目标与内容', weight: 40, min: 0, max: 10 },
  { id: 'show', name: '呈现效果', weight: 30, min: 1, max: 5 },
];

export function round(index: number, overrides: Partial<RoundView> = {}): RoundView {
  const names = ['初赛', '复赛', '决赛'];
  return {
    id: `r${index + 1}`,
    index,
    name: names[index] ?? `第${index + 1}轮`,
    phase: 'upcoming',
    submissionOpen: false,
    judgingOpen: false,
    votingOpen: false,
    resultsPublished: false,
    submissionStartDay: `2026-0${index + 3}-01`,
    submissionEndDay: `2026-0${index + 3}-10`,
    judgingStartDay: `2026-0${index + 3}-11`,
    judgingEndDay: `2026-0${index + 3}-15`,
    voting: index === 2 ? { startDay: '2026-05-11', endDay: '2026-05-13', mode: 'per_entry', perDay: 1, ownEntryAllowed: false } : null,
    formats: index === 0 ? ['article', 'narrated_article'] : [],
    pitchVideoRequired: index > 0,
    advancement: index === 2 ? { kind: 'none' } : { kind: 'top', count: 10 },
    weights: index === 2 ? { judges: 90, votes: 10 } : { judges: 100, votes: 0 },
    bonuses: { series: 5, painPointTopic: 3 },
    rubric: RUBRIC,
    entryCount: 0,
    ...overrides,
  };
}

export function contest(overrides: Partial<ContestView> = {}): ContestView {
  return {
    id: 'k1',
    title: '2026 微课大赛',
    theme: '把经验变成课程',
    summary: '全员参与的微课比赛',
    rules: '一、参赛对象\n二、评分标准',
    poster: 'cloud://env/poster.png',
    posterUrl: 'http://127.0.0.1:8787/storage/poster.png',
    topics: [
      { id: 't1', title: '安全生产', description: '一线安全规程', painPoint: true },
      { id: 't2', title: '客户服务', description: '', painPoint: false },
    ],
    rounds: [round(0, { phase: 'submission', submissionOpen: true }), round(1), round(2)],
    awards: [{ id: 'a1', kind: 'best_overall', name: '最佳微课', dimensionId: null, winners: 1, points: 500 }],
    finished: false,
    eligible: true,
    myEntryId: null,
    pendingInvitations: 0,
    judgeRoundIds: [],
    ...overrides,
  };
}

export function entry(overrides: Partial<EntryView> = {}): EntryView {
  return {
    id: 'e1',
    contestId: 'k1',
    kind: 'individual',
    teamName: null,
    title: '三分钟讲清安全规程',
    members: [{ memberId: 'm1', name: '张三', departmentPath: ['华东分公司', '安全部'] }],
    topicId: 't1',
    topicTitle: '安全生产',
    courses: [],
    pitchVideo: null,
    submitted: false,
    submittedAt: null,
    currentRoundId: 'r1',
    currentRoundName: '初赛',
    roundIds: ['r1'],
    editable: true,
    isMine: true,
    isOwner: true,
    teamOpen: false,
    invitations: [],
    votes: 0,
    results: [],
    ...overrides,
  };
}

export function votesLeft(overrides: Partial<VotesLeftView> = {}, entryLeft: Partial<VotesLeftView['entries'][number]> = {}): VotesLeftView {
  return {
    roundId: 'r3',
    day: '2026-05-12',
    votingOpen: true,
    mode: 'per_entry',
    perDay: 1,
    usedToday: 0,
    totalLeft: null,
    entries: [{ entryId: 'e1', left: 1, votedToday: 0, ...entryLeft }],
    ...overrides,
  };
}

export function invitation(overrides: Partial<InvitationView> = {}): InvitationView {
  return {
    id: 'e9:m1',
    contestId: 'k1',
    contestTitle: '2026 微课大赛',
    entryId: 'e9',
    title: '安全规程三分钟',
    teamName: '安全小分队',
    inviterName: '李四',
    status: 'pending',
    open: true,
    invitedAt: '2026-03-02T02:00:00.000Z',
    ...overrides,
  };
}

export { RUBRIC };
