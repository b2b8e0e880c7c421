/**
 * Creating and editing campaigns (trainers and admins), with the life cycle draft → published → ended →
 * archived.
 *
 * Editing rule for a published (or ended) campaign: a change may not rewrite what already happened.
 * - The tasks of days that have begun (up to and including today) stay as they are; later days' tasks may
 *   change, and days may be added by extending `endDay`.
 * - `startDay` may move only while the campaign has not started (and not into the past); `endDay` may not
 *   move before today.
 * - The team mode is fixed once published; teams may be renamed and added, not removed.
 * - Capacity may not go below the members already taking part.
 * - Everything else (requirement, points, milestones, make-up rules, reminder, certificate, eligibility,
 *   approval, sign-up window) applies from now on: check-ins already made keep their text, pictures,
 *   points and counts, and milestones already reached stay reached.
 * Ended and archived campaigns cannot be edited.
 */
import { randomBytes } from 'node:crypto';
import type * as z from 'zod/mini';
import type { CampaignDoc, CampaignTaskDoc, CampaignTeamDoc, CourseDoc, DepartmentDoc, MemberDoc } from '../../typings/domain';
import { type campaignFieldsShape, MAX_CAMPAIGN_DAYS } from '../../typings/functions/campaign';
import type { CampaignScopeChoice } from '../../typings/functions/campaign';
import { AppError, COLLECTIONS, findById, inScope, runTransaction, scopeFor, txGet } from '../core';
import type { Database, Scope } from '../core';
import { hashId } from '../core/ids';
import { addDays, beijingDate, daysBetween, isCalendarDay } from '../core/time';
import { campaignScopeOf, scopeCovers, scopeLabel } from './access';
import { hotTransaction } from './contention';
import { txPut } from '../core/transaction';
import { promoteWaiting, txCampaign } from './enrollment';
import { forgetCampaign } from './kept';

type FieldsShape = typeof campaignFieldsShape;
export type CampaignFields = { [K in keyof FieldsShape]: z.output<FieldsShape[K]> };

/** The union of the member's trainer and admin scopes (campaigns are managed with either role). */
export function managerScope(member: Pick<MemberDoc, 'roles'>): Scope | null {
  const scopes = [scopeFor(member, 'trainer'), scopeFor(member, 'admin')].filter((scope): scope is Scope => scope !== null);
  if (scopes.length === 0) return null;
  if (scopes.includes('all')) return 'all';
  return [...new Set(scopes.flat())].sort();
}

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', message);
}

async function readByIds<T extends { _id: string }>(
  db: Database,
  collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS],
  ids: readonly string[],
): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  const { data } = (await db
    .collection(collection)
    .where({ _id: db.command.in([...new Set(ids)]) })
    .limit(1000)
    .get()) as unknown as { data: T[] };
  return new Map(data.map((doc) => [doc._id, doc]));
}

/** Tasks with their courses' titles; every linked course must exist and be published. */
async function resolveTasks(db: Database, tasks: CampaignFields['tasks']): Promise<CampaignTaskDoc[]> {
  const courses = await readByIds<CourseDoc>(
    db,
    COLLECTIONS.courses,
    tasks.flatMap((task) => (task.courseId ? [task.courseId] : [])),
  );
  return tasks.map((task, i) => {
    if (!task.courseId && task.prompt === '') throw invalid(`第 ${i + 1} 天的任务需要关联课程或填写题目`);
    const course = task.courseId ? courses.get(task.courseId) : undefined;
    if (task.courseId && course?.status !== 'published') throw invalid(`第 ${i + 1} 天关联的课程不存在或未发布`);
    return { courseId: task.courseId, courseTitle: course?.title ?? null, prompt: task.prompt };
  });
}

/** Department display paths; every department must exist and lie within the manager's scope. */
async function resolveDepartments(db: Database, ids: readonly string[], scope: Scope): Promise<string[]> {
  if (scope !== 'all' && ids.length === 0) throw new AppError('FORBIDDEN', '你的管理范围有限，请选择参与部门');
  const departments = await readByIds<DepartmentDoc>(db, COLLECTIONS.departments, ids);
  return ids.map((id) => {
    const department = departments.get(id);
    if (!department) throw invalid(`部门 ${id} 不存在`);
    if (!inScope(id, scope)) throw new AppError('FORBIDDEN', `部门「${department.path.join('/')}」不在你的管理范围内`);
    return department.path.join('/');
  });
}

