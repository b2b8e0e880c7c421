/**
 * 邀请码 (admin): create a one-time code for a partner or someone outside the roster (name, department, note,
 * valid days), show it big with a copy button, and list codes with their status; open codes can be revoked.
 */
import { createInvitation, listDepartments, listInvitations, revokeInvitation, type Invitation } from '../../services/admin';
import { departmentChoices } from '../../utils/departments';
import { failureOf } from '../../utils/failure';
import { INVITATION_STATUS_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { confirmModal, toast } from '../../utils/ui';
import { ADMIN_LIMITS } from '../../utils/limits';
import { beijingDateTime } from '../../utils/time';

const MAX_NAME = ADMIN_LIMITS.invitationName;
const MAX_NOTE = ADMIN_LIMITS.invitationNote;
const MAX_DAYS = ADMIN_LIMITS.invitationDays;
const DEFAULT_DAYS = '7';

interface InvitationView {
  code: string;
  name: string;
  note: string;
  department: string;
  status: Invitation['status'];
  statusLabel: string;
  expires: string;
}

function toInvitationView(invitation: Invitation): InvitationView {
  return {
    code: invitation.code,
    name: invitation.name,
    note: invitation.note,
    department: invitation.departmentPath.join(' / '),
    status: invitation.status,
    statusLabel: INVITATION_STATUS_LABELS[invitation.status],
    expires: beijingDateTime(invitation.expiresAt),
  };
}

interface FormErrors {
  name: string;
  department: string;
  validDays: string;
  note: string;
}

const NO_ERRORS: FormErrors = { name: '', department: '', validDays: '', note: '' };

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
/** components/picker-field's change: the chosen department's id. */
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type RevokeEvent = WechatMiniprogram.BaseEvent<{}, { code?: string }>;

definePagedListPage({
  fetchPage: listInvitations,
  toView: toInvitationView,
  data: {
    limits: ADMIN_LIMITS,
    name: '',
    note: '',
    validDays: DEFAULT_DAYS,
    departmentOptions: [] as { value: string; label: string }[],
    /** '' until a department is chosen. */
    departmentId: '',
    errors: { ...NO_ERRORS },
    ...initialSubmitState(),
    created: null as InvitationView | null,
  },
  methods: {
    onLoad() {
      return Promise.all([this.loadDepartments(), this.reload()]).then(() => undefined);
    },
    async loadDepartments() {
      try {
        this.setData({ departmentOptions: departmentChoices(await listDepartments()) });
      } catch (error) {
        toast(failureOf(error, 'invitations').message);
      }
    },
    onNameInput(event: InputEvent) {
      this.setData({ name: event.detail.value, 'errors.name': '' });
    },
    onNoteInput(event: InputEvent) {
      this.setData({ note: event.detail.value, 'errors.note': '' });
    },
    onValidDaysInput(event: InputEvent) {
      this.setData({ validDays: event.detail.value, 'errors.validDays': '' });
    },
    onDepartmentPick(event: PickEvent) {
      this.setData({ departmentId: event.detail.value, 'errors.department': '' });
    },
    async onCreate() {
      if (this.data.submitting) return;
      const name = this.data.name.trim();
      const note = this.data.note.trim();
      const validDays = Number(this.data.validDays.trim());
      const { departmentId } = this.data;
      const errors: FormErrors = { ...NO_ERRORS };
      if (name === '') errors.name = '请输入受邀人姓名';
      else if (name.length > MAX_NAME) errors.name = `姓名最多 ${MAX_NAME} 个字`;
      if (!departmentId) errors.department = '请选择所属部门';
      if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_DAYS) errors.validDays = `有效期为 1 到 ${MAX_DAYS} 天`;
      if (note.length > MAX_NOTE) errors.note = `备注最多 ${MAX_NOTE} 个字`;
      if (Object.values(errors).some((message) => message !== '')) {
        this.setData({ errors });
        return;
      }
      this.setData({ errors: { ...NO_ERRORS } });
      const outcome = await submitOnce(this, () => createInvitation({ name, note, departmentId, validDays }), {
        where: 'invitations',
        fallback: '创建失败，请稍后重试',
      });
      if (!outcome) return;
      if (!outcome.ok) {
        toast(outcome.failure.message);
        return;
      }
      this.setData({ created: toInvitationView(outcome.value), name: '', note: '', validDays: DEFAULT_DAYS });
      await this.reload();
    },
    onCopy() {
      const { created } = this.data;
      // WeChat itself confirms with a 内容已复制 toast.
      if (created) wx.setClipboardData({ data: created.code });
    },
    async onRevoke(event: RevokeEvent) {
      const invitation = this.data.items.find((item) => item.code === event.currentTarget.dataset.code);
      if (invitation?.status !== 'open') return;
      const confirmed = await confirmModal({
        title: '撤销邀请码',
        content: `撤销后「${invitation.name}」将无法使用邀请码 ${invitation.code}。确定撤销吗？`,
        confirmText: '撤销',
        danger: true,
      });
      if (!confirmed) return;
      try {
        const updated = toInvitationView(await revokeInvitation(invitation.code));
        const index = this.data.items.findIndex((item) => item.code === updated.code);
        const created = this.data.created?.code === updated.code ? updated : this.data.created;
        this.setData({ created, ...(index >= 0 ? { [`items[${index}]`]: updated } : {}) });
        toast('已撤销');
      } catch (error) {
        toast(failureOf(error, 'invitations', '撤销失败，请稍后重试').message);
      }
    },
  },
});
