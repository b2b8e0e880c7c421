/**
 * 成员与角色 (admin): search members by 工号/姓名, filter by department and status, page through them, and in a
 * member's sheet grant or revoke roles (optionally scoped to a department subtree), unbind their WeChat, or
 * issue a one-time 绑定码 for a member who cannot verify the roster's phone (shown once, to hand over).
 */
import type { RoleGrant } from '../../../typings/roles';
import { grantRole, issueBindCode, listDepartments, listMembers, revokeRole, unbindMember, type AdminMember, type MemberListInput } from '../../services/admin';
import { departmentChoices, departmentNames } from '../../utils/departments';
import { failureOf } from '../../utils/failure';
import { EXTERNAL_PARTNER_LABEL, GRANTABLE_ROLES, ROLE_LABELS, type GrantableRole } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { initialSubmitState, submitOnce, submitWithToast } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';
import { beijingDateTime } from '../../utils/time';

type Status = NonNullable<MemberListInput['status']>;

const STATUS_OPTIONS: readonly { value: Status; label: string }[] = [
  { value: 'active', label: '在职' },
  { value: 'inactive', label: '已停用' },
  { value: 'all', label: '全部状态' },
];

const ROLE_OPTIONS = GRANTABLE_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const isStatus = (value: string): value is Status => STATUS_OPTIONS.some((option) => option.value === value);
const isGrantable = (value: string): value is GrantableRole => (GRANTABLE_ROLES as readonly string[]).includes(value);

interface GrantView {
  role: RoleGrant['role'];
  /** '' for the whole company. */
  scopeDepartmentId: string;
  label: string;
  /** learner is every member: it is shown, never revoked. */
  revocable: boolean;
}

interface MemberView {
  memberId: string;
  name: string;
  identity: string;
  department: string;
  active: boolean;
  bound: boolean;
  /** Roster members (not partners) can be given a 绑定码. */
  onRoster: boolean;
  grants: GrantView[];
}

function toMemberView(member: AdminMember): MemberView {
  return {
    memberId: member.memberId,
    name: member.name,
    identity: member.external || member.employeeNo === null ? EXTERNAL_PARTNER_LABEL : member.employeeNo,
    department: member.departmentPath.join(' / '),
    active: member.active,
    bound: member.bound,
    onRoster: !member.external && member.employeeNo !== null,
    grants: member.roles.map((grant) => ({
      role: grant.role,
      scopeDepartmentId: grant.scopeDepartmentId ?? '',
      label: ROLE_LABELS[grant.role],
      revocable: grant.role !== 'learner',
    })),
  };
}

interface Filters {
  keyword: string;
  /** '' for every department. */
  departmentId: string;
  memberStatus: Status;
}

/** The members page asked for with the filters as they are now, so "load more" continues the current search. */
function queryFor(filters: Filters, page: number, pageSize: number): MemberListInput {
  const keyword = filters.keyword.trim();
  return {
    page,
    pageSize,
    status: filters.memberStatus,
    ...(keyword ? { keyword } : {}),
    ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
  };
}

