/**
 * 签到: opened by scanning the trainer's attendance code with WeChat (a mini-program code made with
 * wxacode.getUnlimited arrives with its scene as `options.scene`, URL-encoded:
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
 * Sends the token once and says how it went; the session's page is one tap away.
 */
import { attendSession } from '../../services/classroom';
import { failureOf } from '../../utils/failure';
import { definePage } from '../../utils/page';
import { routeUrl } from '../../utils/routes';
import { beijingDateTime } from '../../utils/time';

type Status = 'sending' | 'attended' | 'error';

definePage({
  data: {
    status: 'sending' as Status,
    title: '',
    message: '',
    sessionId: '',
    /** Points this scan paid (0: none shown). */
    points: 0,
  },
  methods: {
    onLoad(options: Record<string, string | undefined> = {}) {
      void this.send(decodeURIComponent(options.scene ?? ''));
    },
    async send(token: string) {
      try {
        const result = await attendSession(token);
        this.setData({
          status: 'attended',
          title: result.title,
          sessionId: result.sessionId,
          points: result.points,
          message: result.firstTime ? `签到成功 ${beijingDateTime(result.attendedAt)}` : `你已于 ${beijingDateTime(result.attendedAt)} 签到`,
        });
      } catch (error) {
        this.setData({ status: 'error', message: failureOf(error, 'classroom-attend').message });
      }
    },
    onOpenSession() {
      if (this.data.sessionId) wx.redirectTo({ url: routeUrl('packageClassroom/session', { id: this.data.sessionId }) });
    },
  },
});
