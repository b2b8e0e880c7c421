/** 登录设备: the member's signed-in web consoles, each with 退出登录 (ends that session at once). */
import { consoleSessions, endConsoleSession, type ConsoleSession } from '../../services/web-console';
import { failedLoad, failureOf } from '../../utils/failure';
import { definePage, refreshWith } from '../../utils/page';
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

definePage({
  data: {
    status: 'loading' as string,
    message: '',
    sessions: [] as SessionView[],
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onPullDownRefresh() {
      void refreshWith(() => this.load());
    },
    onRetry() {
      void this.load();
    },
    async load() {
      try {
        const sessions = (await consoleSessions()).map(toView);
        this.setData({ sessions, status: sessions.length > 0 ? 'done' : 'empty', message: '' });
      } catch (error) {
        this.setData({ sessions: [], ...failedLoad(error, 'console-devices') });
      }
    },
    async onEnd(event: EndEvent) {
      const { id } = event.currentTarget.dataset;
      if (!id) return;
      try {
        await endConsoleSession(id);
        wx.showToast({ title: '已退出该设备', icon: 'success' });
        await this.load();
      } catch (error) {
        wx.showToast({ title: failureOf(error, 'console-devices').message, icon: 'none' });
      }
    },
  },
});
