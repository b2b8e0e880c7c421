/**
 * 新建必修任务 (trainers): a published course or series (preset when opened from 我的课程 or 系列课), the
 * people it targets – departments (each with its subtree), roles, audiences; any match counts – and the due
 * day (Beijing). One idempotency key per form, so a retried submit never makes two assignments.
 */
import type { Audience } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import { listDepartments, type Department } from '../../services/admin';
import { createAssignment } from '../../services/assignment';
import { failureOf } from '../../utils/failure';
import { ROLE_LABELS } from '../../utils/labels';
import { definePage } from '../../utils/page';
import { AUDIENCE_CHOICES } from '../shared/course-form';
import type { DataEvent, PickEvent } from '../../utils/events';
import { publishedCoursesPage, seriesPage, type PickItem, type PickPage } from '../shared/pickers';
import { assignmentUrl, type AssignableKind } from '../shared/routes';
import { beijingDay } from '../../utils/time';

/** Roles a trainer can target; `learner` would be everyone, which audiences already say better. */
const TARGET_ROLES: readonly Role[] = ['trainer', 'reviewer', 'judge', 'admin'];

const ROLE_OPTIONS = TARGET_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

function newIdempotencyKey(now: number): string {
  return `asg-${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

const KINDS: readonly { value: AssignableKind; label: string }[] = [
  { value: 'course', label: '课程' },
  { value: 'series', label: '系列课' },
];

const FETCHERS: Record<AssignableKind, (page: number) => Promise<PickPage>> = { course: publishedCoursesPage, series: seriesPage };

/** components/chips and department-picker: the kind chosen ({ value }), or every value chosen ({ values }). */
type TargetsEvent = WechatMiniprogram.CustomEvent<{ value?: string; values?: string[] }, {}, { group?: 'departmentIds' | 'roles' | 'audiences' }>;

definePage({
  data: {
    kinds: KINDS,
    kind: 'course' as AssignableKind,
    /** The chosen course or series; null until chosen. */
    chosen: null as PickItem | null,
    choices: [] as PickItem[],
    choicesPage: 0,
    choicesMore: false,
    departments: [] as Department[],
    departmentsNote: '',
    roleOptions: ROLE_OPTIONS,
    audienceOptions: AUDIENCE_CHOICES,
    /** What the assignment targets (any match counts). */
    departmentIds: [] as string[],
    roles: [] as Role[],
    audiences: [] as Audience[],
    dueDay: '',
    today: '',
    idempotencyKey: '',
    busy: false,
    error: '',
  },
  methods: {
    onLoad(query?: Record<string, string | undefined>) {
      const now = Date.now();
      const kind: AssignableKind = query?.kind === 'series' ? 'series' : 'course';
      const preset = query?.id ? { id: query.id, title: query.title ?? '' } : null;
      this.setData({
        kind,
        chosen: preset,
        today: beijingDay(now),
        dueDay: beijingDay(now, 14),
        idempotencyKey: newIdempotencyKey(now),
      });
      return Promise.all([this.loadDepartments(), preset ? Promise.resolve() : this.loadChoices(1)]).then(() => undefined);
    },
    async loadDepartments() {
      try {
        this.setData({ departments: await listDepartments(), departmentsNote: '' });
      } catch (error) {
        // Departments come from the admin function; without them roles and audiences still target people.
        this.setData({ departmentsNote: `部门列表加载失败：${failureOf(error, 'assignment-new').message}` });
      }
    },
    async loadChoices(page: number) {
      try {
        const result = await FETCHERS[this.data.kind](page);
        this.setData({ choices: page === 1 ? result.items : this.data.choices.concat(result.items), choicesPage: page, choicesMore: result.hasMore });
      } catch (error) {
        this.setData({ error: failureOf(error, 'assignment-new').message });
      }
    },
    onKind(event: TargetsEvent) {
      const kind = KINDS.find((item) => item.value === event.detail.value)?.value;
      if (!kind || kind === this.data.kind) return Promise.resolve();
      this.setData({ kind, chosen: null, choices: [], error: '' });
      return this.loadChoices(1);
    },
    onMoreChoices() {
      return this.loadChoices(this.data.choicesPage + 1);
    },
    onChoose(event: DataEvent<{ id?: string }>) {
      const choice = this.data.choices.find((item) => item.id === event.currentTarget.dataset.id);
      if (choice) this.setData({ chosen: choice, error: '' });
    },
    onChangeChoice() {
      this.setData({ chosen: null });
      return this.data.choices.length === 0 ? this.loadChoices(1) : Promise.resolve();
    },
    onTargets(event: TargetsEvent) {
      const { group } = event.currentTarget.dataset;
      if (group) this.setData({ [group]: event.detail.values ?? [], error: '' });
    },
    onDueDay(event: PickEvent) {
      this.setData({ dueDay: String(event.detail.value), error: '' });
    },
    async onSubmit() {
      const { chosen, busy, dueDay, today, idempotencyKey, kind, departmentIds, roles, audiences } = this.data;
      if (busy) return;
      let error = '';
      if (!chosen) error = '请选择要指派的课程或系列课';
      else if (departmentIds.length + roles.length + audiences.length === 0) error = '请至少选择一个部门、角色或人群';
      else if (dueDay < today) error = '截止日期不能早于今天';
      if (error || !chosen) {
        this.setData({ error });
        return;
      }
      this.setData({ busy: true, error: '' });
      try {
        const assignment = await createAssignment({
          ...(kind === 'series' ? { seriesId: chosen.id } : { courseId: chosen.id }),
          departmentIds,
          roles,
          audiences,
          dueDay,
          idempotencyKey,
        });
        wx.redirectTo({ url: assignmentUrl(assignment.assignmentId) });
      } catch (failure) {
        this.setData({ error: failureOf(failure, 'assignment-new', '创建失败，请稍后重试').message });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
