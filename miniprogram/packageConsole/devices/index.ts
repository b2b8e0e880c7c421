/** 登录设备: the member's signed-in web consoles, each with 退出登录 (ends that session at once). */
import { consoleSessions, endConsoleSession, type ConsoleSession } from '../../services/web-console';
import { initialSubmitState, submitOnce } from '../../utils/submit-once';
import { toast } from '../../utils/ui';
import { defineLoadedPage } from '../../utils/loaded-page';
import { beijingDateTime } from '../../utils/time';

interface SessionView {
  sessionId: string;
  browser: string;
  /** 网络地址 127.0.0.1 · 登录于 2026-03-01 10:00 · 最近使用 2026-03-01 11:00 */
  meta: string;
}

const toView = (session: ConsoleSession): SessionView => ({
  sessionId: session.sessionId,
  browser: session.browser,
  meta: `网络地址 ${session.ip || '未知'} · 登录于 ${beijingDateTime(session.signedInAt)} · 最近使用 ${beijingDateTime(session.lastSeenAt)}`,
});

type EndEvent = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

defineLoadedPage({
  where: 'console-devices',
  data: { sessions: [] as SessionView[], ...initialSubmitState() },
  fetch: consoleSessions,
  show: (sessions: ConsoleSession[]) => ({ sessions: sessions.map(toView) }),
  isEmpty: (sessions) => sessions.length === 0,
  methods: {
    async onEnd(event: EndEvent) {
      const { id } = event.currentTarget.dataset;
      if (!id) return;
      const outcome = await submitOnce(this, () => endConsoleSession(id), { where: 'console-devices' });
      if (!outcome) return;
      if (!outcome.ok) {
        toast(outcome.failure.message);
        return;
      }
      wx.showToast({ title: '已退出该设备', icon: 'success' });
      await this.load();
    },
  },
});
