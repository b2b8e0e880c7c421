/**
 * Function `contest`: micro-course competitions (微课大赛). Admins set up a contest and its rounds (初赛, 复赛,
 * 决赛 ...), members sign up alone or as a team and submit an entry (courses made in the studio plus a pitch
 * video), judges score entries on the round's rubric, admins publish each round's results (judges' average
 * weighted with the public vote, plus bonuses) and the final's awards, which pay points through the ledger.
 * All days are Beijing days (YYYY-MM-DD), windows inclusive. The public voting half is `contest-voting.ts`.
 */
import type { PointsCapWarning } from './points';
import * as z from 'zod/mini';
import { contract, recordKey } from '../contract';
import { clientId, day, fileId, id, POINTS_LIMITS, pointsAmount, requiredText, text } from '../schema';
import { AUDIENCES, CONTEST_AWARD_KINDS, COURSE_FORMATS, ENTRY_KINDS, PUBLICATION_STATUSES, VOTING_MODES } from '../domain';
import type {
  Audience,
  ContestAwardKind,
  ContestEntryResult,
  ContestInvitationStatus,
  ContestRoundDoc,
  ContestTopic,
  CourseFormat,
  EntryKind,
  PublicationStatus,
  RubricDimension,
} from '../domain';
import type { CourseContentView } from './course';
import { contestVotingContracts } from './contest-voting';
import { type Page, pageInput, pageInputShape } from './paging';

/** Text lengths and counts of contests, rounds, entries and scores; the app's forms read them (miniprogram/utils/limits.ts). */
export const CONTEST_LIMITS = {
  title: 40,
  theme: 100,
  summary: 500,
  rules: 10_000,
  topicTitle: 40,
  topicDescription: 500,
  awardName: 20,
  roundName: 20,
  dimensionName: 20,
  teamName: 20,
  employeeNo: 32,
  teammateName: 40,
  entryTitle: 40,
  scoreComment: 1000,
  /** Searching the judge candidates by 工号 or name. */
  judgeKeyword: 40,
  dimensions: 10,
  /** A team's members, the owner included, and the courses one entry may link. */
  teamMembers: 10,
  entryCourses: 10,
} as const;

export { CONTEST_ORGANISER_ROLES } from '../roles';

/** Pitch video (路演视频) bounds in seconds, checked on the server from the duration the client reports. */
export const PITCH_VIDEO_SECONDS = { min: 60, max: 120 } as const;
export const JUDGES_PER_ENTRY = { min: 3, max: 5 } as const;
export const MAX_TEAM_MEMBERS = CONTEST_LIMITS.teamMembers;
/**
 * A team entry needs this many confirmed members (the owner and at least one teammate who confirmed) to be
 * submitted, and a teammate of a submitted team may not leave it below this.
 */
export const MIN_TEAM_MEMBERS = 2;
export const MAX_ENTRY_COURSES = CONTEST_LIMITS.entryCourses;
/** Entries of at least this many courses count as a series (系列微课) for the series bonus. */
export const SERIES_MIN_COURSES = 3;
export const DEFAULT_ROUND_NAMES = ['初赛', '复赛', '决赛'] as const;

export { CONTEST_AWARD_KINDS };

/** What a round is doing today (Beijing day); voting may overlap judging, so the flags say it all. */
export const ROUND_PHASES = ['upcoming', 'submission', 'judging', 'voting', 'closed'] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];

export interface RoundPhaseView {
  /** The first that applies: submission, voting, judging; `closed` after every window, `upcoming` before. */
  phase: RoundPhase;
  submissionOpen: boolean;
  judgingOpen: boolean;
  votingOpen: boolean;
  resultsPublished: boolean;
}

export interface ContestSummary {
  id: string;
  title: string;
  theme: string;
  summary: string;
  poster: string | null;
  /** The current round's name and phase (the first round not closed, else the last). */
  currentRoundName: string | null;
  currentPhase: RoundPhase | null;
  finished: boolean;
  /** ISO 8601. */
  publishedAt: string | null;
}

