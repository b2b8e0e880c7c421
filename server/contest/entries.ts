/**
 * Taking part (参赛): sign-up alone or as a team, submitting and editing the entry during the current round's
 * submission window, the entry's page and the round's entry list, and an entry's course for the player.
 *
 * A member is in at most one entry per contest: `contestParticipants/<contestId>:<memberId>` is written in
 * the sign-up transaction for the owner, and in the confirming transaction for each invited teammate
 * (team.ts), so two entries can never both hold the same member.
 */
import type {
  ContestDoc,
  ContestEntryCourseDoc,
  ContestEntryDoc,
  ContestInvitationDoc,
  ContestParticipantDoc,
  ContestRoundDoc,
  ContestStandingDoc,
  CourseAuthoringDoc,
  CourseDoc,
  CourseFieldsDoc,
  CourseRevisionDoc,
  MemberDoc,
  PitchVideo,
} from '../../typings/domain';
import { contestContracts, MAX_TEAM_MEMBERS, MIN_TEAM_MEMBERS, PITCH_VIDEO_SECONDS } from '../../typings/functions/contest';
import type { EntryCard, EntryCourseView, EntryView } from '../../typings/functions/contest';
import {
  AppError,
  assertOwnUploads,
  checkTexts,
  COLLECTIONS,
  defineAction,
  findById,
  findPage,
  loadMediaGate,
  pageOf,
  runTransaction,
  submitMediaChecks,
  tempUrls,
  txGet,
  urlOf,
} from '../core';
import type { Database, WxCloud } from '../core';
import { isoDate } from '../core/published';
import { pickFields } from '../authoring';
import { txPut } from '../core/transaction';
import { revisionId } from '../authoring';
import { contentView } from '../course';
import { byIds, docsOf } from '../core/db';
import { administers, isEligible, isOwnEntry, loadEntry, loadRound, loadVisibleContest, roundPhase } from './access';
import { branchOf } from './branches';
import { entryCourseId, entryIdOf, invitationId, participantId, scoreId, standingId } from './ids';
import { entryResults } from './results';
import { newStanding, standingFields } from './standings';
import { readEvery, replacing, withEntryKeyword } from './read';
import { checkRoom, declineOtherInvitations, findInvitees, newInvitation, participantOf, teamOpen } from './team';

export async function entryView(db: Database, cloud: WxCloud, entry: ContestEntryDoc, contest: ContestDoc, memberId: string, now: Date): Promise<EntryView> {
  const mine = isOwnEntry(entry, memberId);
  // Pending invitees are shown to the team only.
  const invitedIds = mine ? (entry.invitedIds ?? []) : [];
  const [members, snapshots, standings, authoring, published] = await Promise.all([
    byIds<MemberDoc>(db, COLLECTIONS.members, [...entry.memberIds, ...invitedIds]),
    docsOf<ContestEntryCourseDoc>(db.collection(COLLECTIONS.contestEntryCourses).where({ entryId: entry._id }).limit(100)),
    docsOf<ContestStandingDoc>(db.collection(COLLECTIONS.contestStandings).where({ entryId: entry._id }).limit(100)),
    byIds<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, entry.courseIds),
    entryResults(db, entry._id),
  ]);
  const rounds = await byIds<ContestRoundDoc>(db, COLLECTIONS.contestRounds, entry.roundIds);
  const round = rounds.get(entry.currentRoundId);
  if (!round) throw new AppError('NOT_FOUND', '比赛轮次不存在');
  const submitted = new Map(snapshots.map((snapshot) => [snapshot.courseId, snapshot]));
  // A pitch video under review is the uploader's alone until a reviewer passes it (server/core/media-check.ts).
  const gate = await loadMediaGate(db, [entry.pitchVideo?.fileID]);
  const pitchVideo = entry.pitchVideo && gate.visible(entry.pitchVideo.fileID, memberId) ? entry.pitchVideo : null;
  const urls = await tempUrls(cloud, [pitchVideo?.fileID], { viewerId: memberId });
  return {
    id: entry._id,
    contestId: entry.contestId,
    kind: entry.kind,
    teamName: entry.teamName,
    title: entry.title,
    members: entry.memberIds.map((id) => {
      const member = members.get(id);
      return { memberId: id, name: member?.name ?? '', departmentPath: member?.departmentPath ?? [] };
    }),
    topicId: entry.topicId,
    topicTitle: contest.topics.find((topic) => topic.id === entry.topicId)?.title ?? null,
    courses: entry.courseIds.map((courseId) => {
      const snapshot = submitted.get(courseId);
      return {
        courseId,
        title: snapshot?.fields.title ?? authoring.get(courseId)?.title ?? '',
        format: snapshot?.fields.format ?? authoring.get(courseId)?.format ?? 'article',
        submittedRevision: snapshot?.revision ?? null,
      };
    }),
    pitchVideo: pitchVideo
      ? { ...pitchVideo, url: urlOf(urls, pitchVideo.fileID), review: gate.review([pitchVideo.fileID], memberId)?.[pitchVideo.fileID] ?? null }
      : null,
    submitted: entry.submitted,
    submittedAt: isoDate(entry.submittedAt),
    currentRoundId: round._id,
    currentRoundName: round.name,
    roundIds: entry.roundIds,
    editable: mine && roundPhase(round, now).submissionOpen && round.resultsStatus !== 'published',
    isMine: mine,
    isOwner: entry.ownerId === memberId,
    teamOpen: teamOpen(contest, entry, rounds.get(contest.roundIds[0] as string), now),
    invitations: invitedIds.map((id) => ({ invitationId: invitationId(entry._id, id), name: members.get(id)?.name ?? '' })),
    votes: standings.find((standing) => standing.roundId === entry.currentRoundId)?.votes ?? 0,
    results: published
      .sort((a, b) => entry.roundIds.indexOf(a.roundId) - entry.roundIds.indexOf(b.roundId))
      .map(({ roundId, row }) => {
        const { entryId: _entryId, branchId: _branchId, title: _title, ownerName: _ownerName, teamName: _teamName, ...result } = row;
        return { roundId, roundName: rounds.get(roundId)?.name ?? '', result };
      }),
  };
}

