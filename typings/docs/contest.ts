/**
 * Documents of the contest area (微课大赛): contests, rounds, entries, judges' scores, per-round standings
 * and awards. The voting half (server/contest/voting) reads these and maintains `ContestStandingDoc.votes`.
 */
import type { Audience, CourseFieldsDoc, CourseFormat, PublicationStatus } from './course';

/** A topic (选题) of the contest's published list; `painPoint` topics are surveyed business pain points (业务痛点). */
export interface ContestTopic {
  id: string;
  title: string;
  description: string;
  painPoint: boolean;
}

/** Who may take part and vote: everyone, or members in any listed department subtree or audience. */
export interface ContestEligibility {
  everyone: boolean;
  departmentIds: string[];
  audiences: Audience[];
}

/** Computed awards (自动评出) and awards the admin names (指定奖项). */
export const CONTEST_AWARD_KINDS = ['best_overall', 'best_dimension', 'popularity', 'best_branch', 'team_most_courses', 'team_course_value', 'named'] as const;
export type ContestAwardKind = (typeof CONTEST_AWARD_KINDS)[number];

/** One award of the contest; `points` are paid to every member of each winning entry (not for `best_branch`). */
export interface ContestAwardConfig {
  id: string;
  kind: ContestAwardKind;
  name: string;
  /** `best_dimension`: the final round's rubric dimension id. */
  dimensionId: string | null;
  /** How many entries win it (ranked); always 1 for `best_branch`. */
  winners: number;
  points: number;
}

/** Collection `contests`: a micro-course competition (微课大赛). */
export interface ContestDoc {
  _id: string;
  title: string;
  /** 大赛主题. */
  theme: string;
  summary: string;
  /** 大赛规则 (plain text). */
  rules: string;
  /** Poster (海报), a cloud fileID, or null. */
  poster: string | null;
  eligibility: ContestEligibility;
  topics: ContestTopic[];
  /** Round ids in order (初赛, 复赛, 决赛 ...). */
  roundIds: string[];
  /**
   * A branch (分公司/部门) is the department at this depth of `departmentPath` (1 = top level); quotas by
   * headcount and the best organising branch award group members by it.
   */
  branchDepth: number;
  awards: ContestAwardConfig[];
  status: PublicationStatus;
  /** The final round's results are published and its awards decided. */
  finished: boolean;
  /** Admins scoped to a subtree own contests created in it; null = company-wide. */
  scopeDepartmentId: string | null;
  createdByMemberId: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt?: Date;
}

/** A rubric dimension (评分维度): scores are integers in [min, max]; weights are relative. */
export interface RubricDimension {
  id: string;
  name: string;
  weight: number;
  min: number;
  max: number;
}

/**
 * Public voting (大众投票) of a round, Beijing days inclusive. `per_entry`: each voter may give `perDay`
 * votes to each entry per day (default 1); `total`: `perDay` votes per day over all entries.
 */
/** 按作品 (a quota per entry per day) or 总票数 (a quota per day across entries). */
export const VOTING_MODES = ['per_entry', 'total'] as const;
export type VotingMode = (typeof VOTING_MODES)[number];

export interface ContestVotingRules {
  startDay: string;
  endDay: string;
  mode: VotingMode;
  perDay: number;
  /** Whether a member may vote for an entry they are part of. */
  ownEntryAllowed: boolean;
}

/** Who advances from a round (晋级): the top N, or a quota per branch shared out by headcount. */
export type ContestAdvancement = { kind: 'top'; count: number } | { kind: 'quota'; total: number } | { kind: 'none' };

/** Bonus points (加分) added to the final score of a round. */
export interface ContestBonuses {
  /** An entry of at least 3 courses (a series on one theme, 系列微课). */
  series: number;
  /** An entry whose topic is on the pain-point list. */
  painPointTopic: number;
}

export const CONTEST_RESULTS_STATUSES = ['open', 'published'] as const;
export type ContestRoundResultsStatus = (typeof CONTEST_RESULTS_STATUSES)[number];

/** Quota slots of one branch (quota advancement). */
export interface ContestBranchQuota {
  branchId: string;
  headcount: number;
  slots: number;
  advancing: number;
}

