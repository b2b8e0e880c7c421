/**
 * 消息设置: each kind of notification on or off (off: not listed, not counted, no WeChat message), and, for a
 * kind with a subscribe-message template, 订阅微信提醒: WeChat's panel, then the accepted subscription is
 * reported (one message per acceptance; the server counts what is left).
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 */
import { getNotificationSettings, setNotificationKind, subscribeNotifications, type NotificationSettings } from '../../services/notification';
import { failureOf } from '../../utils/failure';
import { NOTIFICATION_KIND_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { newRequestId } from '../../utils/request-id';
import { requestSubscriptions } from '../../utils/subscribe';
import { toast } from '../../utils/ui';

interface KindRow {
  kind: NotificationSettings['kinds'][number]['kind'];
  label: string;
  enabled: boolean;
  templateId: string;
  remaining: number;
}

const rowsOf = (settings: NotificationSettings): KindRow[] =>
  settings.kinds.map((setting) => ({
    kind: setting.kind,
    label: NOTIFICATION_KIND_LABELS[setting.kind],
    enabled: setting.enabled,
    templateId: setting.templateId ?? '',
    remaining: setting.remaining,
  }));

type RowEvent = WechatMiniprogram.CustomEvent<{ value?: boolean }, {}, { kind?: KindRow['kind'] }>;

defineLoadedPage({
  where: 'notification-settings',
  data: {
    rows: [] as KindRow[],
    busy: false,
    /** A panel accepted but not yet reported (retried with the same request id). */
    pending: null as { templateId: string; requestId: string } | null,
  },
  fetch: getNotificationSettings,
  show: (settings) => ({ rows: rowsOf(settings) }),
  methods: {
    async onSwitch(event: RowEvent) {
      const kind = event.currentTarget.dataset.kind;
      const enabled = event.detail.value === true;
      if (!kind) return;
      try {
        this.setData({ rows: rowsOf(await setNotificationKind({ kind, enabled })) });
      } catch (error) {
        toast(failureOf(error, 'notification-settings', '保存失败，请稍后重试').message);
        await this.load();
      }
    },
    /** WeChat shows its panel only from a tap, so it is asked for before any other await. */
    async onSubscribe(event: RowEvent) {
      const row = this.data.rows.find((each) => each.kind === event.currentTarget.dataset.kind);
      if (!row?.templateId || this.data.busy) return;
      let pending = this.data.pending?.templateId === row.templateId ? this.data.pending : null;
      if (!pending) {
        const answer = await requestSubscriptions([row.templateId]);
        if (!answer.ok || !answer.accepted.includes(row.templateId)) {
          toast('未订阅');
          return;
        }
        pending = { templateId: row.templateId, requestId: newRequestId() };
      }
      this.setData({ busy: true, pending });
      try {
        const settings = await subscribeNotifications([pending.templateId], pending.requestId);
        const rows = rowsOf(settings);
        this.setData({ rows, pending: null });
        toast(`已订阅，剩余提醒 ${rows.find((each) => each.kind === row.kind)?.remaining ?? 0} 次`);
      } catch (error) {
        toast(failureOf(error, 'notification-settings', '订阅未同步，请再点一次').message);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