/** Teams keep their ids; new ones get the next free `t<n>`. */
function resolveTeams(fields: Pick<CampaignFields, 'teamMode' | 'teams'>, before: readonly CampaignTeamDoc[]): CampaignTeamDoc[] {
  if (fields.teamMode === 'none') {
    if (fields.teams.length > 0) throw invalid('不分组的活动不能设置分组');
    return [];
  }
  if (fields.teams.length < 2) throw invalid('分组活动至少需要两个分组');
  const names = new Set(fields.teams.map((team) => team.name));
  if (names.size !== fields.teams.length) throw invalid('分组名称不能重复');
  let next = Math.max(0, ...before.map((team) => Number(team.id.slice(1)) || 0));
  return fields.teams.map((team) => {
    if (team.id !== undefined) {
      if (!before.some((old) => old.id === team.id)) throw invalid(`分组 ${team.id} 不存在`);
      return { id: team.id, name: team.name };
    }
    next += 1;
    return { id: `t${next}`, name: team.name };
  });
}

/** Checks that need several fields at once; answers the stored form of the fields. */
async function resolveFields(db: Database, fields: CampaignFields, scope: Scope, beforeTeams: readonly CampaignTeamDoc[]) {
  for (const [label, day] of [
    ['开始日期', fields.startDay],
    ['结束日期', fields.endDay],
    ['报名开始日期', fields.signUpStartDay],
    ['报名截止日期', fields.signUpEndDay],
  ] as const) {
    if (!isCalendarDay(day)) throw invalid(`${label}不是有效的日期`);
  }
  if (fields.endDay < fields.startDay) throw invalid('结束日期不能早于开始日期');
  const days = daysBetween(fields.startDay, fields.endDay) + 1;
  if (days > MAX_CAMPAIGN_DAYS) throw invalid(`活动最长 ${MAX_CAMPAIGN_DAYS} 天`);
  if (fields.tasks.length !== days) throw invalid(`活动共 ${days} 天，需要每天一个任务（现有 ${fields.tasks.length} 个）`);
  if (fields.signUpEndDay < fields.signUpStartDay) throw invalid('报名截止日期不能早于报名开始日期');
  if (fields.signUpEndDay > fields.endDay) throw invalid('报名截止日期不能晚于活动结束日期');
  if (fields.requirement.minPictures > fields.requirement.maxPictures) throw invalid('最少图片数不能大于最多图片数');
  const milestoneDays = fields.streakMilestones.map((milestone) => milestone.days);
  if (new Set(milestoneDays).size !== milestoneDays.length) throw invalid('连续打卡奖励的天数不能重复');
  if (milestoneDays.some((n) => n > days)) throw invalid('连续打卡奖励的天数不能超过活动天数');
  if (fields.makeUp.cardsPerMember > 0 && fields.makeUp.daysBack === 0) throw invalid('允许补卡时，可补卡天数至少为 1 天');
  const [tasks, departmentNames] = await Promise.all([resolveTasks(db, fields.tasks), resolveDepartments(db, fields.departmentIds, scope)]);
  return {
    title: fields.title,
    summary: fields.summary,
    cover: fields.cover,
    startDay: fields.startDay,
    endDay: fields.endDay,
    tasks,
    requirement: fields.requirement,
    signUpStartDay: fields.signUpStartDay,
    signUpEndDay: fields.signUpEndDay,
    capacity: fields.capacity,
    departmentIds: fields.departmentIds,
    departmentNames,
    restrictedDepartments: fields.departmentIds.length > 0,
    audiences: fields.audiences,
    restrictedAudiences: fields.audiences.length > 0,
    inviteOnly: fields.inviteOnly,
    approvalRequired: fields.approvalRequired,
    teamMode: fields.teamMode,
    teams: resolveTeams(fields, beforeTeams),
    pointsPerCheckin: fields.pointsPerCheckin,
    streakMilestones: [...fields.streakMilestones].sort((a, b) => a.days - b.days),
    makeUp: fields.makeUp,
    makeUpCountsForStreak: fields.makeUpCountsForStreak,
    reminderTime: fields.reminderTime,
    certificatePercent: fields.certificatePercent,
  } satisfies Partial<CampaignDoc>;
}