/** A round's settings as the app shows them (the document's, without its judges and bookkeeping). */
export type RoundSettingsView = Pick<
  ContestRoundDoc,
  | 'index'
  | 'name'
  | 'submissionStartDay'
  | 'submissionEndDay'
  | 'judgingStartDay'
  | 'judgingEndDay'
  | 'voting'
  | 'formats'
  | 'pitchVideoRequired'
  | 'advancement'
  | 'weights'
  | 'bonuses'
  | 'rubric'
  | 'entryCount'
>;

export interface RoundView extends RoundPhaseView, RoundSettingsView {
  id: string;
}

export interface AwardConfigView {
  id: string;
  kind: ContestAwardKind;
  name: string;
  dimensionId: string | null;
  winners: number;
  points: number;
}

/** 大赛主页: theme, rules, timeline and the caller's part in it. */
export interface ContestView {
  id: string;
  title: string;
  theme: string;
  summary: string;
  rules: string;
  poster: string | null;
  /** Temporary URL of the poster, or null. */
  posterUrl: string | null;
  topics: ContestTopic[];
  rounds: RoundView[];
  awards: AwardConfigView[];
  finished: boolean;
  /** Whether the caller may sign up and vote (the contest's eligibility). */
  eligible: boolean;
  myEntryId: string | null;
  /** The caller's team invitations in this contest still waiting for an answer (组队邀请). */
  pendingInvitations: number;
  /** Round ids where the caller is a judge. */
  judgeRoundIds: string[];
}

export interface ContestAdminView extends ContestView {
  status: PublicationStatus;
  eligibility: { everyone: boolean; departmentIds: string[]; audiences: Audience[] };
  branchDepth: number;
  /** Per round: the judge pool and judges per entry. */
  judges: { roundId: string; judgeIds: string[]; judgeNames: string[]; judgesPerEntry: number; assignedAt: string | null }[];
  /** Award points the earning rules' daily caps would cut (积分承诺与实际), with what winners really get. */
  pointsWarnings: PointsCapWarning[];
}

export interface EntryMemberView {
  memberId: string;
  name: string;
  departmentPath: string[];
}

export interface EntryCourseRef {
  courseId: string;
  title: string;
  format: CourseFormat;
  /** Null while only in the author's draft (not yet submitted to the entry). */
  submittedRevision: number | null;
}

/** One entry as its members, judges and voters see it. */
export interface EntryView {
  id: string;
  contestId: string;
  kind: EntryKind;
  teamName: string | null;
  title: string;
  members: EntryMemberView[];
  topicId: string | null;
  topicTitle: string | null;
  courses: EntryCourseRef[];
  /** Others see it once a reviewer passed it; the uploader sees it with `review` 审核中 / 未通过 until then. */
  pitchVideo: { fileID: string; seconds: number; url: string | null; review: 'pending' | 'rejected' | null } | null;
  submitted: boolean;
  /** ISO 8601 or null. */
  submittedAt: string | null;
  currentRoundId: string;
  currentRoundName: string;
  /** Rounds reached, in order. */
  roundIds: string[];
  /** Whether the caller may edit it now (a member, during the current round's submission window). */
  editable: boolean;
  isMine: boolean;
  /** Whether the caller is the entry's owner (队长). */
  isOwner: boolean;
  /**
   * Whether the team may change now (invite, withdraw, confirm, decline, leave): a team entry still in the
   * first round while its submission window is open. Afterwards the team is frozen.
   */
  teamOpen: boolean;
  /** Invitations waiting for an answer, shown to the entry's members only (empty for anyone else). */
  invitations: EntryInvitationView[];
  /** Public votes in the current round (maintained by the voting half). */
  votes: number;
  /** Published results of each round the entry took part in. */
  results: { roundId: string; roundName: string; result: ContestEntryResult }[];
}

