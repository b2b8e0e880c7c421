/**
 * 消息中心: my notifications newest first, unread ones marked; opening one marks it read and goes to its
 * page; 全部已读 marks them all. Kinds turned off in 消息设置 are not listed. The 我的 tab's badge is
 * refreshed when 我的 shows again (a badge can only be set from a tab page's context).
 */
import { listNotifications, markAllNotificationsRead, markNotificationRead, type Notification } from '../../services/notification';
import { failureOf } from '../../utils/failure';
import { NOTIFICATION_KIND_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { toast } from '../../utils/ui';
import { timeAgo } from '../../utils/time';
import { routeUrl } from '../../utils/routes';

interface NotificationCard {
  id: string;
  kind: string;
  title: string;
  body: string;
  time: string;
  read: boolean;
  page: string | null;
}

const toCard = (notification: Notification): NotificationCard => ({
  id: notification.id,
  kind: NOTIFICATION_KIND_LABELS[notification.kind],
  title: notification.title,
  body: notification.body,
  time: timeAgo(notification.createdAt),
  read: notification.read,
  page: notification.page,
});

type CardEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

definePagedListPage({
  async fetchPage(page, pageSize) {
    const answer = await listNotifications(page, pageSize);
    this.setData({ unread: answer.unread });
    return answer;
  },
  toView: toCard,
  reloadOnShow: true,
  data: {
    unread: 0,
    busy: false,
  },
  methods: {
    async onOpen(event: CardEvent) {
      const index = this.data.items.findIndex((item) => item.id === event.currentTarget.dataset.id);
      const card = this.data.items[index];
      if (!card) return;
      if (!card.read) {
        try {
          const { unread } = await markNotificationRead(card.id);
          this.setData({ [`items[${index}].read`]: true, unread });
        } catch (error) {
          // Opening still works; the mark is retried the next time.
          failureOf(error, 'notification-inbox');
        }
      }
      if (card.page) wx.navigateTo({ url: card.page });
    },
    async onMarkAll() {
      if (this.data.busy || this.data.unread === 0) return;
      this.setData({ busy: true });
      const marked = await markAllNotificationsRead().catch((error: unknown) => {
        toast(failureOf(error, 'notification-inbox', '操作失败，请稍后重试').message);
        return null;
      });
      if (marked) toast('已全部标为已读');
      // Marked: every item shown is read (the list holds only my notifications).
      this.setData({ busy: false, ...(marked ? { items: this.data.items.map((item) => ({ ...item, read: true })), unread: marked.unread } : {}) });
    },
    onSettings() {
      wx.navigateTo({ url: routeUrl('packageNotice/settings') });
    },
  },
});