function requireScope(member: MemberDoc): Scope {
  const scope = managerScope(member);
  if (scope === null) throw new AppError('FORBIDDEN');
  return scope;
}

export const campaignIdFor = (memberId: string, requestId: string): string => hashId('cp', `${memberId}:${requestId}`);

/** Departments read for a picker: the roster's bound, as admin.listDepartments reads them (server/admin/actions.ts). */
const MAX_DEPARTMENTS = 1000;

/**
 * The managing scopes the member may pick for a new campaign: company-wide and every department with an
 * unscoped trainer or admin grant, else the departments their grants name (a department inside them is
 * accepted too, see `resolveCampaignScope`). With `move`, where an admin may move a campaign to: the same
 * from their admin grants only.
 */
export async function campaignScopeChoices(db: Database, member: MemberDoc, move = false): Promise<CampaignScopeChoice[]> {
  // Moving is for admins: their admin scope alone says where a campaign may go.
  const scope = move ? scopeFor(member, 'admin') : requireScope(member);
  if (scope === null) throw new AppError('FORBIDDEN', '只有管理员可以调整活动的管理范围');
  if (scope !== 'all') return scope.map((departmentId) => ({ departmentId, label: scopeLabel(departmentId) }));
  const { data } = (await db.collection(COLLECTIONS.departments).field({ _id: true }).limit(MAX_DEPARTMENTS).get()) as unknown as {
    data: Pick<DepartmentDoc, '_id'>[];
  };
  const departments = data.map((department) => department._id).sort();
  return [{ departmentId: null, label: scopeLabel(null) }, ...departments.map((departmentId) => ({ departmentId, label: scopeLabel(departmentId) }))];
}

async function requireDepartment(db: Database, departmentId: string): Promise<void> {
  const found = await readByIds<DepartmentDoc>(db, COLLECTIONS.departments, [departmentId]);
  if (!found.has(departmentId)) throw invalid(`部门 ${departmentId} 不存在`);
}

/**
 * The managing scope of a new campaign from the creator's choice (`undefined` = not chosen): a department
 * within their trainer or admin scope, or company-wide (null) for an unscoped grant. Not chosen: the only
 * choice when the grants name exactly one department, else INVALID_INPUT asking to choose.
 */
export async function resolveCampaignScope(db: Database, member: MemberDoc, choice: string | null | undefined): Promise<string | null> {
  const scope = requireScope(member);
  if (choice === undefined) {
    if (scope !== 'all' && scope.length === 1) return scope[0] as string;
    throw invalid('请选择活动的管理范围');
  }
  if (!scopeCovers(scope, choice)) {
    throw new AppError('FORBIDDEN', choice === null ? '只有全公司范围的培训管理员或管理员可以创建全公司活动' : '所选管理范围不在你的权限之内');
  }
  if (choice !== null) await requireDepartment(db, choice);
  return choice;
}

/** Creates a draft; the same request id answers the draft it made. */
export async function createCampaign(
  db: Database,
  member: MemberDoc,
  fields: CampaignFields,
  requestId: string,
  now: Date,
  scopeChoice?: string | null,
): Promise<CampaignDoc> {
  const scope = requireScope(member);
  const id = campaignIdFor(member._id, requestId);
  const resolved = await resolveFields(db, fields, scope, []);
  const scopeDepartmentId = await resolveCampaignScope(db, member, scopeChoice);
  return runTransaction(db, async (tx) => {
    const existing = await txGet<CampaignDoc>(tx, COLLECTIONS.campaigns, id);
    if (existing) return existing;
    const campaign: CampaignDoc = {
      _id: id,
      ...resolved,
      inviteToken: randomBytes(12).toString('hex'),
      status: 'draft',
      ownerId: member._id,
      ownerName: member.name,
      ownerDepartmentId: member.departmentId,
      scopeDepartmentId,
      scopeMoves: [],
      counts: { enrolled: 0, pending: 0, waitlisted: 0 },
      teamEnrolled: {},
      waitSeq: 0,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      endedAt: null,
      archivedAt: null,
    };
    await txPut(tx, COLLECTIONS.campaigns, campaign);
    return campaign;
  });
}

