/**
 * 打卡 (and 补卡 for a missed day, `?id=…&day=…`): the day's task and its course with whether I completed it,
 * my text with the minimum-length counter, up to the campaign's number of pictures (chosen, uploaded through
 * the transport, previewed, removable). Submitting sends one requestId per intent: a retry after an unknown
 * outcome sends the same one, so the server answers the same check-in and never pays twice. Success shows
 * the points earned, streak bonuses and the streak; a make-up shows the cards left and what it cost.
 */
import { courseUrl } from '../../components/course-card/view';
import { chooseAndUploadPictures } from '../../services/media';
import { campaignUrl, checkIn, getCampaign, makeUp, type CampaignDetail, type CheckinResult } from '../../services/campaign';
import { getCourse } from '../../services/course';
import type { ApiErrorCode } from '../../services/transport';
import { failedLoad, failureOf, messageFor } from '../../utils/failure';
import { CAMPAIGN_LIMITS } from '../../utils/limits';
import type { FieldEvent } from '../../utils/form';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { pictureUrls } from '../../utils/pictures';
import { toast } from '../../utils/ui';
import { toTaskView, type TaskView } from '../shared/rules';
import { newRequestId } from '../../utils/request-id';

/** Refusals: nothing was recorded, and the same request would be refused again. */
const REFUSALS: Partial<Record<ApiErrorCode, string>> = {
  ALREADY_CHECKED_IN: '这一天已经打过卡了',
  CHECKIN_IN_PROGRESS: '这一天的打卡正在提交中，请稍后到打卡日历查看',
  CHECKIN_UNAVAILABLE: '现在不能为这一天打卡（活动未开始、已结束或日期已变化）',
  CHECKIN_REQUIREMENT: '打卡内容未达到活动要求，请检查文字、图片和当天课程',
  MAKEUP_UNAVAILABLE: '无法补卡：补卡卡已用完或已超出可补卡的天数',
  NOT_ENROLLED: '你还没有参加该活动',
  CONTENT_REJECTED: '内容含有违规信息，请修改后再提交',
  POINTS_INSUFFICIENT: '积分不足，无法支付补卡所需积分',
  CAMPAIGN_STATE: '活动当前状态不允许打卡',
};

/** The day's course: '' without one, else whether I completed it (unknown when the course could not be read). */
type CourseState = '' | 'done' | 'todo' | 'unknown';

interface FormRules {
  minTextLength: number;
  minPictures: number;
  maxPictures: number;
  requireCourse: boolean;
}

interface MakeUpInfo {
  cardsLeft: number;
  cost: number;
}

interface ResultView {
  title: string;
  lines: string[];
}

function resultView(result: CheckinResult, makingUp: boolean): ResultView {
  const lines: string[] = [];
  if (result.pointsAwarded > 0) lines.push(`获得 ${result.pointsAwarded} 积分`);
  for (const days of result.milestonesReached) lines.push(`达成连续打卡 ${days} 天！`);
  if (result.bonusAwarded > 0) lines.push(`连续打卡奖励 ${result.bonusAwarded} 积分`);
  if (makingUp && result.pointsSpent > 0) lines.push(`补卡消耗 ${result.pointsSpent} 积分`);
  lines.push(`已连续打卡 ${result.enrollment.currentStreak} 天，累计 ${result.enrollment.daysDone} 天`);
  if (makingUp) lines.push(`剩余补卡卡 ${result.enrollment.makeUpCardsLeft} 张`);
  return { title: makingUp ? '补卡成功' : '打卡成功', lines };
}

/** The first reason the form cannot be sent yet, or ''. */
function formProblem(text: string, pictures: number, rules: FormRules, course: CourseState): string {
  const length = text.trim().length;
  if (length < rules.minTextLength) return `心得文字还差 ${rules.minTextLength - length} 字`;
  if (pictures < rules.minPictures) return `请至少上传 ${rules.minPictures} 张图片`;
  if (rules.requireCourse && course === 'todo') return '请先完成当天的课程再打卡';
  return '';
}

type DataTap = WechatMiniprogram.BaseEvent<{}, { index?: number; src?: string }>;

/** What today's check-in will really pay (the server applies the daily caps), and why when it is less than advertised. */
function todayPointsLine(campaign: CampaignDetail): string {
  const points = campaign.todayCheckinPoints;
  if (points === null) return '';
  if (points >= campaign.pointsPerCheckin) return `今日打卡可得 ${points} 积分`;
  return `今日打卡可得 ${points} 积分（活动设定 ${campaign.pointsPerCheckin} 积分，受每日积分上限限制）`;
}

