/**
 * 成员与角色 (admin): search members by 工号/姓名, filter by department and status, page through them, and in a
 * member's sheet grant or revoke roles (optionally scoped to a department subtree), unbind their WeChat, or
 * issue a one-time 绑定码 for a member who cannot verify the roster's phone (shown once, to hand over).
 */
import type { RoleGrant } from '../../../typings/roles';
import { grantRole, issueBindCode, listDepartments, listMembers, revokeRole, unbindMember, type AdminMember, type MemberListInput } from '../../services/admin';
import { departmentNames, departmentOptions, type DepartmentOption } from '../../utils/departments';
import { failureOf } from '../../utils/failure';
import { EXTERNAL_PARTNER_LABEL, GRANTABLE_ROLES, ROLE_LABELS, type GrantableRole } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { confirmModal, pickedIndex, toast } from '../../utils/ui';
import { beijingDateTime } from '../../utils/time';

type Status = NonNullable<MemberListInput['status']>;

const STATUS_OPTIONS: readonly { value: Status; label: string }[] = [
  { value: 'active', label: '在职' },
  { value: 'inactive', label: '已停用' },
  { value: 'all', label: '全部状态' },
];

const ROLE_OPTIONS = GRANTABLE_ROLES.map((role) => ({ role, label: ROLE_LABELS[role] }));

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
  departmentOptions: DepartmentOption[];
  departmentIndex: number;
  statusIndex: number;
}

/** The members page asked for with the filters as they are now, so "load more" continues the current search. */
function queryFor(filters: Filters, page: number, pageSize: number): MemberListInput {
  const keyword = filters.keyword.trim();
  const departmentId = filters.departmentOptions[filters.departmentIndex]?.id ?? '';
  return {
    page,
    pageSize,
    status: STATUS_OPTIONS[filters.statusIndex].value,
    ...(keyword ? { keyword } : {}),
    ...(departmentId ? { departmentId } : {}),
  };
}

type TapEvent = WechatMiniprogram.BaseEvent<{}, { memberId?: string; index?: number }>;
type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return listMembers(queryFor(this.data, page, pageSize));
  },
  toView: toMemberView,
  data: {
    keyword: '',
    departmentOptions: [{ id: '', label: '全部部门' }] as DepartmentOption[],
    departmentIndex: 0,
    statusOptions: STATUS_OPTIONS,
    statusIndex: 0,
    /** Department id → path, for role scopes. */
    departmentNames: {} as Record<string, string>,
    selected: null as MemberView | null,
    /** The 绑定码 just issued for the selected member, shown until the sheet closes. */
    issuedCode: null as { code: string; expiresAt: string } | null,
    roleOptions: ROLE_OPTIONS,
    roleIndex: 0,
    scopeOptions: [{ id: '', label: '全公司' }] as DepartmentOption[],
    scopeIndex: 0,
    busy: false,
  },
  methods: {
    onLoad() {
      return Promise.all([this.loadDepartments(), this.reload()]).then(() => undefined);
    },
    async loadDepartments() {
      try {
        const departments = await listDepartments();
        this.setData({
          departmentOptions: departmentOptions(departments, '全部部门'),
          scopeOptions: departmentOptions(departments, '全公司'),
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
      return this.reloadWith({ departmentIndex: pickedIndex(event) });
    },
    onStatusChange(event: PickEvent) {
      return this.reloadWith({ statusIndex: pickedIndex(event) });
    },
    onMemberTap(event: TapEvent) {
      const selected = this.data.items.find((member) => member.memberId === event.currentTarget.dataset.memberId);
      if (selected) this.setData({ selected, roleIndex: 0, scopeIndex: 0, issuedCode: null });
    },
    onCloseSheet() {
      this.setData({ selected: null, issuedCode: null });
    },
    async onIssueBindCode() {
      const { selected, busy } = this.data;
      if (!selected || busy) return;
      this.setData({ busy: true });
      try {
        const issued = await issueBindCode(selected.memberId);
        this.setData({ busy: false, issuedCode: { code: issued.code, expiresAt: beijingDateTime(issued.expiresAt) } });
      } catch (error) {
        this.setData({ busy: false });
        toast(failureOf(error, 'members', '生成失败，请稍后重试').message);
      }
    },
    onCopyBindCode() {
      if (this.data.issuedCode) wx.setClipboardData({ data: this.data.issuedCode.code });
    },
    onRolePick(event: PickEvent) {
      this.setData({ roleIndex: pickedIndex(event) });
    },
    onScopePick(event: PickEvent) {
      this.setData({ scopeIndex: pickedIndex(event) });
    },
    /** Runs one change on the selected member and shows the member as the function answers it. */
    async change(run: (memberId: string) => Promise<AdminMember>, done: string) {
      const { selected, busy } = this.data;
      if (!selected || busy) return;
      this.setData({ busy: true });
      try {
        const updated = toMemberView(await run(selected.memberId));
        const index = this.data.items.findIndex((member) => member.memberId === updated.memberId);
        this.setData({ busy: false, selected: updated, ...(index >= 0 ? { [`items[${index}]`]: updated } : {}) });
        toast(done);
      } catch (error) {
        this.setData({ busy: false });
        toast(failureOf(error, 'members', '操作失败，请稍后重试').message);
      }
    },
    onGrant() {
      const role: GrantableRole = ROLE_OPTIONS[this.data.roleIndex].role;
      const scope = this.data.scopeOptions[this.data.scopeIndex]?.id ?? '';
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