/** Refuses changes that would rewrite history (see the module comment). */
function checkHistory(before: CampaignDoc, after: CampaignDoc, today: string): void {
  if (before.startDay !== after.startDay && (today >= before.startDay || after.startDay <= today)) {
    throw new AppError('CAMPAIGN_STATE', '活动已开始或新的开始日期已过，不能修改开始日期');
  }
  if (after.endDay < today && after.endDay !== before.endDay) throw new AppError('CAMPAIGN_STATE', '结束日期不能早于今天');
  if (before.startDay === after.startDay) {
    for (let day = before.startDay, i = 0; day <= today && day <= before.endDay; day = addDays(day, 1), i += 1) {
      const old = before.tasks[i];
      const now = after.tasks[i];
      if (old && (old.courseId !== now?.courseId || old.prompt !== now?.prompt))
        throw new AppError('CAMPAIGN_STATE', `第 ${i + 1} 天已经开始，不能修改它的任务`);
    }
  }
  if (after.teamMode !== before.teamMode) throw new AppError('CAMPAIGN_STATE', '活动发布后不能修改分组方式');
  const kept = new Set(after.teams.map((team) => team.id));
  if (before.teams.some((team) => !kept.has(team.id))) throw new AppError('CAMPAIGN_STATE', '活动发布后不能删除分组');
  if (after.capacity !== null && after.capacity < before.counts.enrolled)
    throw new AppError('CAMPAIGN_STATE', `人数上限不能少于已报名的 ${before.counts.enrolled} 人`);
}

/** The stored fields as the editable input shape (a partial update is applied on top of these). */
function fieldsOf(campaign: CampaignDoc): CampaignFields {
  return {
    title: campaign.title,
    summary: campaign.summary,
    cover: campaign.cover,
    startDay: campaign.startDay,
    endDay: campaign.endDay,
    tasks: campaign.tasks.map((task) => ({ courseId: task.courseId, prompt: task.prompt })),
    requirement: campaign.requirement,
    signUpStartDay: campaign.signUpStartDay,
    signUpEndDay: campaign.signUpEndDay,
    capacity: campaign.capacity,
    departmentIds: campaign.departmentIds,
    audiences: campaign.audiences,
    inviteOnly: campaign.inviteOnly,
    approvalRequired: campaign.approvalRequired,
    teamMode: campaign.teamMode,
    teams: campaign.teams,
    pointsPerCheckin: campaign.pointsPerCheckin,
    streakMilestones: campaign.streakMilestones,
    makeUp: campaign.makeUp,
    makeUpCountsForStreak: campaign.makeUpCountsForStreak,
    reminderTime: campaign.reminderTime,
    certificatePercent: campaign.certificatePercent,
  };
}

/** Applies the given fields (validated together with the rest) to a draft or a published campaign. */
export async function updateCampaign(
  db: Database,
  member: MemberDoc,
  campaign: CampaignDoc,
  changes: Partial<CampaignFields>,
  now: Date,
): Promise<CampaignDoc> {
  if (campaign.status === 'ended' || campaign.status === 'archived') throw new AppError('CAMPAIGN_STATE', '已结束或已归档的活动不能修改');
  const scope = requireScope(member);
  const fields: CampaignFields = { ...fieldsOf(campaign), ...changes };
  // Departments already chosen by a wider-scoped colleague are kept as they are; new ones must be in scope.
  const resolved = await resolveFields(db, fields, changes.departmentIds === undefined ? 'all' : scope, campaign.teams);
  const today = beijingDate(now);
  const updated = await hotTransaction(db, campaign._id, async (tx) => {
    const current = await txCampaign(tx, campaign._id);
    if (current.status === 'ended' || current.status === 'archived') throw new AppError('CAMPAIGN_STATE', '已结束或已归档的活动不能修改');
    const next: CampaignDoc = { ...current, ...resolved, updatedAt: now };
    if (current.status === 'published') checkHistory(current, next, today);
    await txPut(tx, COLLECTIONS.campaigns, next);
    return next;
  });
  forgetCampaign(campaign._id);
  if (updated.status === 'published') await promoteWaiting(db, updated._id, now);
  return updated;
}

/**
 * Moves a campaign along its life cycle inside one transaction. The step is first tried on the campaign as
 * read, so a refused step answers before taking the campaign's lease: a refusal writes nothing at all.
 */