definePage({
  data: {
    limits: CAMPAIGN_LIMITS,
    status: 'loading' as ListStatus,
    message: '',
    campaignId: '',
    /** The missed day being made up, or '' for today's check-in. */
    makeUpDay: '',
    day: '',
    title: '',
    task: null as TaskView | null,
    rules: { minTextLength: 0, minPictures: 0, maxPictures: CAMPAIGN_LIMITS.checkinPictures, requireCourse: false } as FormRules,
    makeUp: { cardsLeft: 0, cost: 0 } as MakeUpInfo,
    courseState: '' as CourseState,
    text: '',
    textLength: 0,
    pictures: [] as string[],
    previews: {} as Record<string, string>,
    uploading: false,
    submitting: false,
    /** Set from the first submit of this content until its outcome is known. */
    pendingRequestId: '',
    error: '',
    result: null as ResultView | null,
    /** 今日打卡可得 N 积分, the server's figure under the daily caps; '' when none. */
    todayPoints: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ campaignId: query.id ?? '', makeUpDay: query.day ?? '' });
      return this.load();
    },
    async load() {
      const { campaignId, makeUpDay } = this.data;
      if (!campaignId) {
        this.setData({ status: 'error', message: '活动不存在或已删除' });
        return;
      }
      try {
        const campaign = await getCampaign(campaignId);
        const problem = this.show(campaign);
        if (problem) {
          this.setData({ status: 'error', message: problem });
          return;
        }
        this.setData({ status: 'ready' });
        wx.setNavigationBarTitle({ title: makeUpDay ? '补卡' : '打卡' });
        await this.loadCourseState();
      } catch (error) {
        this.setData(failedLoad(error, 'checkin'));
      }
    },
    /** Shows the day's task and rules; answers why this day cannot be checked in, or ''. */
    show(campaign: CampaignDetail): string {
      const { makeUpDay } = this.data;
      const task = makeUpDay ? (campaign.tasks.find((candidate) => candidate.day === makeUpDay) ?? null) : campaign.todayTask;
      const enrollment = campaign.myEnrollment;
      if (enrollment?.status !== 'enrolled') return '报名成功后才能打卡';
      if (!task) return makeUpDay ? '这一天不是活动的打卡日' : '今天没有安排打卡任务';
      if (!makeUpDay && campaign.checkedInToday) return '今天已经打过卡了';
      this.setData({
        day: task.day,
        title: campaign.title,
        task: toTaskView(task, campaign.today),
        rules: { ...campaign.requirement },
        makeUp: { cardsLeft: enrollment.makeUpCardsLeft, cost: campaign.makeUp.pointsCost },
        courseState: task.courseId ? 'unknown' : '',
        todayPoints: makeUpDay ? '' : todayPointsLine(campaign),
      });
      return '';
    },
    /** Whether I completed the day's course; the server checks again when the campaign requires it. */
    async loadCourseState() {
      const courseId = this.data.task?.courseId;
      if (!courseId) return;
      try {
        const course = await getCourse(courseId);
        this.setData({ courseState: course.progress?.completed ? 'done' : 'todo' });
      } catch {
        this.setData({ courseState: 'unknown' });
      }
    },
    /** Back from the course: it may be completed now. */
    onShow() {
      if (this.data.status === 'ready' && !this.data.result) return this.loadCourseState();
      return Promise.resolve();
    },
    onRetry() {
      return this.load();
    },
    onTextInput(event: FieldEvent) {
      const text = event.detail.value;
      // Changed content is a new intent: a retry must not answer with the check-in of other words.
      this.setData({ text, textLength: text.trim().length, error: '', pendingRequestId: '' });
    },
    onOpenCourse() {
      const courseId = this.data.task?.courseId;
      if (courseId) wx.navigateTo({ url: courseUrl(courseId) });
    },
    async onAddPictures() {
      const room = this.data.rules.maxPictures - this.data.pictures.length;
      if (room <= 0 || this.data.uploading) return;
      this.setData({ uploading: true });
      try {
        const { fileIDs, error } = await chooseAndUploadPictures('checkin', room);
        if (fileIDs.length > 0) {
          const urls = await pictureUrls(fileIDs);
          this.setData({ pictures: [...this.data.pictures, ...fileIDs], previews: { ...this.data.previews, ...urls }, pendingRequestId: '', error: '' });
        }
        if (error) toast(failureOf(error, 'checkin', '图片上传失败，请稍后重试').message);
      } finally {
        this.setData({ uploading: false });
      }
    },
    onRemovePicture(event: DataTap) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ pictures: this.data.pictures.filter((_, at) => at !== index), pendingRequestId: '' });
    },
    onPreviewPicture(event: DataTap) {
      const urls = this.data.pictures.map((fileID) => this.data.previews[fileID] ?? fileID);
      const current = event.currentTarget.dataset.src;
      if (current) wx.previewImage({ urls, current });
    },
    async onSubmit() {
      const { text, pictures, rules, courseState, makeUpDay, campaignId, day } = this.data;
      if (this.data.submitting || this.data.uploading || this.data.result) return;
      const problem = formProblem(text, pictures.length, rules, courseState);
      if (problem) {
        this.setData({ error: problem });
        return;
      }
      const requestId = this.data.pendingRequestId || newRequestId();
      this.setData({ submitting: true, pendingRequestId: requestId, error: '' });
      try {
        const input = { campaignId, day, text: text.trim(), pictures, requestId };
        const result = makeUpDay ? await makeUp(input) : await checkIn(input);
        this.setData({ result: resultView(result, makeUpDay !== ''), pendingRequestId: '' });
      } catch (error) {
        const failure = failureOf(error, 'checkin', '提交失败，请稍后重试');
        const refusal = failure.code !== null ? REFUSALS[failure.code] : undefined;
        if (refusal) this.setData({ error: messageFor(failure, REFUSALS), pendingRequestId: '' });
        else this.setData({ error: `提交结果未确认：${failure.message}。请点击“重新提交”，不会重复打卡。` });
      } finally {
        this.setData({ submitting: false });
      }
    },
    onOpenCalendar() {
      wx.redirectTo({ url: campaignUrl('calendar', { id: this.data.campaignId }) });
    },
    onBack() {
      wx.navigateBack({});
    },
  },
});