export interface ContestResultsSummary {
  /** Entries ranked. */
  entries: number;
  unscored: number;
  maxVotes: number;
  advancing: number;
  quotas: ContestBranchQuota[];
}

/** Collection `contestRounds`: one round (初赛/复赛/决赛) of a contest. Windows are Beijing days, inclusive. */
export interface ContestRoundDoc {
  _id: string;
  contestId: string;
  /** 0-based position. */
  index: number;
  name: string;
  submissionStartDay: string;
  submissionEndDay: string;
  judgingStartDay: string;
  judgingEndDay: string;
  voting: ContestVotingRules | null;
  /** Course formats an entry's courses must have in this round; empty = any. */
  formats: CourseFormat[];
  /** Whether a pitch video (1–2 minutes) is required in this round. */
  pitchVideoRequired: boolean;
  advancement: ContestAdvancement;
  /** Percent weights of judges' score and public vote; they add up to 100. */
  weights: { judges: number; votes: number };
  bonuses: ContestBonuses;
  rubric: RubricDimension[];
  /** Judges per entry, 3–5. */
  judgesPerEntry: number;
  /** The judge pool (评委) of the round. */
  judgeIds: string[];
  /** Entries in the round (maintained on sign-up for the first round, on advancement for the others). */
  entryCount: number;
  /** When judges were last assigned, or null. */
  judgesAssignedAt: Date | null;
  resultsStatus: ContestRoundResultsStatus;
  resultsPublishedAt: Date | null;
  /** Figures of the published results; null or absent before. */
  resultsSummary?: ContestResultsSummary | null;
  updatedAt: Date;
}

export interface PitchVideo {
  fileID: string;
  /** Seconds, as the client reported it from the recorded or chosen file (checked within 60–120). */
  seconds: number;
}