export interface EntryInvitationView {
  invitationId: string;
  /** The name the owner typed with the 工号 (it matched the member's). */
  name: string;
}

/** A team invitation as its invitee sees it (组队邀请). */
export interface InvitationView {
  id: string;
  contestId: string;
  contestTitle: string;
  entryId: string;
  title: string;
  teamName: string | null;
  inviterName: string;
  status: ContestInvitationStatus;
  /** Whether it can be answered now: pending, and the team still open (see EntryView.teamOpen). */
  open: boolean;
  /** ISO 8601. */
  invitedAt: string;
}

/** A card of the entry list (作品列表). */
export interface EntryCard {
  id: string;
  title: string;
  ownerName: string;
  teamName: string | null;
  votes: number;
}

/**
 * An entry's course as submitted, in the course player's content shape. Answered to the entry's members,
 * the judges assigned to the entry, admins, and — while a voting window of a round the entry is in is open
 * (or its results are published) — to eligible members; even when the course is not in the catalogue.
 */
export interface EntryCourseView {
  entryId: string;
  courseId: string;
  revision: number;
  title: string;
  summary: string;
  coverUrl: string | null;
  format: CourseFormat;
  durationMinutes: number;
  content: CourseContentView;
}

/** A round where the caller judges (评审工作台). */
export interface JudgeRoundView {
  contestId: string;
  contestTitle: string;
  roundId: string;
  roundName: string;
  judgingStartDay: string;
  judgingEndDay: string;
  judgingOpen: boolean;
  assigned: number;
  scored: number;
}

export interface JudgeAssignmentView {
  entryId: string;
  title: string;
  teamName: string | null;
  scored: boolean;
  weighted: number | null;
}

export interface JudgeEntryView {
  roundId: string;
  roundName: string;
  entry: EntryView;
  rubric: RubricDimension[];
  scores: Record<string, number> | null;
  weighted: number | null;
  comment: string;
  /** Scores may be saved only while the judging window is open. */
  locked: boolean;
  judgingEndDay: string;
}

export interface ResultRow extends ContestEntryResult {
  entryId: string;
  title: string;
  ownerName: string;
  teamName: string | null;
  branchId: string;
  branchName: string;
}

/** A round's results: computed for the admin's preview, or as published. */
export const RESULTS_VIEW_STATUSES = ['preview', 'published'] as const;
export type ResultsViewStatus = (typeof RESULTS_VIEW_STATUSES)[number];

export interface RoundResultsView extends Page<ResultRow> {
  roundId: string;
  roundName: string;
  status: ResultsViewStatus;
  /** Assignments without scores yet (publishing needs none, unless forced). */
  unscored: number;
  maxVotes: number;
  advancing: number;
  /** For quota advancement: slots per branch (largest remainder by headcount). */
  quotas: { branchId: string; branchName: string; headcount: number; slots: number; advancing: number }[];
}

export interface AwardView {
  awardId: string;
  kind: ContestAwardKind;
  name: string;
  points: number;
  winners: { entryId: string; title: string; ownerName: string; teamName: string | null }[];
  branchName: string | null;
  basis: string;
  /** ISO 8601, null while not decided. */
  decidedAt: string | null;
}

export interface JudgeAssignmentSummary {
  roundId: string;
  entries: number;
  judges: number;
  judgesPerEntry: number;
  /** Entries per judge. */
  loads: { judgeId: string; name: string; entries: number }[];
}

/**
 * Where an entry stands in a round, for the organisers' entry table: signed up but not yet submitted (未提交,
 * only in the first round), submitted and in the round now (已提交), or moved on to the next round (已晋级).
 */
export const ROUND_ENTRY_STATUSES = ['draft', 'submitted', 'advanced'] as const;
export type RoundEntryStatus = (typeof ROUND_ENTRY_STATUSES)[number];