type TapEvent = WechatMiniprogram.BaseEvent<{}, { memberId?: string; index?: number }>;
type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
/** components/picker-field's change: the chosen option's value. */
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return listMembers(queryFor(this.data, page, pageSize));
  },
  toView: toMemberView,
  data: {
    keyword: '',
    departmentOptions: [{ value: '', label: '全部部门' }],
    departmentId: '',
    statusOptions: STATUS_OPTIONS,
    memberStatus: 'active' as Status,
    /** Department id → path, for role scopes. */
    departmentNames: {} as Record<string, string>,
    selected: null as MemberView | null,
    /** The 绑定码 just issued for the selected member, shown until the sheet closes. */
    issuedCode: null as { code: string; expiresAt: string } | null,
    roleOptions: ROLE_OPTIONS,
    role: ROLE_OPTIONS[0]!.value as GrantableRole,
    scopeOptions: [{ value: '', label: '全公司' }],
    /** '' for the whole company. */
    scope: '',
    ...initialSubmitState(),
  },
  methods: {
    onLoad() {
      return Promise.all([this.loadDepartments(), this.reload()]).then(() => undefined);
    },
    async loadDepartments() {
      try {
        const departments = await listDepartments();
        this.setData({
          departmentOptions: departmentChoices(departments, '全部部门'),
          scopeOptions: departmentChoices(departments, '全公司'),
          departmentNames: departmentNames(departments),
        });
      } catch (error) {
        toast(failureOf(error, 'members').message);
      }
    },
    onKeywordInput(event: InputEvent) {
      this.setData({ keyword: event.detail.value });
    },
    onSearch() {
      return this.reloadWith({});
    },
    onDepartmentChange(event: PickEvent) {
      return this.reloadWith({ departmentId: event.detail.value });
    },
    onStatusChange(event: PickEvent) {
      return isStatus(event.detail.value) ? this.reloadWith({ memberStatus: event.detail.value }) : Promise.resolve();
    },
    onMemberTap(event: TapEvent) {
      const selected = this.data.items.find((member) => member.memberId === event.currentTarget.dataset.memberId);
      if (selected) this.setData({ selected, role: ROLE_OPTIONS[0]!.value, scope: '', issuedCode: null });
    },
    onCloseSheet() {
      this.setData({ selected: null, issuedCode: null });
    },
    /** The popup's own close (a tap on its overlay). */
    onSheetVisible(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.onCloseSheet();
    },
    async onIssueBindCode() {
      const { selected } = this.data;
      if (!selected) return;
      const outcome = await submitOnce(this, () => issueBindCode(selected.memberId), { where: 'members', fallback: '生成失败，请稍后重试' });
      if (!outcome) return;
      if (outcome.ok) this.setData({ issuedCode: { code: outcome.value.code, expiresAt: beijingDateTime(outcome.value.expiresAt) } });
      else toast(outcome.failure.message);
    },
    onCopyBindCode() {
      if (this.data.issuedCode) wx.setClipboardData({ data: this.data.issuedCode.code });
    },
    onRolePick(event: PickEvent) {
      if (isGrantable(event.detail.value)) this.setData({ role: event.detail.value });
    },
    onScopePick(event: PickEvent) {
      this.setData({ scope: event.detail.value });
    },
    /** Runs one change on the selected member and shows the member as the function answers it. */
    async change(run: (memberId: string) => Promise<AdminMember>, done: string) {
      const { selected } = this.data;
      if (!selected) return;
      await submitWithToast(this, () => run(selected.memberId), {
        where: 'members',
        fallback: '操作失败，请稍后重试',
        success: done,
        done: (answer) => {
          const updated = toMemberView(answer);
          const index = this.data.items.findIndex((member) => member.memberId === updated.memberId);
          this.setData({ selected: updated, ...(index >= 0 ? { [`items[${index}]`]: updated } : {}) });
        },
      });
    },
    onGrant() {
      const { role, scope } = this.data;
      return this.change((memberId: string) => grantRole({ memberId, role, ...(scope ? { scopeDepartmentId: scope } : {}) }), '已授予');
    },
    onRevoke(event: TapEvent) {
      const grant = this.data.selected?.grants[Number(event.currentTarget.dataset.index)];
      if (!grant || grant.role === 'learner') return Promise.resolve();
      const role = grant.role;
      const scope = grant.scopeDepartmentId;
      return this.change((memberId: string) => revokeRole({ memberId, role, ...(scope ? { scopeDepartmentId: scope } : {}) }), '已撤销');
    },
    async onUnbind() {
      const { selected } = this.data;
      if (!selected?.bound) return;
      const confirmed = await confirmModal({
        title: '解绑微信',
        content: `解绑后「${selected.name}」需重新绑定才能使用微课，学习记录会保留。确定解绑吗？`,
        confirmText: '解绑',
        danger: true,
      });
      if (confirmed) await this.change(unbindMember, '已解绑');
    },
  },
});