async function transition(db: Database, campaignId: string, change: (campaign: CampaignDoc) => CampaignDoc): Promise<CampaignDoc> {
  const read = await findById<CampaignDoc>(db, COLLECTIONS.campaigns, campaignId);
  if (read) change(read);
  const next = await hotTransaction(db, campaignId, async (tx) => {
    const next = change(await txCampaign(tx, campaignId));
    await txPut(tx, COLLECTIONS.campaigns, next);
    return next;
  });
  forgetCampaign(campaignId);
  return next;
}

export function publishCampaign(db: Database, campaignId: string, now: Date): Promise<CampaignDoc> {
  const today = beijingDate(now);
  return transition(db, campaignId, (campaign) => {
    if (campaign.status !== 'draft') throw new AppError('CAMPAIGN_STATE', '只有草稿可以发布');
    if (campaign.endDay < today) throw new AppError('CAMPAIGN_STATE', '活动结束日期已过，请修改日期后再发布');
    if (campaign.signUpEndDay < today) throw new AppError('CAMPAIGN_STATE', '报名截止日期已过，请修改后再发布');
    return { ...campaign, status: 'published', publishedAt: now, updatedAt: now };
  });
}

/** 提前结束: today becomes the last planned day (today's check-ins still count); before the start, no days remain. */
export function endCampaign(db: Database, campaignId: string, now: Date): Promise<CampaignDoc> {
  const today = beijingDate(now);
  return transition(db, campaignId, (campaign) => {
    if (campaign.status !== 'published') throw new AppError('CAMPAIGN_STATE', '只有进行中的活动可以提前结束');
    if (today > campaign.endDay) throw new AppError('CAMPAIGN_STATE', '活动已经结束');
    const endDay = today < campaign.startDay ? addDays(campaign.startDay, -1) : today;
    return { ...campaign, status: 'ended', endDay, endedAt: now, updatedAt: now };
  });
}

/** 归档: drafts, ended campaigns and published ones whose last day has passed. */
export function archiveCampaign(db: Database, campaignId: string, now: Date): Promise<CampaignDoc> {
  const today = beijingDate(now);
  return transition(db, campaignId, (campaign) => {
    if (campaign.status === 'archived') throw new AppError('CAMPAIGN_STATE', '活动已归档');
    if (campaign.status === 'published' && today <= campaign.endDay) throw new AppError('CAMPAIGN_STATE', '进行中的活动请先提前结束再归档');
    return { ...campaign, status: 'archived', archivedAt: now, updatedAt: now };
  });
}

/** Moves kept on the campaign (older ones drop off; the campaign document stays small). */
export const MAX_SCOPE_MOVES = 20;

/**
 * 调整管理范围: an admin whose admin scope covers both the current and the new managing scope moves the
 * campaign; the move is recorded on it. Moving to where it already is changes nothing (a retry).
 */
export async function moveCampaignScope(db: Database, admin: MemberDoc, campaignId: string, to: string | null, now: Date): Promise<CampaignDoc> {
  const scope = scopeFor(admin, 'admin');
  if (to !== null) await requireDepartment(db, to);
  // Refused before the hot-document lease, whose take and release are writes: a refusal writes nothing.
  if (!scopeCovers(scope, to)) throw new AppError('FORBIDDEN', '目标管理范围不在你的权限之内');
  const read = await findById<CampaignDoc>(db, COLLECTIONS.campaigns, campaignId);
  if (read && !scopeCovers(scope, campaignScopeOf(read))) throw new AppError('FORBIDDEN', '该活动不在你的管理范围内');
  const moved = await hotTransaction(db, campaignId, async (tx) => {
    const current = await txCampaign(tx, campaignId);
    const from = campaignScopeOf(current);
    if (!scopeCovers(scope, from)) throw new AppError('FORBIDDEN', '该活动不在你的管理范围内');
    if (!scopeCovers(scope, to)) throw new AppError('FORBIDDEN', '目标管理范围不在你的权限之内');
    if (from === to && current.scopeDepartmentId !== undefined) return current;
    const move = { from, to, byId: admin._id, byName: admin.name, at: now };
    const next: CampaignDoc = { ...current, scopeDepartmentId: to, scopeMoves: [...(current.scopeMoves ?? []), move].slice(-MAX_SCOPE_MOVES), updatedAt: now };
    await txPut(tx, COLLECTIONS.campaigns, next);
    return next;
  });
  forgetCampaign(campaignId);
  return moved;
}