/** A row of the organisers' entry table (参赛作品). */
export interface RoundEntryRow {
  id: string;
  title: string;
  kind: EntryKind;
  ownerName: string;
  teamName: string | null;
  members: number;
  courses: number;
  status: RoundEntryStatus;
  /** ISO 8601 or null. */
  submittedAt: string | null;
}

/** A member holding the judge role, offered for a round's judge pool (评委库). */
export interface JudgeCandidateView {
  memberId: string;
  name: string;
  departmentPath: string[];
}

/** One judge's scoring progress in a round (评审进度), for the admin's desk. */
export interface JudgeProgressRow {
  judgeId: string;
  name: string;
  departmentPath: string[];
  /** Whether the judge is in the round's pool now (a judge taken out keeps the scores already saved). */
  inPool: boolean;
  assigned: number;
  scored: number;
  /** ISO 8601 of the judge's latest saved score in the round, or null. */
  lastScoredAt: string | null;
}

export interface RoundJudgingProgress {
  roundId: string;
  roundName: string;
  judgingStartDay: string;
  judgingEndDay: string;
  judgingOpen: boolean;
  judgesPerEntry: number;
  /** ISO 8601 of the last assignment, or null before judges were assigned. */
  assignedAt: string | null;
  /** Over every judge: assignments and those scored. */
  assigned: number;
  scored: number;
  /** The pool's judges in pool order, then any judge outside the pool who holds assignments. */
  judges: JudgeProgressRow[];
}

/** Topic, dimension and award ids: dimension ids key a judge's scores. */
const shortId = recordKey;

const topicSchema = z.strictObject({
  id: shortId,
  title: requiredText(CONTEST_LIMITS.topicTitle),
  description: z._default(text(CONTEST_LIMITS.topicDescription), ''),
  painPoint: z._default(z.boolean(), false),
});

const eligibilitySchema = z.strictObject({
  everyone: z.boolean(),
  departmentIds: z._default(z.array(id).check(z.maxLength(50)), []),
  audiences: z._default(z.array(z.enum(AUDIENCES)).check(z.maxLength(AUDIENCES.length)), []),
});

const awardSchema = z.strictObject({
  id: shortId,
  kind: z.enum(CONTEST_AWARD_KINDS),
  name: requiredText(CONTEST_LIMITS.awardName),
  dimensionId: z._default(z.nullable(shortId), null),
  winners: z._default(z.int().check(z.gte(1), z.lte(50)), 1),
  points: z._default(pointsAmount(POINTS_LIMITS.award), 0),
});

const votingSchema = z.strictObject({
  startDay: day,
  endDay: day,
  mode: z._default(z.enum(VOTING_MODES), 'per_entry'),
  perDay: z._default(z.int().check(z.gte(1), z.lte(100)), 1),
  ownEntryAllowed: z._default(z.boolean(), false),
});

const advancementSchema = z.union([
  z.strictObject({ kind: z.literal('top'), count: z.int().check(z.gte(1), z.lte(10_000)) }),
  z.strictObject({ kind: z.literal('quota'), total: z.int().check(z.gte(1), z.lte(10_000)) }),
  z.strictObject({ kind: z.literal('none') }),
]);

const dimensionSchema = z.strictObject({
  id: shortId,
  name: requiredText(CONTEST_LIMITS.dimensionName),
  weight: z.int().check(z.gte(1), z.lte(100)),
  min: z._default(z.int().check(z.gte(0), z.lte(1000)), 0),
  max: z.int().check(z.gte(1), z.lte(1000)),
});

