/**
 * 大赛: micro-course contests (function `contest`): the tab list and contest home, sign-up and entries, the
 * judges' workbench, results and awards, public voting, and the admins' setup and publishing.
 */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { action, call, pagedAction } from './transport';

export type ContestListPage = ActionOutput<'contest', 'list'>;
export type ContestListItem = ContestListPage['items'][number];
export type ContestDetail = ActionOutput<'contest', 'detail'>;
export type ContestRound = ContestDetail['rounds'][number];
export type ContestTopicView = ContestDetail['topics'][number];
export type ContestEntry = ActionOutput<'contest', 'entry'>;
export type EntryCardView = ActionOutput<'contest', 'entries'>['items'][number];
export type EntryCourse = ActionOutput<'contest', 'entryCourse'>;
export type SignUpInput = ActionInput<'contest', 'signUp'>;
export type TeammateInput = ActionInput<'contest', 'invite'>['teammates'][number];
export type InvitationsPage = ActionOutput<'contest', 'invitations'>;
export type Invitation = InvitationsPage['items'][number];
export type SubmitEntryInput = ActionInput<'contest', 'submitEntry'>;
export type JudgeRound = ActionOutput<'contest', 'judgeRounds'>['items'][number];
export type JudgeAssignmentsPage = ActionOutput<'contest', 'judgeAssignments'>;
export type JudgeAssignment = JudgeAssignmentsPage['items'][number];
export type JudgeEntry = ActionOutput<'contest', 'judgeEntry'>;
export type RoundResults = ActionOutput<'contest', 'results'>;
export type ResultRowView = RoundResults['items'][number];
export type Award = ActionOutput<'contest', 'awards'>[number];
export type AdminContestItem = ActionOutput<'contest', 'adminList'>['items'][number];
export type ContestAdmin = ActionOutput<'contest', 'adminDetail'>;
export type CreateContestInput = ActionInput<'contest', 'createContest'>;
export type UpdateContestInput = ActionInput<'contest', 'updateContest'>;
export type RoundSettings = ActionInput<'contest', 'createContest'>['rounds'][number];
export type UpdateRoundInput = ActionInput<'contest', 'updateRound'>;
export type JudgeAssignmentSummaryView = ActionOutput<'contest', 'assignJudges'>;
export type VotesLeft = ActionOutput<'contest', 'votesLeft'>;
export type VoteResult = ActionOutput<'contest', 'vote'>;
export type VoteRankRow = ActionOutput<'contest', 'voteLeaderboard'>['items'][number];
export type VoteAbuseReport = ActionOutput<'contest', 'voteAbuseReport'>;
export type Ballot = ActionOutput<'contest', 'voteBallots'>['items'][number];
export type BallotQuery = ActionInput<'contest', 'voteBallots'>;
export type VoidVotesResult = ActionOutput<'contest', 'voidVotes'>;

export const listContests = pagedAction('contest', 'list');

export function getContest(contestId: string): Promise<ContestDetail> {
  return call('contest', 'detail', { contestId });
}

export const signUp = action('contest', 'signUp');

export function getMyEntry(contestId: string): Promise<ContestEntry | null> {
  return call('contest', 'myEntry', { contestId });
}

export const submitEntry = action('contest', 'submitEntry');

/** 组队邀请: the caller's pending invitations, in one contest or (null) all. */
export function listInvitations(contestId: string | null, page: number, pageSize: number): Promise<InvitationsPage> {
  return call('contest', 'invitations', { contestId, page, pageSize });
}

export function answerInvitation(invitationId: string, accept: boolean): Promise<Invitation> {
  return call('contest', 'answerInvitation', { invitationId, accept });
}

export function inviteTeammates(entryId: string, teammates: TeammateInput[]): Promise<ContestEntry> {
  return call('contest', 'invite', { entryId, teammates });
}

export function withdrawInvitation(invitationId: string): Promise<ContestEntry> {
  return call('contest', 'withdrawInvitation', { invitationId });
}

export function leaveTeam(entryId: string): Promise<ContestEntry> {
  return call('contest', 'leaveTeam', { entryId });
}

export function getEntry(entryId: string): Promise<ContestEntry> {
  return call('contest', 'entry', { entryId });
}

export function listEntries(roundId: string, keyword: string, page: number, pageSize: number): Promise<ActionOutput<'contest', 'entries'>> {
  return call('contest', 'entries', { roundId, keyword, page, pageSize });
}

export function getEntryCourse(entryId: string, courseId: string): Promise<EntryCourse> {
  return call('contest', 'entryCourse', { entryId, courseId });
}

export const listJudgeRounds = pagedAction('contest', 'judgeRounds');

export function listJudgeAssignments(roundId: string, page: number, pageSize: number): Promise<JudgeAssignmentsPage> {
  return call('contest', 'judgeAssignments', { roundId, page, pageSize });
}

export function getJudgeEntry(roundId: string, entryId: string): Promise<JudgeEntry> {
  return call('contest', 'judgeEntry', { roundId, entryId });
}

export const saveScores = action('contest', 'saveScores');

export function getResults(roundId: string, page: number, pageSize: number): Promise<RoundResults> {
  return call('contest', 'results', { roundId, page, pageSize });
}

export function getAwards(contestId: string): Promise<Award[]> {
  return call('contest', 'awards', { contestId });
}

// Public voting (大众投票).

/** `requestId` is generated once per tap; a retry of that tap sends it again and is counted once. */
export function vote(entryId: string, requestId: string): Promise<VoteResult> {
  return call('contest', 'vote', { entryId, requestId });
}

export function getVotesLeft(roundId: string, entryIds: string[]): Promise<VotesLeft> {
  return call('contest', 'votesLeft', { roundId, entryIds });
}

export function getVoteLeaderboard(roundId: string, page: number, pageSize: number): Promise<ActionOutput<'contest', 'voteLeaderboard'>> {
  return call('contest', 'voteLeaderboard', { roundId, page, pageSize });
}

// Admin (大赛管理).

export const adminListContests = pagedAction('contest', 'adminList');

export function getContestAdmin(contestId: string): Promise<ContestAdmin> {
  return call('contest', 'adminDetail', { contestId });
}

export const createContest = action('contest', 'createContest');

/** Judges of the organiser's scope for a round's pool (trainers and admins alike). */
export const listJudgeCandidates = action('contest', 'judgeCandidates');
export type JudgeCandidate = ActionOutput<'contest', 'judgeCandidates'>['items'][number];

export const updateContest = action('contest', 'updateContest');

export const updateRound = action('contest', 'updateRound');

export function setContestStatus(contestId: string, status: ContestAdmin['status']): Promise<ContestAdmin> {
  return call('contest', 'setStatus', { contestId, status });
}

export const setJudges = action('contest', 'setJudges');

export function assignJudges(roundId: string): Promise<JudgeAssignmentSummaryView> {
  return call('contest', 'assignJudges', { roundId });
}

export function previewResults(roundId: string, page: number, pageSize: number): Promise<RoundResults> {
  return call('contest', 'previewResults', { roundId, page, pageSize });
}

export function publishResults(roundId: string, force: boolean, page: number, pageSize: number): Promise<RoundResults> {
  return call('contest', 'publishResults', { roundId, force, page, pageSize });
}

export const giveAward = action('contest', 'giveAward');

export function getVoteAbuseReport(roundId: string): Promise<VoteAbuseReport> {
  return call('contest', 'voteAbuseReport', { roundId });
}

export const listBallots = action('contest', 'voteBallots');

export const voidVotes = action('contest', 'voidVotes');
