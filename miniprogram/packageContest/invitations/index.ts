/**
 * 组队邀请: the team invitations waiting for my answer (of one contest, or all), newest first. Confirming
 * puts me on the team (one team per contest); declining tells the owner. Once a contest's sign-up window
 * has closed its invitations can no longer be answered and say so.
 */
import { answerInvitation, listInvitations, type Invitation } from '../../services/contest';
import { failureOf } from '../../utils/failure';
import { definePagedListPage } from '../../utils/paged-list';
import { confirmModal, toast } from '../../utils/ui';
import { signUpUrl } from '../shared/routes';
import { beijingDateTime } from '../../utils/time';

interface InvitationCard {
  id: string;
  contestId: string;
  title: string;
  contestTitle: string;
  inviter: string;
  open: boolean;
}

function toCard(invitation: Invitation): InvitationCard {
  return {
    id: invitation.id,
    contestId: invitation.contestId,
    title: invitation.teamName ? `${invitation.title}（${invitation.teamName}）` : invitation.title,
    contestTitle: invitation.contestTitle,
    inviter: `${invitation.inviterName} 邀请你加入 · ${beijingDateTime(invitation.invitedAt)}`,
    open: invitation.open,
  };
}

type CardEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return listInvitations(this.data.contestId || null, page, pageSize);
  },
  toView: toCard,
  reloadOnShow: true,
  data: {
    contestId: '',
    answering: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ contestId: query.contestId ?? '' });
      return this.reload();
    },
    cardOf(event: CardEvent): InvitationCard | undefined {
      return this.data.items.find((card) => card.id === event.currentTarget.dataset.id);
    },
    async onConfirm(event: CardEvent) {
      const card = this.cardOf(event);
      if (!card?.open || this.data.answering) return;
      if (await this.answer(card, true, '已加入队伍')) wx.navigateTo({ url: signUpUrl(card.contestId) });
    },
    async onDecline(event: CardEvent) {
      const card = this.cardOf(event);
      if (!card?.open || this.data.answering) return;
      if (!(await confirmModal({ title: '谢绝邀请', content: `谢绝加入「${card.title}」？`, confirmText: '谢绝', danger: true }))) return;
      await this.answer(card, false, '已谢绝邀请');
    },
    /** Sends the answer; the list is read again either way (the invitation is answered or changed meanwhile). */
    async answer(card: InvitationCard, accept: boolean, success: string): Promise<boolean> {
      this.setData({ answering: card.id });
      try {
        await answerInvitation(card.id, accept);
        toast(success);
        return true;
      } catch (error) {
        toast(failureOf(error, 'contest-invitations', '操作失败，请稍后重试').message);
        return false;
      } finally {
        this.setData({ answering: '' });
        await this.reload();
      }
    },
  },
});
