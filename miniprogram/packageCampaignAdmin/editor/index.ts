/**
 * 打卡活动编辑 (trainers): every field of a campaign – title, introduction, cover, days, one task per day (a
 * course from the catalogue and/or a prompt, in a list that folds past its first days), what a check-in
 * requires, sign-up window, capacity, who may join (departments, audiences, invitation link only), approval,
 * teams, points and streak bonuses, make-up cards, reminder time and certificate threshold. 保存 and 发布 stay
 * in the bar at the bottom of the screen; ending early and archiving sit apart at the end of the page, each
 * after a confirmation. Every change goes through utils/submit-once.ts: a new campaign's request id is kept
 * until an answer comes, so a retry creates it once. A published campaign accepts only changes that cannot
 * rewrite check-ins; the server says which. A new campaign's managing scope (管理范围) is picked from the
 * choices the server lists for the caller's grants (preselected when there is only one); afterwards it is
 * shown, and only an admin moves it.
 */
import type { PickedPicture } from '../../components/picture-picker/index';
import type { CourseChoice } from '../components/course-picker/index';
import type { PickerOption } from '../../components/picker-field/index';
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
} from '../../services/campaign';
import { failureOf } from '../../utils/failure';
import { indexedOptions, type FieldEvent } from '../../utils/form';
import { CAMPAIGN_LIMITS } from '../../utils/limits';
import { defineLoadedPage } from '../../utils/loaded-page';
import { pictureUrls } from '../../utils/pictures';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { beijingToday } from '../../utils/time';
import { confirmModal, pickedIndex, toast } from '../../utils/ui';
import { MAX_MILESTONES, MAX_TEAMS, TEAM_MODES, audienceFlags, emptyForm, fieldsOfForm, formOf, taskRowsFor, type CampaignForm } from '../shared/campaign-form';
import { LIFECYCLE_CONFIRM, LIFECYCLE_DONE, TASKS_SHOWN_FOLDED, scopeOptions, stateOf } from '../shared/editor-state';

type DataEvent = WechatMiniprogram.BaseEvent<{}, { index?: number; path?: string; step?: string; id?: string }>;
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }>;
type SwitchEvent = WechatMiniprogram.CustomEvent<{ value: boolean }>;

const TEAM_MODE_OPTIONS = indexedOptions(TEAM_MODES, (mode) => mode.label);
const AUDIENCE_OPTIONS: PickerOption[] = audienceFlags([]).map((flag) => ({ value: flag.value, label: flag.label }));

/** Department targeting is optional: without the list the rest of the form still works. */
async function departmentsOrNone(): Promise<Department[]> {
  try {
    return await listDepartments();
  } catch (error) {
    failureOf(error, 'campaign-editor');
    return [];
  }
}

/** The page's data for a campaign the server answered with (loaded, saved, moved, published…). */
function campaignData(campaign: CampaignAdminView) {
  const form = formOf(campaign);
  return {
    campaignId: campaign.id,
    state: stateOf(campaign),
    form,
    audienceValues: checkedAudiences(form),
    coverPictures: form.cover ? [{ fileID: form.cover, url: '' }] : ([] as PickedPicture[]),
    scopeName: campaign.scopeName,
    canMoveScope: campaign.canMoveScope,
    // The server's figures: points promised that the earning rules' daily caps would cut.
    pointsWarnings: campaign.pointsWarnings.map((warning) => warning.message),
  };
}

function checkedAudiences(form: CampaignForm): string[] {
  return form.audiences.filter((flag) => flag.checked).map((flag) => flag.value);
}

type Loaded = [CampaignAdminView | null, Department[], CampaignScopeChoice[]];