export const ENTRY_KINDS = ['individual', 'team'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Collection `contestEntries`: one entry (参赛作品), by an individual or a team. */
export interface ContestEntryDoc {
  _id: string;
  contestId: string;
  kind: EntryKind;
  /** 队名, null for individuals. */
  teamName: string | null;
  /** The member who signed up (报名人, team leader). */
  ownerId: string;
  ownerName: string;
  /** Every member of the entry, owner first: the owner and the teammates who confirmed their invitation. */
  memberIds: string[];
  /**
   * Teammates invited and not yet answered (待确认), kept in step with their `ContestInvitationDoc`s in the
   * same transactions. They are not members (no authorship, awards or team-size minimum), but the own-entry
   * rules of voting and judging treat them as tied to the entry. Absent = none.
   */
  invitedIds?: string[];
  /** Departments of the members (judges never score entries of their own department). */
  departmentIds: string[];
  /** The owner's branch (see `ContestDoc.branchDepth`): the quota group. */
  branchId: string;
  topicId: string | null;
  title: string;
  /** Course ids in order (≥ 3 makes a series). */
  courseIds: string[];
  pitchVideo: PitchVideo | null;
  /** Submitted at least once (已提交); it stays so when the entry advances (members may update it in a later round's submission window). */
  submitted: boolean;
  /** The rounds the entry is in, in order; the last is its current round. */
  roundIds: string[];
  currentRoundId: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

/** Collection `contestParticipants`, `_id` = `<contestId>:<memberId>`: a member is in one entry per contest. */
export interface ContestParticipantDoc {
  _id: string;
  contestId: string;
  memberId: string;
  entryId: string;
  branchId: string;
}

export const CONTEST_INVITATION_STATUSES = ['pending', 'confirmed', 'declined', 'withdrawn', 'left'] as const;
export type ContestInvitationStatus = (typeof CONTEST_INVITATION_STATUSES)[number];

/**
 * Collection `contestInvitations`, `_id` = `<entryId>:<memberId>`: a teammate invited to a team entry (组队邀请).
 * The invitee confirms (then joins `memberIds` and gets the contest's participant document, in one
 * transaction) or declines; the leader may withdraw it while pending; a confirmed teammate may leave. All
 * only while the first round's submission window is open. Inviting again reuses the document.
 */
export interface ContestInvitationDoc {
  _id: string;
  contestId: string;
  entryId: string;
  inviteeId: string;
  inviteeName: string;
  /** The entry's owner (队长) who invited. */
  inviterId: string;
  inviterName: string;
  /** Copied from the entry when invited, for the invitee's list. */
  title: string;
  teamName: string | null;
  status: ContestInvitationStatus;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Collection `contestEntryCourses`, `_id` = `<entryId>:<courseId>`: the course as submitted (a copy of the
 * author's latest revision at submission), what judges and voters see even if it is not in the catalogue.
 */
export interface ContestEntryCourseDoc {
  _id: string;
  entryId: string;
  courseId: string;
  revision: number;
  fields: CourseFieldsDoc;
  submittedAt: Date;
}

/** Collection `contestScores`, `_id` = `<roundId>:<entryId>:<judgeId>`: one judge's assignment and scores. */
export interface ContestScoreDoc {
  _id: string;
  contestId: string;
  roundId: string;
  entryId: string;
  judgeId: string;
  /** Per rubric dimension id; null until the judge saves. */
  scores: Record<string, number> | null;
  /** 0–100 from the rubric's weights, null until scored. */
  weighted: number | null;
  comment: string;
  scoredAt: Date | null;
  assignedAt: Date;
}

/** One entry's computed result in a round (written when the round's results are published). */
export interface ContestEntryResult {
  /** Judges' average per dimension (raw scale). */
  dimensionAverages: Record<string, number>;
  /** Judges' weighted average, 0–100. */
  judgeScore: number;
  judgeCount: number;
  votes: number;
  /** votes / max votes in the round × 100 (0 when nobody got a vote). */
  voteScore: number;
  bonus: number;
  /** (weights.judges × judgeScore + weights.votes × voteScore) / 100 + bonus. */
  finalScore: number;
  /** 1-based. */
  rank: number;
  advances: boolean;
}

/**
 * Collection `contestStandings`, `_id` = `<roundId>:<entryId>`: an entry's standing in a round, created when
 * the entry enters the round. `votes` is maintained by the voting half as votes arrive and are voided (index
 * roundId + votes for the leaderboard). Published results live in `contestResults`.
 */
export interface ContestStandingDoc {
  _id: string;
  contestId: string;
  roundId: string;
  entryId: string;
  /** Copied from the entry for one-query lists (kept in step when the entry is edited). */
  title: string;
  ownerName: string;
  teamName: string | null;
  branchId: string;
  /** Courses in the entry and its topic, for the bonuses. */
  courseCount: number;
  topicId: string | null;
  votes: number;
  /**
   * Sum of the entry's vote shards' change counters when `votes` was last rolled up (voting half): a roll-up
   * writes only over an older one, so late writers never put back a stale count. Absent before the first vote.
   */
  voteSeq?: number;
  updatedAt: Date;
}

/** Collection `contestAwards`, `_id` = `<contestId>:<awardId>`: who won an award, decided once. */
export interface ContestAwardDoc {
  _id: string;
  contestId: string;
  awardId: string;
  kind: ContestAwardKind;
  name: string;
  /** Winning entries, best first (empty for `best_branch`). */
  entryIds: string[];
  /** `best_branch`: the winning branch id, else null. */
  branchId: string | null;
  /** What decided it, in Chinese (for example "参与率 12.5%"). */
  basis: string;
  points: number;
  /** Members paid so far (each once, through the ledger). */
  paidMemberIds: string[];
  decidedAt: Date;
}

/** One ranked row of a published round. */
export interface ContestResultRow extends ContestEntryResult {
  entryId: string;
  branchId: string;
  title: string;
  ownerName: string;
  teamName: string | null;
}

/**
 * Collection `contestResults`, `_id` = `<roundId>:<chunk>`: a published round's results, RESULTS_CHUNK rows by
 * rank per document (chunk 0 holds ranks 1–100), so publishing thousands of entries is a few writes and a
 * results page reads one or two documents. `entryIds` (indexed) finds an entry's row.
 */
export interface ContestResultsDoc {
  _id: string;
  contestId: string;
  roundId: string;
  chunk: number;
  entryIds: string[];
  rows: ContestResultRow[];
}