/** Team name and title pass WeChat's content check (they are shown to every member). */
function checkTopic(contest: ContestDoc, topicId: string | null): void {
  if (topicId !== null && !contest.topics.some((topic) => topic.id === topicId)) throw new AppError('INVALID_INPUT', '所选选题不存在');
}

function checkTeamName(kind: ContestEntryDoc['kind'], teamName: string | null): void {
  if (kind === 'team' && !teamName) throw new AppError('INVALID_INPUT', '请填写队名');
  if (kind === 'individual' && teamName) throw new AppError('INVALID_INPUT', '个人参赛不需要队名');
}

async function firstRound(db: Database, contest: ContestDoc): Promise<ContestRoundDoc> {
  return (await loadRound(db, contest.roundIds[0] as string)).round;
}

export interface SignUpFields {
  entryId: string;
  kind: ContestEntryDoc['kind'];
  teamName: string | null;
  title: string;
  topicId: string | null;
}

/**
 * Enters the owner (already checked eligible) in the contest's first round as one entry, with their
 * participant document, and invites the others (already checked by findInvitees: pending invitations, see
 * team.ts) in the same transaction. An existing entry of the same id is answered as it is (a retried
 * sign-up); an owner already in another entry is refused with ALREADY_ENTERED.
 */
export async function enterContest(
  db: Database,
  contest: ContestDoc,
  round: ContestRoundDoc,
  [owner, ...invitees]: readonly [MemberDoc, ...MemberDoc[]],
  fields: SignUpFields,
  at: Date,
): Promise<ContestEntryDoc> {
  const entry: ContestEntryDoc = {
    _id: fields.entryId,
    contestId: contest._id,
    kind: fields.kind,
    teamName: fields.kind === 'team' ? fields.teamName : null,
    ownerId: owner._id,
    ownerName: owner.name,
    memberIds: [owner._id],
    invitedIds: [],
    departmentIds: [owner.departmentId],
    branchId: branchOf(owner.departmentPath, contest.branchDepth),
    topicId: fields.topicId,
    title: fields.title,
    courseIds: [],
    pitchVideo: null,
    submitted: false,
    roundIds: [round._id],
    currentRoundId: round._id,
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
  };
  checkRoom(entry, invitees, MAX_TEAM_MEMBERS);
  const saved: ContestEntryDoc = { ...entry, invitedIds: invitees.map((one) => one._id) };
  return runTransaction(db, async (tx) => {
    const again = await txGet<ContestEntryDoc>(tx, COLLECTIONS.contestEntries, entry._id);
    if (again) return again;
    const taken = await txGet<ContestParticipantDoc>(tx, COLLECTIONS.contestParticipants, participantId(contest._id, owner._id));
    if (taken) throw new AppError('ALREADY_ENTERED', '你已报名本次大赛');
    await txPut(tx, COLLECTIONS.contestParticipants, participantOf(contest, owner, entry._id));
    await txPut(tx, COLLECTIONS.contestEntries, saved);
    for (const one of invitees) await txPut<ContestInvitationDoc>(tx, COLLECTIONS.contestInvitations, newInvitation(saved, one, at));
    return saved;
  });
}

