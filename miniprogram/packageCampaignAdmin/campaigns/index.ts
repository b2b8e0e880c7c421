/**
 * 打卡活动管理 (trainers): the campaigns I manage by status (草稿 / 已发布 / 已结束 / 已归档), newest change
 * first, with sign-ups waiting for approval and the waiting list; opens the editor, the members and the
 * dashboard, and starts a new campaign.
 */
import { campaignUrl, listManaged, phaseLabel, seatsText, type ManagedCampaign, type ManagedStatus } from '../../services/campaign';
import { CAMPAIGN_STATUS_LABELS } from '../../utils/labels';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';
import { beijingDateTime } from '../../utils/time';

interface ManagedView {
  id: string;
  title: string;
  status: string;
  phase: string;
  dates: string;
  seats: string;
  /** 待审核 3 · 候补 2, or ''. */
  waiting: string;
  updated: string;
}

function toManagedView(campaign: ManagedCampaign): ManagedView {
  const waiting = [campaign.pendingCount > 0 ? `待审核 ${campaign.pendingCount}` : '', campaign.waitlistedCount > 0 ? `候补 ${campaign.waitlistedCount}` : '']
    .filter((part) => part !== '')
    .join(' · ');
  return {
    id: campaign.id,
    title: campaign.title,
    status: CAMPAIGN_STATUS_LABELS[campaign.status],
    phase: campaign.status === 'published' ? phaseLabel(campaign) : '',
    dates: `${campaign.startDay} 至 ${campaign.endDay}`,
    seats: seatsText(campaign),
    waiting,
    updated: beijingDateTime(campaign.updatedAt),
  };
}

const STATUS_TABS: { value: ManagedStatus | ''; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'draft', label: CAMPAIGN_STATUS_LABELS.draft },
  { value: 'published', label: CAMPAIGN_STATUS_LABELS.published },
  { value: 'ended', label: CAMPAIGN_STATUS_LABELS.ended },
  { value: 'archived', label: CAMPAIGN_STATUS_LABELS.archived },
];

type CampaignTap = WechatMiniprogram.BaseEvent<{}, { id?: string; route?: string }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return listManaged(page, pageSize, this.data.statusFilter || undefined);
  },
  toView: toManagedView,
  /** Back from the editor: show what was saved, published or ended. */
  reloadOnShow: true,
  data: {
    statusFilter: '' as ManagedStatus | '',
    tabs: STATUS_TABS,
  },
  methods: {
    onTab(event: TabsEvent) {
      const tab = STATUS_TABS.find((candidate) => candidate.value === event.detail.value);
      if (tab && tab.value !== this.data.statusFilter) return this.reloadWith({ statusFilter: tab.value });
      return Promise.resolve();
    },
    onNew() {
      wx.navigateTo({ url: campaignUrl('editor') });
    },
    onOpen(event: CampaignTap) {
      const { id, route } = event.currentTarget.dataset;
      const target = (['editor', 'members', 'dashboard'] as const).find((name) => name === route) ?? 'editor';
      if (id) wx.navigateTo({ url: campaignUrl(target, { id }) });
    },
  },
});
