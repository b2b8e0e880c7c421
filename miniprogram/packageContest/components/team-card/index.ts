/**
 * The team of an entry, the team job apart from the entry form (packageContest/signup): members, invitations
 * waiting for an answer (the owner withdraws them), and while the team is open the owner invites more
 * teammates and a teammate may leave. Each change asks first where it cannot be undone and is sent once
 * (utils/submit-once.ts). Events: change { entry } with the entry as it is now; left when the caller left.
 */
import { inviteTeammates, leaveTeam, withdrawInvitation, type ContestEntry } from '../../../services/contest';
import { CONTEST_LIMITS } from '../../../utils/limits';
import { initialSubmitState, submitOnce } from '../../../utils/submit-once';
import { confirmModal, toast } from '../../../utils/ui';
import { readTeammates, type TeammateRow } from '../../shared/team';

interface Invitation {
  invitationId: string;
  name: string;
}

Component({
  properties: {
    entryId: { type: String, value: '' },
    team: { type: Boolean, value: false },
    members: { type: Array, value: [] as { memberId: string; name: string; department: string }[] },
    invitations: { type: Array, value: [] as Invitation[] },
    isOwner: { type: Boolean, value: false },
    teamOpen: { type: Boolean, value: false },
  },
  data: { rows: [] as TeammateRow[], rowsError: '', error: '', room: 0, ...initialSubmitState() },
  observers: {
    'members, invitations'(members: unknown[], invitations: unknown[]) {
      this.setData({ room: CONTEST_LIMITS.teamMembers - members.length - invitations.length });
    },
  },
  methods: {
    onRows(event: WechatMiniprogram.CustomEvent<{ rows: TeammateRow[] }>) {
      this.setData({ rows: event.detail.rows, rowsError: '' });
    },
    /** Sends one team change; the entry as it is now goes to the page, a refusal is shown here. */
    async change(send: () => Promise<ContestEntry>, success: string): Promise<ContestEntry | null> {
      this.setData({ error: '' });
      const outcome = await submitOnce(this, send, { where: 'contest-team', fallback: '操作失败，请稍后重试' });
      if (!outcome) return null;
      if (!outcome.ok) {
        this.setData({ error: outcome.failure.message });
        return null;
      }
      toast(success);
      return outcome.value;
    },
    async onInvite() {
      if (this.data.submitting) return;
      const teammates = readTeammates(this.data.rows);
      if (!teammates.ok || teammates.value.length === 0) {
        this.setData({ rowsError: teammates.ok ? '请填写队友的工号和姓名' : teammates.error });
        return;
      }
      const entry = await this.change(() => inviteTeammates(this.data.entryId, teammates.value), '已发出邀请');
      if (!entry) return;
      this.setData({ rows: [] });
      this.triggerEvent('change', { entry });
    },
    async onWithdraw(event: WechatMiniprogram.BaseEvent<{}, { index?: number }>) {
      const invitation = (this.data.invitations as Invitation[])[Number(event.currentTarget.dataset.index)];
      if (!invitation || this.data.submitting) return;
      if (!(await confirmModal({ title: '撤回邀请', content: `撤回对 ${invitation.name} 的组队邀请？`, confirmText: '撤回', danger: true }))) return;
      const entry = await this.change(() => withdrawInvitation(invitation.invitationId), '已撤回邀请');
      if (entry) this.triggerEvent('change', { entry });
    },
    async onLeave() {
      if (this.data.submitting) return;
      if (
        !(await confirmModal({ title: '退出队伍', content: '退出后你将不再是该作品的成员，可以重新报名或加入其他队伍。', confirmText: '退出', danger: true }))
      )
        return;
      // No longer my entry: the page goes back to the sign-up form.
      if (await this.change(() => leaveTeam(this.data.entryId), '已退出队伍')) this.triggerEvent('left');
    },
  },
});
