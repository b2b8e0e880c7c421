/**
 * 确认登录管理后台: opened by scanning the console's mini-program code, whose scene is the login request id
 * (a code made with wxacode.getUnlimited arrives as `options.scene`, URL-encoded:
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
 * Shows which browser asks, from where and when, then 确认登录 or 取消.
 */
import { cancelLogin, confirmLogin, loginDetail } from '../../services/web-console';
import { failureOf } from '../../utils/failure';
import { definePage } from '../../utils/page';
import { beijingDateTime } from '../../utils/time';

type Status = 'loading' | 'ready' | 'confirmed' | 'cancelled' | 'closed' | 'error';

definePage({
  data: {
    status: 'loading' as Status,
    loginId: '',
    browser: '',
    ip: '',
    requestedAt: '',
    message: '',
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const loginId = decodeURIComponent(options.scene ?? options.loginId ?? '');
      this.setData({ loginId });
      void this.load();
    },
    async load() {
      this.setData({ status: 'loading' });
      try {
        const detail = await loginDetail(this.data.loginId);
        this.setData({
          status: detail.status === 'pending' ? 'ready' : 'closed',
          browser: detail.browser,
          ip: detail.ip || '未知',
          requestedAt: beijingDateTime(detail.requestedAt),
          message: detail.status === 'pending' ? '' : '登录二维码已失效，请在电脑上刷新二维码后重新扫码',
        });
      } catch (error) {
        this.setData({ status: 'error', message: failureOf(error, 'console-confirm').message });
      }
    },
    onConfirm() {
      void this.decide(() => confirmLogin(this.data.loginId), 'confirmed', '已确认，电脑上的管理后台将自动登录');
    },
    onCancel() {
      void this.decide(() => cancelLogin(this.data.loginId), 'cancelled', '已取消登录');
    },
    /** Sends the member's answer once (taps while it is on its way are ignored) and shows what came of it. */
    async decide(send: () => Promise<unknown>, status: Status, message: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await send();
        this.setData({ status, message });
      } catch (error) {
        this.setData({ status: 'error', message: failureOf(error, 'console-confirm').message });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