export const signUp = defineAction({
  ...contestContracts.signUp,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const member = caller.member;
    const contest = await loadVisibleContest(db, input.contestId, member);
    const entryId = entryIdOf(contest._id, member._id, input.requestId);
    const existing = await findById<ContestEntryDoc>(db, COLLECTIONS.contestEntries, entryId);
    if (existing) return entryView(db, cloud, existing, contest, member._id, at);
    if (contest.status !== 'published') throw new AppError('CONTEST_PHASE', '大赛未在进行中');
    const round = await firstRound(db, contest);
    if (!roundPhase(round, at).submissionOpen) throw new AppError('CONTEST_PHASE', '不在报名时间内');
    if (!isEligible(contest, member, at)) throw new AppError('NOT_ELIGIBLE', '你不在本次大赛的参赛范围内');
    checkTeamName(input.kind, input.teamName || null);
    if (input.kind === 'individual' && input.teammates.length > 0) throw new AppError('INVALID_INPUT', '个人参赛不能添加队员');
    if (input.kind === 'team' && input.teammates.length === 0) throw new AppError('INVALID_INPUT', '团队参赛请至少邀请一名队友');
    checkTopic(contest, input.topicId);
    const invitees = await findInvitees(db, contest, member._id, input.teammates, [], at);
    await checkTexts(cloud, caller.openid, [input.title, input.teamName], 'comment');
    const saved = await enterContest(
      db,
      contest,
      round,
      [member, ...invitees],
      { entryId, kind: input.kind, teamName: input.teamName, title: input.title, topicId: input.topicId },
      at,
    );
    await declineOtherInvitations(db, contest, member, at);
    return entryView(db, cloud, saved, contest, member._id, at);
  },
});

export const myEntry = defineAction({
  ...contestContracts.myEntry,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const contest = await loadVisibleContest(db, input.contestId, caller.member);
    const participant = await findById<ContestParticipantDoc>(db, COLLECTIONS.contestParticipants, participantId(contest._id, caller.member._id));
    if (!participant) return null;
    return entryView(db, cloud, await loadEntry(db, participant.entryId), contest, caller.member._id, now());
  },
});

/** The fields the author submits: the latest revision (draft or published), else the published course. */
async function submittedFields(db: Database, authoring: CourseAuthoringDoc): Promise<{ revision: number; fields: CourseFieldsDoc }> {
  const revision = await findById<CourseRevisionDoc>(db, COLLECTIONS.courseRevisions, revisionId(authoring._id, authoring.latestRevision));
  if (revision) return { revision: revision.revision, fields: revision.fields };
  const course = await findById<CourseDoc>(db, COLLECTIONS.courses, authoring._id);
  if (!course) throw new AppError('NOT_FOUND', `课程「${authoring.title}」没有可提交的内容`);
  return { revision: course.revision, fields: pickFields(course) };
}

/** Copies each course as it stands now into the entry, for judges and voters; drops courses taken out. */
async function snapshotCourses(db: Database, entry: ContestEntryDoc, round: ContestRoundDoc, courseIds: readonly string[], at: Date): Promise<void> {
  if (new Set(courseIds).size !== courseIds.length) throw new AppError('INVALID_INPUT', '课程重复');
  const authoring = await byIds<CourseAuthoringDoc>(db, COLLECTIONS.courseAuthoring, courseIds);
  const snapshots: ContestEntryCourseDoc[] = [];
  for (const courseId of courseIds) {
    const course = authoring.get(courseId);
    if (!course) throw new AppError('NOT_FOUND', `课程 ${courseId} 不存在`);
    if (!entry.memberIds.includes(course.authorId)) throw new AppError('FORBIDDEN', `「${course.title}」不是本作品成员制作的课程`);
    const { revision, fields } = await submittedFields(db, course);
    if (round.formats.length > 0 && !round.formats.includes(fields.format))
      throw new AppError('INVALID_INPUT', `「${fields.title}」的形式不符合${round.name}的要求`);
    snapshots.push({ _id: entryCourseId(entry._id, courseId), entryId: entry._id, courseId, revision, fields, submittedAt: at });
  }
  for (const { _id, ...data } of snapshots) await db.collection(COLLECTIONS.contestEntryCourses).doc(_id).set({ data });
  const stale = (await readEvery<ContestEntryCourseDoc>(db, COLLECTIONS.contestEntryCourses, { entryId: entry._id })).filter(
    (doc) => !courseIds.includes(doc.courseId),
  );
  for (const doc of stale) await db.collection(COLLECTIONS.contestEntryCourses).doc(doc._id).remove();
}