/** A round's settings; windows must follow each other (submission < judging; voting after submission). */
const roundFields = {
  name: requiredText(CONTEST_LIMITS.roundName),
  submissionStartDay: day,
  submissionEndDay: day,
  judgingStartDay: day,
  judgingEndDay: day,
  voting: z._default(z.nullable(votingSchema), null),
  formats: z._default(z.array(z.enum(COURSE_FORMATS)).check(z.maxLength(COURSE_FORMATS.length)), []),
  pitchVideoRequired: z._default(z.boolean(), false),
  advancement: advancementSchema,
  weights: z.strictObject({ judges: z.int().check(z.gte(0), z.lte(100)), votes: z.int().check(z.gte(0), z.lte(100)) }),
  bonuses: z._default(z.strictObject({ series: z.number().check(z.gte(0), z.lte(100)), painPointTopic: z.number().check(z.gte(0), z.lte(100)) }), {
    series: 0,
    painPointTopic: 0,
  }),
  rubric: z.array(dimensionSchema).check(z.minLength(1), z.maxLength(CONTEST_LIMITS.dimensions)),
  judgesPerEntry: z._default(z.int().check(z.gte(JUDGES_PER_ENTRY.min), z.lte(JUDGES_PER_ENTRY.max)), JUDGES_PER_ENTRY.min),
};
export const roundSchema = z.strictObject(roundFields);

const contestFields = {
  title: requiredText(CONTEST_LIMITS.title),
  theme: requiredText(CONTEST_LIMITS.theme),
  summary: z._default(text(CONTEST_LIMITS.summary), ''),
  rules: z._default(text(CONTEST_LIMITS.rules), ''),
  poster: z._default(z.nullable(fileId), null),
  eligibility: eligibilitySchema,
  topics: z._default(z.array(topicSchema).check(z.maxLength(100)), []),
  branchDepth: z._default(z.int().check(z.gte(1), z.lte(10)), 2),
  awards: z._default(z.array(awardSchema).check(z.maxLength(30)), []),
};

/** A teammate named by 工号 and name: both must match one eligible member (see TEAMMATE_UNAVAILABLE). */
const teammateSchema = z.strictObject({ employeeNo: requiredText(CONTEST_LIMITS.employeeNo), name: requiredText(CONTEST_LIMITS.teammateName) });
const teammatesSchema = z.array(teammateSchema).check(z.maxLength(MAX_TEAM_MEMBERS - 1));

const pitchVideoSchema = z.strictObject({ fileID: fileId, seconds: z.number().check(z.gte(1), z.lte(3600)) });

export type ContestInput = z.input<z.ZodMiniObject<typeof contestFields>>;
export type RoundInput = z.input<typeof roundSchema>;