defineLoadedPage({
  where: 'campaign-editor',
  data: {
    ...initialSubmitState(),
    limits: CAMPAIGN_LIMITS,
    campaignId: '',
    state: stateOf(null),
    form: emptyForm(beijingToday()),
    teamModeOptions: TEAM_MODE_OPTIONS,
    audienceOptions: AUDIENCE_OPTIONS,
    audienceValues: [] as string[],
    /** The cover as components/picture-picker shows it (one picture at most). */
    coverPictures: [] as PickedPicture[],
    uploading: false,
    departments: [] as Department[],
    /** A new campaign's managing scope: the choices and the picked one (-1: not picked yet). */
    scopeChoices: [] as CampaignScopeChoice[],
    scopeOptions: [] as PickerOption[],
    scopeIndex: -1,
    /** An existing campaign's managing scope; an admin over it may move it (moveChoices once asked for). */
    scopeName: '',
    canMoveScope: false,
    /** Warnings from the server: promised points the daily caps would cut, with what members really get. */
    pointsWarnings: [] as string[],
    moveChoices: [] as CampaignScopeChoice[],
    moveOptions: [] as PickerOption[],
    /** The daily tasks past the first few are folded until 展开全部. */
    tasksShown: TASKS_SHOWN_FOLDED,
    tasksExpanded: false,
    /** The task row choosing a course in the sheet (-1: none). */
    pickingTask: -1,
    error: '',
  },
  readQuery: (query) => ({ campaignId: query.id ?? '' }),
  fetch(): Promise<Loaded> {
    const { campaignId } = this.data;
    return Promise.all([
      campaignId ? getManaged(campaignId) : Promise.resolve(null),
      departmentsOrNone(),
      campaignId ? Promise.resolve([]) : listScopeChoices(),
    ]);
  },
  show([campaign, departments, scopeChoices]: Loaded) {
    return {
      ...(campaign ? campaignData(campaign) : {}),
      departments,
      scopeChoices,
      scopeOptions: scopeOptions(scopeChoices),
      scopeIndex: scopeChoices.length === 1 ? 0 : -1,
    };
  },
  methods: {
    afterLoad() {
      this.afterCampaign();
    },
    /** The cover's address and, for an admin, where the campaign may move: asked for once it shows. */
    afterCampaign() {
      const cover = this.data.form.cover;
      if (cover) void this.previewCover(cover);
      if (this.data.canMoveScope) void this.loadMoveChoices();
    },
    showCampaign(campaign: CampaignAdminView) {
      this.setData(campaignData(campaign));
      this.afterCampaign();
    },
    async previewCover(fileID: string) {
      const urls = await pictureUrls([fileID]);
      if (this.data.form.cover === fileID) this.setData({ coverPictures: [{ fileID, url: urls[fileID] ?? '' }] });
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
        const moveChoices = await listScopeChoices(true);
        this.setData({ moveChoices, moveOptions: scopeOptions(moveChoices) });
      } catch (error) {
        toast(failureOf(error, 'campaign-editor').message);
      }
    },
    async onMoveScopePick(event: PickEvent) {
      const target = this.data.moveChoices[pickedIndex(event)];
      if (!target || this.data.submitting) return;
      const confirmed = await confirmModal({
        title: '调整管理范围',
        content: `调整后，由「${target.label}」范围内的培训管理员和管理员管理该活动。确定调整吗？`,
        confirmText: '调整',
      });
      if (!confirmed) return;
      this.setData({ error: '' });
      const outcome = await submitOnce(this, () => moveCampaignScope(this.data.campaignId, target.departmentId), {
        where: 'campaign-editor',
        fallback: '操作失败，请稍后重试',
      });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ error: outcome.failure.message });
        return;
      }
      this.showCampaign(outcome.value);
      toast('管理范围已调整');
    },
    onTeamModePick(event: PickEvent) {
      this.setData({ 'form.teamModeIndex': pickedIndex(event) });
    },
    /** components/chips: every audience chosen. */
    onAudiences(event: WechatMiniprogram.CustomEvent<{ values: string[] }>) {
      const values = event.detail.values;
      const audiences = this.data.form.audiences.map((flag) => ({ ...flag, checked: values.includes(flag.value) }));
      this.setData({ 'form.audiences': audiences, audienceValues: values, error: '' });
    },
    /** components/department-picker: every chosen id (a parent stands for its sub-departments). */
    onDepartments(event: WechatMiniprogram.CustomEvent<{ values: string[] }>) {
      this.setData({ 'form.departmentIds': event.detail.values, error: '' });
    },

    // Cover: components/picture-picker uploads it; the save holds while it does.
    onCover(event: WechatMiniprogram.CustomEvent<{ pictures: PickedPicture[] }>) {
      const pictures = event.detail.pictures.slice(0, 1);
      this.setData({ coverPictures: pictures, 'form.cover': pictures[0]?.fileID ?? '', error: '' });
    },
    onCoverBusy(event: WechatMiniprogram.CustomEvent<{ uploading: boolean }>) {
      this.setData({ uploading: event.detail.uploading });
    },
    onCoverError(event: WechatMiniprogram.CustomEvent<{ message: string }>) {
      toast(event.detail.message);
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

    /** 展开全部 / 收起 the daily tasks. */
    onToggleTasks() {
      this.setData({ tasksExpanded: !this.data.tasksExpanded });
    },

    // The day's course: chosen in the course-picker sheet (the catalogue, one page at a time).
    onPickCourse(event: DataEvent) {
      this.setData({ pickingTask: Number(event.currentTarget.dataset.index) });
    },
    onChooseCourse(event: WechatMiniprogram.CustomEvent<CourseChoice>) {
      const course = event.detail;
      const index = this.data.pickingTask;
      if (index < 0) return;
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
      if (this.data.uploading) return false;
      const form = this.data.form as CampaignForm;
      const checked = fieldsOfForm(form);
      if (!checked.ok) {
        // A day without its task may be folded away: unfold the list so it can be found.
        const untasked = form.tasks.some((task) => task.courseId === '' && task.prompt.trim() === '');
        this.setData({ error: checked.error, ...(untasked ? { tasksExpanded: true } : {}) });
        return false;
      }
      const { campaignId } = this.data;
      const scope = this.data.scopeChoices[this.data.scopeIndex];
      if (!campaignId && !scope) {
        this.setData({ error: '请选择活动的管理范围' });
        return false;
      }
      this.setData({ error: '' });
      const outcome = await submitOnce(
        this,
        (requestId) =>
          campaignId
            ? updateCampaign({ campaignId, ...checked.fields })
            : createCampaign({ ...checked.fields, scopeDepartmentId: scope?.departmentId ?? null, requestId }),
        { where: 'campaign-editor', fallback: '保存失败，请稍后重试' },
      );
      if (!outcome) return false;
      if (!outcome.ok) {
        this.setData({ error: outcome.failure.message });
        return false;
      }
      this.showCampaign(outcome.value);
      return true;
    },
    async onSave() {
      if (this.data.submitting) return;
      if (await this.save()) toast('已保存');
    },
    async onLifecycle(event: DataEvent) {
      const step = (['publish', 'end', 'archive'] as const).find((candidate) => candidate === event.currentTarget.dataset.step);
      if (!step || this.data.submitting) return;
      if (!(await confirmModal(LIFECYCLE_CONFIRM[step]))) return;
      // Publishing sends what is on the screen first; ending and archiving change nothing else.
      if (step === 'publish' && !(await this.save())) return;
      this.setData({ error: '' });
      const outcome = await submitOnce(this, () => changeLifecycle(step, this.data.campaignId), { where: 'campaign-editor', fallback: '操作失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ error: outcome.failure.message });
        return;
      }
      this.showCampaign(outcome.value);
      toast(LIFECYCLE_DONE[step]);
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