/** A team is submitted with at least MIN_TEAM_MEMBERS confirmed members (pending invitees do not count). */
function checkTeamSize(entry: ContestEntryDoc): void {
  if (entry.kind === 'team' && entry.memberIds.length < MIN_TEAM_MEMBERS) {
    throw new AppError('INVALID_INPUT', `团队作品须有 ${MIN_TEAM_MEMBERS} 名及以上已确认的成员才能提交，请等待队友在小程序中确认邀请`);
  }
}

export interface SubmissionFields {
  title: string;
  teamName: string | null;
  topicId: string | null;
  courseIds: string[];
  pitchVideo: PitchVideo | null;
}

/**
 * Submits (or edits) the entry in its current round's submission window: checks the fields against the
 * contest and round, copies the courses as they stand now, and creates the entry's standing in the round on
 * its first submission. Content checks of the texts are the caller's (they need the member's WeChat openid).
 */
export async function submitEntryFor(db: Database, contest: ContestDoc, entry: ContestEntryDoc, fields: SubmissionFields, at: Date): Promise<ContestEntryDoc> {
  const { round } = await loadRound(db, entry.currentRoundId);
  if (!roundPhase(round, at).submissionOpen || round.resultsStatus === 'published') throw new AppError('CONTEST_PHASE', `${round.name}不在提交时间内`);
  checkTeamSize(entry);
  checkTeamName(entry.kind, fields.teamName);
  checkTopic(contest, fields.topicId);
  if (fields.pitchVideo) {
    // The client reports the duration it read from the file (wx.chooseMedia gives it); the bound is checked here.
    const { seconds } = fields.pitchVideo;
    if (seconds < PITCH_VIDEO_SECONDS.min || seconds > PITCH_VIDEO_SECONDS.max) throw new AppError('INVALID_INPUT', '路演视频时长须在 1–2 分钟之间');
  } else if (round.pitchVideoRequired) {
    throw new AppError('INVALID_INPUT', `${round.name}须提交 1–2 分钟的路演视频`);
  }
  await snapshotCourses(db, entry, round, fields.courseIds, at);
  const changes = { ...fields, submitted: true, submittedAt: at, updatedAt: at };
  const next: ContestEntryDoc = { ...entry, ...changes };
  const firstSubmission = await runTransaction(db, async (tx) => {
    // Read in the transaction: a teammate leaving at the same moment cannot leave a submitted team too small.
    checkTeamSize((await txGet<ContestEntryDoc>(tx, COLLECTIONS.contestEntries, entry._id)) ?? entry);
    await tx
      .collection(COLLECTIONS.contestEntries)
      .doc(entry._id)
      .update({ data: replacing(db, changes) });
    const id = standingId(round._id, entry._id);
    const standing = await txGet<ContestStandingDoc>(tx, COLLECTIONS.contestStandings, id);
    if (standing) {
      await tx
        .collection(COLLECTIONS.contestStandings)
        .doc(id)
        .update({ data: standingFields(next, at) });
      return false;
    }
    await txPut(tx, COLLECTIONS.contestStandings, newStanding(next, round._id, at));
    return true;
  });
  // The round's entry count moves by an atomic increment outside the transaction, so hundreds of first
  // submissions at once never conflict on the round document; assignJudges and publishing set it exactly.
  if (firstSubmission)
    await db
      .collection(COLLECTIONS.contestRounds)
      .doc(round._id)
      .update({ data: { entryCount: db.command.inc(1) } });
  return next;
}

