/**
 * 线下课详情: time, place, seats; the pre-reading course and the pre-test (with whether I passed it, which the
 * server requires before signing up when the trainer says so); 报名 / 取消报名 until scanning opens (30 minutes
 * before the start); 扫码签到 with wx.scanCode while the session runs; the evaluation survey once I attended;
 * the post-class quiz and the take-away files, opened with wx.openDocument.
 * https://developers.weixin.qq.com/miniprogram/dev/api/device/scan/wx.scanCode.html
 * https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html
 */
import {
  attendSession,
  cancelSessionSignUp,
  sessionDetail,
  signUpForSession,
  submitSessionSurvey,
  tokenFromScan,
  type SessionDetail,
} from '../../services/classroom';
import { failedLoad, failureOf } from '../../utils/failure';
import { CLASSROOM_LIMITS } from '../../utils/limits';
import { MY_SESSION_LABELS, SESSION_PHASE_LABELS } from '../../utils/labels';
import { definePage, refreshWith } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { routeUrl } from '../../utils/routes';
import { beijingDateTime } from '../../utils/time';
import { openTakeawayFile } from '../../utils/takeaway';

interface QuestionView {
  id: string;
  kind: 'rating' | 'open';
  prompt: string;
}

type TapEvent = WechatMiniprogram.BaseEvent<{}, { id?: string; value?: number; index?: number }>;
type InputEvent = WechatMiniprogram.CustomEvent<{ value?: string }, {}, { id?: string }>;

const SCORES = [1, 2, 3, 4, 5];

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    limits: CLASSROOM_LIMITS,
    scores: SCORES,
    id: '',
    session: null as SessionDetail | null,
    phase: '',
    mine: '',
    when: '',
    attendFrom: '',
    canSignUp: false,
    canCancel: false,
    canScan: false,
    questions: [] as QuestionView[],
    ratings: {} as Record<string, number>,
    answers: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },
    onPullDownRefresh() {
      void refreshWith(() => this.load());
    },
    async load() {
      try {
        this.show(await sessionDetail(this.data.id));
      } catch (error) {
        this.setData(failedLoad(error, 'classroom-session'));
      }
    },
    show(session: SessionDetail) {
      const scanning = session.phase === 'in_progress';
      this.setData({
        status: 'ready',
        session,
        phase: SESSION_PHASE_LABELS[session.phase],
        mine: MY_SESSION_LABELS[session.mine],
        when: `${session.day} ${session.startTime}-${session.endTime}`,
        attendFrom: beijingDateTime(session.attendFrom),
        canSignUp: session.mine === 'none' && session.phase === 'open',
        canCancel: session.mine === 'signed_up' && (session.phase === 'open' || session.phase === 'full'),
        canScan: session.mine === 'signed_up' && scanning,
        questions: session.survey,
      });
    },
    /** Runs one member action at a time and shows the session as the server answers it. */
    async act(send: () => Promise<SessionDetail>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        this.show(await send());
        wx.showToast({ title: done, icon: 'success' });
      } catch (error) {
        wx.showToast({ title: failureOf(error, 'classroom-session').message, icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
    onSignUp() {
      void this.act(() => signUpForSession(this.data.id), '报名成功');
    },
    onCancel() {
      void this.act(() => cancelSessionSignUp(this.data.id), '已取消报名');
    },
    onScan() {
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['wxCode', 'qrCode'],
        success: (scanned) => {
          const token = tokenFromScan(scanned);
          if (!token) {
            wx.showToast({ title: '这不是签到码', icon: 'none' });
            return;
          }
          void this.act(async () => {
            await attendSession(token);
            return sessionDetail(this.data.id);
          }, '签到成功');
        },
      });
    },
    onOpenCourse(event: TapEvent) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: routeUrl('packageCourse/course', { id }) });
    },
    onRate(event: TapEvent) {
      const { id, value } = event.currentTarget.dataset;
      if (id && value) this.setData({ ratings: { ...this.data.ratings, [id]: value } });
    },
    onAnswer(event: InputEvent) {
      const { id } = event.currentTarget.dataset;
      if (id) this.setData({ answers: { ...this.data.answers, [id]: event.detail.value ?? '' } });
    },
    onSubmitSurvey() {
      const missing = this.data.questions.find((question) => question.kind === 'rating' && !this.data.ratings[question.id]);
      if (missing) {
        wx.showToast({ title: `请为「${missing.prompt}」评分`, icon: 'none' });
        return;
      }
      void this.act(() => submitSessionSurvey(this.data.id, this.data.ratings, this.data.answers), '感谢你的评价');
    },
    async onOpenFile(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const file = this.data.session?.files[event.detail.index];
      if (file) await openTakeawayFile(async () => file);
    },
  },
});