export const contestContracts = {
  /** 大赛 tab: published contests, newest first. */
  list: contract<Page<ContestSummary>>()(pageInput),
  /** 大赛主页. Learners see published contests only. */
  detail: contract<ContestView>()(z.strictObject({ contestId: id })),

  // Taking part (参赛).
  /**
   * 报名: alone, or as a team. The caller enters as the owner (队长); teammates, named by 工号 and name, are
   * invited, not entered: each confirms in the app (answerInvitation) before they are on the team. A teammate
   * who cannot be invited (unknown, wrong name, inactive, not eligible, already in an entry, the caller,
   * named twice) is refused with the one TEAMMATE_UNAVAILABLE answer, and nothing is written but the count of
   * the caller's refused teammates: after 10 in an hour, RATE_LIMITED until the hour has passed. Only during
   * the first round's submission window.
   */
  signUp: contract<EntryView>()(
    z.strictObject({
      contestId: id,
      kind: z.enum(ENTRY_KINDS),
      teamName: z._default(z.nullable(text(CONTEST_LIMITS.teamName)), null),
      teammates: z._default(teammatesSchema, []),
      title: requiredText(CONTEST_LIMITS.entryTitle),
      topicId: z._default(z.nullable(shortId), null),
      requestId: clientId,
    }),
  ),
  /** The caller's entry in a contest, or null. */
  myEntry: contract<EntryView | null>()(z.strictObject({ contestId: id })),
  /**
   * Edits and submits an entry (提交作品) during its current round's submission window: a team needs
   * MIN_TEAM_MEMBERS confirmed members; the courses must be authored by a member of the entry (studio
   * courses, any status) in the round's formats; the pitch video's
   * duration (reported by the client from the chosen file) must be within PITCH_VIDEO_SECONDS. Each call
   * copies the courses' latest revisions into the entry, which judges and voters then see.
   */
  submitEntry: contract<EntryView>()(
    z.strictObject({
      entryId: id,
      title: requiredText(CONTEST_LIMITS.entryTitle),
      teamName: z._default(z.nullable(text(CONTEST_LIMITS.teamName)), null),
      topicId: z._default(z.nullable(shortId), null),
      courseIds: z.array(id).check(z.minLength(1), z.maxLength(MAX_ENTRY_COURSES)),
      pitchVideo: z._default(z.nullable(pitchVideoSchema), null),
    }),
  ),
  /** 作品详情. */
  entry: contract<EntryView>()(z.strictObject({ entryId: id })),

  // Teams (组队): invitations, while the team is open (EntryView.teamOpen).
  /**
   * The owner invites more teammates (same checks and refusal as signUp); confirmed members and pending
   * invitations together stay within MAX_TEAM_MEMBERS.
   */
  invite: contract<EntryView>()(z.strictObject({ entryId: id, teammates: z.array(teammateSchema).check(z.minLength(1), z.maxLength(MAX_TEAM_MEMBERS - 1)) })),
  /** The owner withdraws a pending invitation (撤回邀请). */
  withdrawInvitation: contract<EntryView>()(z.strictObject({ invitationId: id })),
  /** The caller's pending invitations, newest first, in one contest or all. */
  invitations: contract<Page<InvitationView>>()(z.strictObject({ ...pageInputShape, contestId: z._default(z.nullable(id), null) })),
  /**
   * The invitee confirms (joins the team, if in no other entry of the contest and the team has room) or
   * declines. Answering again the same way answers the invitation as it is.
   */
  answerInvitation: contract<InvitationView>()(z.strictObject({ invitationId: id, accept: z.boolean() })),
  /** A confirmed teammate (not the owner) leaves the team (退出队伍). */
  leaveTeam: contract<EntryView>()(z.strictObject({ entryId: id })),
  /** 作品列表: the submitted entries of a round, searchable by title, team or author name. */
  entries: contract<Page<EntryCard>>()(z.strictObject({ ...pageInputShape, roundId: id, keyword: z._default(text(CONTEST_LIMITS.entryTitle), '') })),
  /** One course of an entry for the player (see EntryCourseView for who may read it). */
  entryCourse: contract<EntryCourseView>()(z.strictObject({ entryId: id, courseId: id })),

  // Judges (评委).
  /** Rounds where the caller is in the judge pool, newest first, with their scoring progress. */
  judgeRounds: contract<Page<JudgeRoundView>>()(z.strictObject({ ...pageInputShape })),
  /** The caller's assigned entries in a round, not yet scored first. */
  judgeAssignments: contract<Page<JudgeAssignmentView> & { assigned: number; scored: number }>()(z.strictObject({ ...pageInputShape, roundId: id })),
  judgeEntry: contract<JudgeEntryView>()(z.strictObject({ roundId: id, entryId: id })),
  /** Saves the caller's scores (each dimension an integer within its range) and comment; only while judging is open. */
  saveScores: contract<JudgeEntryView>()(
    z.strictObject({
      roundId: id,
      entryId: id,
      scores: z.record(shortId, z.int().check(z.gte(0), z.lte(1000))),
      comment: z._default(text(CONTEST_LIMITS.scoreComment), ''),
    }),
  ),

  // Results (成绩).
  /** Published results of a round, by rank. */
  results: contract<RoundResultsView>()(z.strictObject({ ...pageInputShape, roundId: id })),
  /** The contest's decided awards (颁奖). */
  awards: contract<AwardView[]>()(z.strictObject({ contestId: id })),

  // Organisers (组织者: CONTEST_ORGANISER_ROLES, within their scope).
  adminList: contract<Page<ContestSummary & { status: PublicationStatus }>>()(z.strictObject({ ...pageInputShape })),
  adminDetail: contract<ContestAdminView>()(z.strictObject({ contestId: id })),
  /** Creates a draft contest with its rounds (usually 初赛, 复赛, 决赛); the same requestId answers the same contest. */
  createContest: contract<ContestAdminView>()(
    z.strictObject({ ...contestFields, rounds: z.array(roundSchema).check(z.minLength(1), z.maxLength(10)), requestId: clientId }),
  ),
  updateContest: contract<ContestAdminView>()(z.extend(z.partial(z.strictObject(contestFields)), { contestId: id })),
  /** Changes a round's settings; the rubric only before judging starts, nothing once its results are published. */
  updateRound: contract<ContestAdminView>()(z.extend(z.partial(z.strictObject(roundFields)), { roundId: id })),
  setStatus: contract<ContestAdminView>()(z.strictObject({ contestId: id, status: z.enum(PUBLICATION_STATUSES) })),
  /**
   * A round's entries for its organisers, newest sign-up first, narrowed by status (all when absent) and by a
   * keyword in the title, the owner's name or the team name; drafts included, which the public list leaves out.
   */
  roundEntries: contract<Page<RoundEntryRow>>()(
    z.strictObject({
      ...pageInputShape,
      roundId: id,
      status: z.optional(z.enum(ROUND_ENTRY_STATUSES)),
      keyword: z._default(text(CONTEST_LIMITS.entryTitle), ''),
    }),
  ),
  /**
   * Active members holding the judge role in the caller's scope (their trainer and admin scopes together),
   * searched by the start of a 工号 or part of a name, for a round's judge pool.
   */
  judgeCandidates: contract<Page<JudgeCandidateView>>()(z.strictObject({ ...pageInputShape, keyword: z._default(text(CONTEST_LIMITS.judgeKeyword), '') })),
  /** Sets a round's judge pool; members named must hold the judge role. */
  setJudges: contract<ContestAdminView>()(
    z.strictObject({
      roundId: id,
      judgeIds: z.array(id).check(z.minLength(JUDGES_PER_ENTRY.min), z.maxLength(200)),
      judgesPerEntry: z.int().check(z.gte(JUDGES_PER_ENTRY.min), z.lte(JUDGES_PER_ENTRY.max)),
    }),
  ),
  /**
   * Assigns judges to the round's submitted entries: each entry gets `judgesPerEntry` judges, never one from
   * a department of the entry's members nor a member of it, loads as even as the exclusions allow.
   * Deterministic; re-running before judging starts replaces the assignment.
   */
  assignJudges: contract<JudgeAssignmentSummary>()(z.strictObject({ roundId: id })),
  /** Scoring progress per judge of a round (organisers): assignments and scores saved, from two aggregations. */
  judgeProgress: contract<RoundJudgingProgress>()(z.strictObject({ roundId: id })),
  /** Computes the round's results without publishing (organisers). */
  previewResults: contract<RoundResultsView>()(z.strictObject({ ...pageInputShape, roundId: id })),
  /**
   * Publishes the round's results once judging and voting are over (read-only afterwards): advancing entries
   * enter the next round; the last round decides the computed awards and pays their points once.
   * `force` publishes despite unscored assignments.
   */
  publishResults: contract<RoundResultsView>()(z.strictObject({ ...pageInputShape, roundId: id, force: z._default(z.boolean(), false) })),
  /** Gives a named award (指定奖项) to entries once the final's results are published; pays its points once. */
  giveAward: contract<AwardView>()(z.strictObject({ contestId: id, awardId: shortId, entryIds: z.array(id).check(z.minLength(1), z.maxLength(50)) })),

  ...contestVotingContracts,
};