export const submitEntry = defineAction({
  ...contestContracts.submitEntry,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const at = now();
    const entry = await loadEntry(db, input.entryId);
    if (!isOwnEntry(entry, caller.member._id)) throw new AppError('FORBIDDEN', '只有作品成员可以提交');
    const contest = await loadVisibleContest(db, entry.contestId, caller.member);
    const { round } = await loadRound(db, entry.currentRoundId);
    if (!roundPhase(round, at).submissionOpen || round.resultsStatus === 'published') throw new AppError('CONTEST_PHASE', `${round.name}不在提交时间内`);
    const teamName = input.teamName || null;
    assertOwnUploads(caller.openid, [input.pitchVideo?.fileID], { purpose: 'pitch-video', kept: [entry.pitchVideo?.fileID] });
    await checkTexts(cloud, caller.openid, [input.title === entry.title ? null : input.title, teamName === entry.teamName ? null : teamName], 'comment');
    await submitMediaChecks(db, cloud, caller, [input.pitchVideo?.fileID], 'forum');
    const next = await submitEntryFor(
      db,
      contest,
      entry,
      { title: input.title, teamName, topicId: input.topicId, courseIds: input.courseIds, pitchVideo: input.pitchVideo },
      at,
    );
    return entryView(db, cloud, next, contest, caller.member._id, at);
  },
});

export const entry = defineAction({
  ...contestContracts.entry,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }) => {
    const found = await loadEntry(db, input.entryId);
    const contest = await loadVisibleContest(db, found.contestId, caller.member);
    return entryView(db, cloud, found, contest, caller.member._id, now());
  },
});

function cardOf(standing: ContestStandingDoc): EntryCard {
  return { id: standing.entryId, title: standing.title, ownerName: standing.ownerName, teamName: standing.teamName, votes: standing.votes };
}

export const entries = defineAction({
  ...contestContracts.entries,
  roles: ['learner'],
  handler: async ({ db, caller, input }) => {
    const { contest } = await loadRound(db, input.roundId);
    await loadVisibleContest(db, contest._id, caller.member);
    const filter = withEntryKeyword(db, { roundId: input.roundId }, input.keyword);
    const found = await findPage<ContestStandingDoc>(db, COLLECTIONS.contestStandings, filter, [{ field: '_id', direction: 'asc' }], input);
    return pageOf(found, input, cardOf);
  },
});

/**
 * Who may read an entry's course: its members, admins of the contest, judges assigned to it in any of its
 * rounds, and eligible members while a round of the entry is in its voting window or has published results.
 */
async function mayReadCourses(db: Database, contest: ContestDoc, found: ContestEntryDoc, member: MemberDoc, now: Date): Promise<boolean> {
  if (isOwnEntry(found, member._id) || administers(contest, member)) return true;
  for (const roundId of found.roundIds) if (await findById(db, COLLECTIONS.contestScores, scoreId(roundId, found._id, member._id))) return true;
  if (!isEligible(contest, member, now)) return false;
  for (const roundId of found.roundIds) {
    const phase = roundPhase((await loadRound(db, roundId)).round, now);
    if (phase.votingOpen || phase.resultsPublished) return true;
  }
  return false;
}

export const entryCourse = defineAction({
  ...contestContracts.entryCourse,
  roles: ['learner'],
  handler: async ({ db, cloud, caller, input, now }): Promise<EntryCourseView> => {
    const found = await loadEntry(db, input.entryId);
    const contest = await loadVisibleContest(db, found.contestId, caller.member);
    if (!found.courseIds.includes(input.courseId)) throw new AppError('NOT_FOUND', '该课程不属于这件作品');
    if (!(await mayReadCourses(db, contest, found, caller.member, now()))) throw new AppError('FORBIDDEN', '投票开始后才能观看参赛课程');
    const snapshot = await findById<ContestEntryCourseDoc>(db, COLLECTIONS.contestEntryCourses, entryCourseId(found._id, input.courseId));
    if (!snapshot) throw new AppError('NOT_FOUND', '该课程尚未提交');
    const { fields } = snapshot;
    const urls = await tempUrls(cloud, [
      fields.cover,
      fields.content.mediaFileID,
      fields.content.narrationFileID,
      ...fields.content.blocks.map((block) => (block.type === 'image' ? block.fileID : null)),
    ]);
    return {
      entryId: found._id,
      courseId: input.courseId,
      revision: snapshot.revision,
      title: fields.title,
      summary: fields.summary,
      coverUrl: urlOf(urls, fields.cover),
      format: fields.format,
      durationMinutes: fields.durationMinutes,
      content: contentView(fields, urls),
    };
  },
});
