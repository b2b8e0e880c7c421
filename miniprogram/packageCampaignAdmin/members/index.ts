/**
 * 成员与审核 (trainers): the sign-ups of one campaign by status (待审核, 候补 in waiting-list order, 已报名…),
 * each with department, team, days done and streak; approving or rejecting a pending sign-up (a rejection
 * asks first), and putting a member in a team when the campaign has teams.
 */
import { assignTeam, decideSignUp, getManaged, listMembers, type CampaignMember, type MemberStatusFilter } from '../../services/campaign';
import { departmentLabel } from '../../utils/departments';
import type { PickerOption } from '../../components/picker-field/index';
import { failureOf } from '../../utils/failure';
import { ENROLLMENT_STATUS_LABELS } from '../../utils/labels';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';
import { ENROLLMENT_STATUS_THEMES, type TagTheme } from '../../utils/status-themes';
import { initialSubmitState, submitWithToast } from '../../utils/submit-once';
import { confirmModal, pickedIndex } from '../../utils/ui';
import { indexedOptions } from '../../utils/form';

interface MemberView {
  memberId: string;
  name: string;
  detail: string;
  status: CampaignMember['status'];
  statusLabel: string;
  /** The app's one colour for the sign-up's state (utils/status-themes.ts). */
  statusTheme: TagTheme;
  team: string;
  teamIndex: number;
  progress: string;
}

interface TeamChoice {
  id: string;
  name: string;
}

function toMemberView(member: CampaignMember, teams: readonly TeamChoice[]): MemberView {
  const waiting = member.status === 'waitlisted' && member.waitSeq !== null ? ` · 候补号 ${member.waitSeq}` : '';
  return {
    memberId: member.memberId,
    name: member.name,
    detail: [member.employeeNo ?? '', departmentLabel(member.departmentPath)].filter((part) => part !== '').join(' · '),
    status: member.status,
    statusLabel: `${ENROLLMENT_STATUS_LABELS[member.status]}${waiting}`,
    statusTheme: ENROLLMENT_STATUS_THEMES[member.status],
    team: member.teamName ?? '',
    teamIndex: Math.max(
      0,
      teams.findIndex((team) => team.id === member.teamId),
    ),
    progress: `已打卡 ${member.daysDone} 天（补卡 ${member.madeUpDays}）· 连续 ${member.currentStreak} 天 · 最长 ${member.longestStreak} 天`,
  };
}

const STATUS_TABS: { value: MemberStatusFilter | ''; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'pending', label: ENROLLMENT_STATUS_LABELS.pending },
  { value: 'waitlisted', label: '候补' },
  { value: 'enrolled', label: ENROLLMENT_STATUS_LABELS.enrolled },
  { value: 'rejected', label: ENROLLMENT_STATUS_LABELS.rejected },
  { value: 'quit', label: ENROLLMENT_STATUS_LABELS.quit },
];

type MemberEvent = WechatMiniprogram.BaseEvent<{}, { member?: string; decision?: string }>;

definePagedListPage({
  async fetchPage(page, pageSize) {
    const result = await listMembers(this.data.campaignId, page, pageSize, this.data.statusFilter ? { status: this.data.statusFilter } : {});
    return { ...result, items: result.items.map((member) => toMemberView(member, this.data.teams)) };
  },
  toView: (member: MemberView) => member,
  pageSize: 20,
  data: {
    campaignId: '',
    title: '',
    teams: [] as TeamChoice[],
    teamOptions: [] as PickerOption[],
    statusFilter: '' as MemberStatusFilter | '',
    tabs: STATUS_TABS,
    ...initialSubmitState(),
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ campaignId: query.id ?? '', statusFilter: query.status === 'pending' ? 'pending' : '' });
      try {
        const campaign = await getManaged(this.data.campaignId);
        const teams = campaign.teamMode === 'none' ? [] : campaign.teams.map((team) => ({ id: team.id, name: team.name }));
        this.setData({ title: campaign.title, teams, teamOptions: indexedOptions(teams, (team) => team.name) });
      } catch (error) {
        // The list below says what is wrong (same campaign, same permission).
        failureOf(error, 'campaign-members');
      }
      await this.reload();
    },
    onTab(event: TabsEvent) {
      const tab = STATUS_TABS.find((candidate) => candidate.value === event.detail.value);
      if (tab && tab.value !== this.data.statusFilter) return this.reloadWith({ statusFilter: tab.value });
      return Promise.resolve();
    },
    /** Shows a member's new state in place. */
    replace(member: CampaignMember) {
      const index = this.data.items.findIndex((item) => item.memberId === member.memberId);
      if (index >= 0) this.setData({ [`items[${index}]`]: toMemberView(member, this.data.teams) });
    },
    async onDecide(event: MemberEvent) {
      const { member: memberId, decision } = event.currentTarget.dataset;
      if (!memberId || (decision !== 'approve' && decision !== 'reject') || this.data.submitting) return;
      const member = this.data.items.find((item) => item.memberId === memberId);
      if (decision === 'reject') {
        const confirmed = await confirmModal({ title: '拒绝报名', content: `确定拒绝「${member?.name ?? ''}」的报名吗？`, confirmText: '拒绝', danger: true });
        if (!confirmed) return;
      }
      await submitWithToast(this, () => decideSignUp({ campaignId: this.data.campaignId, memberId, decision }), {
        where: 'campaign-members',
        fallback: '操作失败，请稍后重试',
        done: (updated) => this.replace(updated),
        success: (updated) => (decision === 'approve' ? (updated.status === 'waitlisted' ? '已通过，名额已满转为候补' : '已通过') : '已拒绝'),
      });
    },
    async onAssignTeam(event: WechatMiniprogram.CustomEvent<{ value: string | number }, {}, { member?: string }>) {
      const memberId = event.currentTarget.dataset.member;
      const team = this.data.teams[pickedIndex(event)];
      if (!memberId || !team || this.data.submitting) return;
      await submitWithToast(this, () => assignTeam({ campaignId: this.data.campaignId, memberId, teamId: team.id }), {
        where: 'campaign-members',
        fallback: '分组失败，请稍后重试',
        done: (updated) => this.replace(updated),
        success: `已分到${team.name}`,
      });
    },
  },
});
