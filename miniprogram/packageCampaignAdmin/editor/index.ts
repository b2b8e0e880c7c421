/**
 * 打卡活动编辑 (trainers): every field of a campaign – title, introduction, cover, days, one task per day (a
 * course from the catalogue and/or a prompt), what a check-in requires, sign-up window, capacity, who may
 * join (departments, audiences, invitation link only), approval, teams, points and streak bonuses, make-up
 * cards, reminder time and certificate threshold. Saves a draft (a new campaign carries a requestId, so a
 * retry creates it once), publishes it, ends it early and archives it, each change of state after a
 * confirmation. A published campaign accepts only changes that cannot rewrite check-ins; the server says
 * which. A new campaign's managing scope (管理范围) is picked from the choices the server lists for the
 * caller's grants (preselected when there is only one); afterwards it is shown, and only an admin moves it.
 */
import type { Department } from '../../services/admin';
import { listDepartments } from '../../services/admin';
import {
  campaignUrl,
  changeLifecycle,
  createCampaign,
  getManaged,
  listScopeChoices,
  moveCampaignScope,
  updateCampaign,
  type CampaignAdminView,
  type CampaignScopeChoice,
  type LifecycleStep,
} from '../../services/campaign';
import { listCourses } from '../../services/course';
import { failureOf } from '../../utils/failure';
import type { FieldEvent } from '../../utils/form';
import { CAMPAIGN_STATUS_LABELS } from '../../utils/labels';
import { CAMPAIGN_LIMITS } from '../../utils/limits';
import { definePage } from '../../utils/page';
import { pictureUrls } from '../../utils/pictures';
import { confirmModal, pickedIndex, toast, type ConfirmOptions } from '../../utils/ui';
import {
  MAX_MILESTONES,
  MAX_TEAMS,
  TEAM_MODES,
  emptyForm,
  fieldsOfForm,
  formOf,
  invitationPath,
  taskRowsFor,
  type CampaignForm,
} from '../shared/campaign-form';
import { chooseAndUploadPictures } from '../../services/media';
import { newRequestId } from '../../utils/request-id';
import { beijingDateTime } from '../../utils/time';
import { beijingToday } from '../../utils/time';

type LoadStatus = 'loading' | 'ready' | 'error';

const COURSE_PAGE_SIZE = 50;

interface CourseChoice {
  id: string;
  title: string;
}

interface StateView {
  status: CampaignAdminView['status'] | 'new';
  label: string;
  canPublish: boolean;
  canEnd: boolean;
  canArchive: boolean;
  /** Ended and archived campaigns are read-only (server/campaign/edit.ts). */
  canSave: boolean;
  /** The link's page path with the campaign's token, and the token itself shown as the invitation code. */
  invitation: string;
  inviteCode: string;
}

function stateOf(campaign: CampaignAdminView | null): StateView {
  if (!campaign)
    return { status: 'new', label: '新活动 · 未保存', canPublish: false, canEnd: false, canArchive: false, canSave: true, invitation: '', inviteCode: '' };
  return {
    status: campaign.status,
    label: `${CAMPAIGN_STATUS_LABELS[campaign.status]} · 更新于 ${beijingDateTime(campaign.updatedAt)}`,
    canPublish: campaign.status === 'draft',
    canEnd: campaign.status === 'published' && campaign.phase !== 'ended',
    // Drafts, ended ones, and published ones whose last day has passed; a running one is ended first.
    canArchive: campaign.status === 'draft' || campaign.status === 'ended' || (campaign.status === 'published' && campaign.phase === 'ended'),
    canSave: campaign.status === 'draft' || campaign.status === 'published',
    invitation: invitationPath(campaign.id, campaign.inviteToken),
    inviteCode: campaign.inviteToken,
  };
}

