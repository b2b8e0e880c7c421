/**
 * What the campaign editor shows around its form: the campaign's state line and which of its lifecycle steps
 * the trainer may take now (server/campaign/edit.ts decides again), the confirmations of those steps, and the
 * choices of its pickers as components/picker-field options.
 */
import type { CampaignAdminView, CampaignScopeChoice, LifecycleStep } from '../../services/campaign';
import type { PickerOption } from '../../components/picker-field/index';
import { indexedOptions } from '../../utils/form';
import { CAMPAIGN_STATUS_LABELS } from '../../utils/labels';
import { beijingDateTime } from '../../utils/time';
import type { ConfirmOptions } from '../../utils/ui';
import { invitationPath } from './campaign-form';

export interface StateView {
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

export function stateOf(campaign: CampaignAdminView | null): StateView {
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

export const LIFECYCLE_CONFIRM: Record<LifecycleStep, ConfirmOptions> = {
  publish: { title: '发布活动', content: '发布后，符合条件的成员即可在报名时间内报名。发布前会先保存当前修改。', confirmText: '发布' },
  end: { title: '提前结束', content: '提前结束后，今天之后不能再打卡，已有的打卡记录保留。确定结束吗？', confirmText: '结束', danger: true },
  archive: { title: '归档活动', content: '归档后学员列表中不再显示该活动，数据保留。确定归档吗？', confirmText: '归档', danger: true },
};

export const LIFECYCLE_DONE: Record<LifecycleStep, string> = { publish: '已发布', end: '活动已结束', archive: '已归档' };

export const scopeOptions = (choices: readonly CampaignScopeChoice[]): PickerOption[] => indexedOptions(choices, (choice) => choice.label);

/** The daily-task list folds past this many days: the first days show, the rest behind 展开全部. */
export const TASKS_SHOWN_FOLDED = 3;