const LIFECYCLE_CONFIRM: Record<LifecycleStep, ConfirmOptions> = {
  publish: { title: '发布活动', content: '发布后，符合条件的成员即可在报名时间内报名。发布前会先保存当前修改。', confirmText: '发布' },
  end: { title: '提前结束', content: '提前结束后，今天之后不能再打卡，已有的打卡记录保留。确定结束吗？', confirmText: '结束', danger: true },
  archive: { title: '归档活动', content: '归档后学员列表中不再显示该活动，数据保留。确定归档吗？', confirmText: '归档', danger: true },
};

const LIFECYCLE_DONE: Record<LifecycleStep, string> = { publish: '已发布', end: '活动已结束', archive: '已归档' };

type DataEvent = WechatMiniprogram.BaseEvent<{}, { index?: number; path?: string; step?: string; id?: string }>;
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }>;
type SwitchEvent = WechatMiniprogram.CustomEvent<{ value: boolean }>;

definePage({
  data: {
    limits: CAMPAIGN_LIMITS,
    status: 'loading' as LoadStatus,
    message: '',
    campaignId: '',
    state: stateOf(null),
    form: emptyForm(beijingToday()),
    teamModes: TEAM_MODES,
    coverUrl: '',
    departments: [] as Department[],
    /** A new campaign's managing scope: the choices and the picked one (-1: not picked yet). */
    scopeChoices: [] as CampaignScopeChoice[],
    scopeIndex: -1,
    /** An existing campaign's managing scope; an admin over it may move it (moveChoices once asked for). */
    scopeName: '',
    canMoveScope: false,
    /** Warnings from the server: promised points the daily caps would cut, with what members really get. */
    pointsWarnings: [] as string[],
    moveChoices: [] as CampaignScopeChoice[],
    /** The task row choosing a course (-1: none), and the catalogue page shown. */
    pickingTask: -1,
    courses: [] as CourseChoice[],
    coursePage: 0,
    moreCourses: false,
    /** Set by the first save of a new campaign until its outcome is known. */
    createRequestId: '',
    busy: false,
    error: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ campaignId: query.id ?? '' });
      await this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const [campaign, departments, scopeChoices] = await Promise.all([
          this.data.campaignId ? getManaged(this.data.campaignId) : Promise.resolve(null),
          this.loadDepartments(),
          this.data.campaignId ? Promise.resolve([]) : listScopeChoices(),
        ]);
        if (campaign) this.show(campaign);
        this.setData({ status: 'ready', departments, scopeChoices, scopeIndex: scopeChoices.length === 1 ? 0 : -1 });
      } catch (error) {
        this.setData({ status: 'error', message: failureOf(error, 'campaign-editor').message });
      }
    },
    /** Department targeting is optional: without the list the rest of the form still works. */
    async loadDepartments(): Promise<Department[]> {
      try {
        return await listDepartments();
      } catch (error) {
        failureOf(error, 'campaign-editor');
        return [];
      }
    },
    show(campaign: CampaignAdminView) {
      const form = formOf(campaign);
      // The server's figures: points promised that the earning rules' daily caps would cut.
      const pointsWarnings = campaign.pointsWarnings.map((warning) => warning.message);
      this.setData({
        campaignId: campaign.id,
        state: stateOf(campaign),
        form,
        coverUrl: '',
        scopeName: campaign.scopeName,
        canMoveScope: campaign.canMoveScope,
        pointsWarnings,
      });
      if (form.cover) void this.previewCover(form.cover);
      if (campaign.canMoveScope) void this.loadMoveChoices();
    },
    async previewCover(fileID: string) {
      const urls = await pictureUrls([fileID]);
      this.setData({ coverUrl: urls[fileID] ?? '' });
    },
    onRetry() {
      return this.load();
    },

    // Plain fields: data-path names the form field (e.g. form.title, form.tasks[2].prompt).
    onInput(event: FieldEvent) {
      const path = (event.currentTarget.dataset as { path?: string }).path;
      if (path?.startsWith('form.')) this.setData({ [path]: event.detail.value, error: '' });
    },
    onSwitch(event: SwitchEvent) {
      const path = (event.currentTarget.dataset as { path?: string }).path;
      if (path?.startsWith('form.')) this.setData({ [path]: event.detail.value, error: '' });
    },
    onDatePick(event: PickEvent) {
      const path = (event.currentTarget.dataset as { path?: string }).path;
      if (!path?.startsWith('form.')) return;
      this.setData({ [path]: String(event.detail.value), error: '' });
      if (path === 'form.startDay' || path === 'form.endDay') {
        const { startDay, endDay, tasks } = this.data.form;
        this.setData({ 'form.tasks': taskRowsFor(startDay, endDay, tasks) });
      }
    },
    onTimePick(event: PickEvent) {
      this.setData({ 'form.reminderTime': String(event.detail.value) });
    },
    onScopePick(event: PickEvent) {
      this.setData({ scopeIndex: pickedIndex(event), error: '' });
    },
    /** Where an admin may move the campaign, loaded once when the campaign shows they may. */
    async loadMoveChoices() {
      if (this.data.moveChoices.length > 0) return;
      try {
        this.setData({ moveChoices: await listScopeChoices(true) });
      } catch (error) {
        toast(failureOf(error, 'campaign-editor').message);
      }
    },
    async onMoveScopePick(event: PickEvent) {
      const target = this.data.moveChoices[pickedIndex(event)];
      if (!target || this.data.busy) return;
      const confirmed = await confirmModal({
        title: '调整管理范围',
        content: `调整后，由「${target.label}」范围内的培训管理员和管理员管理该活动。确定调整吗？`,
        confirmText: '调整',
      });
      if (!confirmed) return;
      this.setData({ busy: true, error: '' });
      try {
        this.show(await moveCampaignScope(this.data.campaignId, target.departmentId));
        toast('管理范围已调整');
      } catch (error) {
        this.setData({ error: failureOf(error, 'campaign-editor', '操作失败，请稍后重试').message });
      } finally {
        this.setData({ busy: false });
      }
    },
    onTeamModePick(event: PickEvent) {
      this.setData({ 'form.teamModeIndex': pickedIndex(event) });
    },
    onToggleAudience(event: DataEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const flag = this.data.form.audiences[index];
      if (flag) this.setData({ [`form.audiences[${index}].checked`]: !flag.checked });
    },
    /** components/department-picker: every chosen id (a parent stands for its sub-departments). */
    onDepartments(event: WechatMiniprogram.CustomEvent<{ values: string[] }>) {
      this.setData({ 'form.departmentIds': event.detail.values, error: '' });
    },

    // Cover.
    async onUploadCover() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const { fileIDs, error } = await chooseAndUploadPictures('campaign-cover', 1);
        const [cover] = fileIDs;
        if (cover) {
          this.setData({ 'form.cover': cover });
          await this.previewCover(cover);
        }
        if (error) toast(failureOf(error, 'campaign-editor', '封面上传失败，请稍后重试').message);
      } finally {
        this.setData({ busy: false });
      }
    },
    onClearCover() {
      this.setData({ 'form.cover': '', coverUrl: '' });
    },

    // Teams and streak bonuses.
    onAddTeam() {
      if (this.data.form.teams.length >= MAX_TEAMS) return;
      const teams = [...this.data.form.teams, { id: '', name: `第${this.data.form.teams.length + 1}组` }];
      this.setData({ 'form.teams': teams });
    },
    onRemoveTeam(event: DataEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ 'form.teams': this.data.form.teams.filter((_, at) => at !== index) });
    },
    onAddMilestone() {
      if (this.data.form.milestones.length >= MAX_MILESTONES) return;
      this.setData({ 'form.milestones': [...this.data.form.milestones, { days: '', points: '' }] });
    },
    onRemoveMilestone(event: DataEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ 'form.milestones': this.data.form.milestones.filter((_, at) => at !== index) });
    },

    // The day's course, chosen from the catalogue one page at a time.
    async onPickCourse(event: DataEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ pickingTask: index });
      if (this.data.coursePage === 0) await this.loadCourses();
    },
    async loadCourses() {
      try {
        const page = this.data.coursePage + 1;
        const result = await listCourses(page, COURSE_PAGE_SIZE);
        const courses = result.items.map((course) => ({ id: course.id, title: course.title }));
        this.setData({ courses: this.data.courses.concat(courses), coursePage: page, moreCourses: result.hasMore });
      } catch (error) {
        toast(failureOf(error, 'campaign-editor').message);
      }
    },
    onMoreCourses() {
      return this.loadCourses();
    },
    onChooseCourse(event: DataEvent) {
      const course = this.data.courses.find((candidate) => candidate.id === event.currentTarget.dataset.id);
      const index = this.data.pickingTask;
      if (!course || index < 0) return;
      this.setData({ [`form.tasks[${index}].courseId`]: course.id, [`form.tasks[${index}].courseTitle`]: course.title, pickingTask: -1, error: '' });
    },
    onClearCourse(event: DataEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ [`form.tasks[${index}].courseId`]: '', [`form.tasks[${index}].courseTitle`]: '' });
    },
    onClosePicker() {
      this.setData({ pickingTask: -1 });
    },

    // Saving and the campaign's states.
    /** Saves the form; true when saved. */
    async save(): Promise<boolean> {
      const checked = fieldsOfForm(this.data.form as CampaignForm);
      if (!checked.ok) {
        this.setData({ error: checked.error });
        return false;
      }
      this.setData({ busy: true, error: '' });
      try {
        if (this.data.campaignId) {
          this.show(await updateCampaign({ campaignId: this.data.campaignId, ...checked.fields }));
        } else {
          const scope = this.data.scopeChoices[this.data.scopeIndex];
          if (!scope) {
            this.setData({ error: '请选择活动的管理范围' });
            return false;
          }
          const requestId = this.data.createRequestId || newRequestId();
          this.setData({ createRequestId: requestId });
          this.show(await createCampaign({ ...checked.fields, scopeDepartmentId: scope.departmentId, requestId }));
          this.setData({ createRequestId: '' });
        }
        return true;
      } catch (error) {
        this.setData({ error: failureOf(error, 'campaign-editor', '保存失败，请稍后重试').message });
        return false;
      } finally {
        this.setData({ busy: false });
      }
    },
    async onSave() {
      if (this.data.busy) return;
      if (await this.save()) toast('已保存');
    },
    async onLifecycle(event: DataEvent) {
      const step = (['publish', 'end', 'archive'] as const).find((candidate) => candidate === event.currentTarget.dataset.step);
      if (!step || this.data.busy) return;
      if (!(await confirmModal(LIFECYCLE_CONFIRM[step]))) return;
      // Publishing sends what is on the screen first; ending and archiving change nothing else.
      if (step === 'publish' && !(await this.save())) return;
      this.setData({ busy: true, error: '' });
      try {
        this.show(await changeLifecycle(step, this.data.campaignId));
        toast(LIFECYCLE_DONE[step]);
      } catch (error) {
        this.setData({ error: failureOf(error, 'campaign-editor', '操作失败，请稍后重试').message });
      } finally {
        this.setData({ busy: false });
      }
    },
    /** Our toast replaces the one WeChat shows after copying (https://developers.weixin.qq.com/miniprogram/dev/api/device/clipboard/wx.setClipboardData.html). */
    onCopyInvitation() {
      const { invitation } = this.data.state;
      if (invitation) wx.setClipboardData({ data: invitation, success: () => toast('邀请链接已复制') });
    },
    onOpen(event: DataEvent) {
      const route = (['members', 'dashboard'] as const).find((candidate) => candidate === event.currentTarget.dataset.path);
      if (route && this.data.campaignId) wx.navigateTo({ url: campaignUrl(route, { id: this.data.campaignId }) });
    },
  },
});
