/**
 * 打卡 (and 补卡 for a missed day, `?id=…&day=…`): the day's task and its course with whether I completed it,
 * my text (components/text-area) with the minimum-length counter, up to the campaign's number of pictures
 * (components/picture-picker). A day that cannot be checked in says why in the loaded page's empty state.
 * Submitting goes through utils/submit-once.ts: every failure but a known refusal keeps the request id, so
 * 重新提交 is answered with the same check-in and never pays twice. Success shows the points earned, streak
 * bonuses and the streak; a make-up shows the cards left and what it cost.
 */
import { courseUrl } from '../../components/course-card/view';
import type { PickedPicture } from '../../components/picture-picker/index';
import { campaignUrl, checkIn, getCampaign, makeUp, type CampaignDetail, type CheckinResult } from '../../services/campaign';
import { getCourse } from '../../services/course';
import type { ApiErrorCode } from '../../services/transport';
import { messageFor } from '../../utils/failure';
import { CAMPAIGN_LIMITS } from '../../utils/limits';
import type { FieldEvent } from '../../utils/form';
import { defineLoadedPage } from '../../utils/loaded-page';
import { initialSubmitState, renewRequest, submitOnce } from '../../utils/submit-once';
import { toast } from '../../utils/ui';
import { toTaskView, type TaskView } from '../shared/rules';

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

/** What today's check-in will really pay (the server applies the daily caps), and why when it is less than advertised. */
function todayPointsLine(campaign: CampaignDetail): string {
  const points = campaign.todayCheckinPoints;
  if (points === null) return '';
  if (points >= campaign.pointsPerCheckin) return `今日打卡可得 ${points} 积分`;
  return `今日打卡可得 ${points} 积分（活动设定 ${campaign.pointsPerCheckin} 积分，受每日积分上限限制）`;
}

/** Why this day cannot be checked in, or ''. */
function refusalOf(campaign: CampaignDetail, makeUpDay: string): string {
  const task = dayTask(campaign, makeUpDay);
  if (campaign.myEnrollment?.status !== 'enrolled') return '报名成功后才能打卡';
  if (!task) return makeUpDay ? '这一天不是活动的打卡日' : '今天没有安排打卡任务';
  if (!makeUpDay && campaign.checkedInToday) return '今天已经打过卡了';
  return '';
}

function dayTask(campaign: CampaignDetail, makeUpDay: string) {
  return makeUpDay ? (campaign.tasks.find((candidate) => candidate.day === makeUpDay) ?? null) : campaign.todayTask;
}

interface Loaded {
  campaign: CampaignDetail;
  makeUpDay: string;
}

defineLoadedPage({
  where: 'checkin',
  data: {
    ...initialSubmitState(),
    limits: CAMPAIGN_LIMITS,
    campaignId: '',
    /** The missed day being made up, or '' for today's check-in. */
    makeUpDay: '',
    /** Why the day cannot be checked in (the empty state's text). */
    refusal: '',
    day: '',
    title: '',
    task: null as TaskView | null,
    rules: { minTextLength: 0, minPictures: 0, maxPictures: CAMPAIGN_LIMITS.checkinPictures, requireCourse: false } as FormRules,
    makeUp: { cardsLeft: 0, cost: 0 } as MakeUpInfo,
    courseState: '' as CourseState,
    text: '',
    textLength: 0,
    pictures: [] as PickedPicture[],
    uploading: false,
    error: '',
    result: null as ResultView | null,
    /** 今日打卡可得 N 积分, the server's figure under the daily caps; '' when none. */
    todayPoints: '',
  },
  readQuery: (query) => ({ campaignId: query.id ?? '', makeUpDay: query.day ?? '' }),
  refuse() {
    return this.data.campaignId ? '' : '活动不存在或已删除';
  },
  async fetch(): Promise<Loaded> {
    return { campaign: await getCampaign(this.data.campaignId), makeUpDay: this.data.makeUpDay };
  },
  isEmpty: ({ campaign, makeUpDay }) => refusalOf(campaign, makeUpDay) !== '',
  /** The day's task and rules, or why there is none. */
  show({ campaign, makeUpDay }) {
    const refusal = refusalOf(campaign, makeUpDay);
    const task = dayTask(campaign, makeUpDay);
    const enrollment = campaign.myEnrollment;
    if (refusal || !task || !enrollment) return { refusal };
    return {
      refusal,
      day: task.day,
      title: campaign.title,
      task: toTaskView(task, campaign.today),
      rules: { ...campaign.requirement },
      makeUp: { cardsLeft: enrollment.makeUpCardsLeft, cost: campaign.makeUp.pointsCost },
      courseState: (task.courseId ? 'unknown' : '') as CourseState,
      todayPoints: makeUpDay ? '' : todayPointsLine(campaign),
    };
  },
  afterShow({ makeUpDay }) {
    wx.setNavigationBarTitle({ title: makeUpDay ? '补卡' : '打卡' });
  },
  methods: {
    afterLoad() {
      return this.loadCourseState();
    },
    /** Whether I completed the day's course; the server checks again when the campaign requires it. */
    async loadCourseState() {
      const courseId = this.data.refusal ? undefined : this.data.task?.courseId;
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
    onTextInput(event: FieldEvent) {
      const text = event.detail.value;
      this.setData({ text, textLength: text.trim().length, error: '' });
      // Changed content is a new intent: a retry must not answer with the check-in of other words.
      renewRequest(this);
    },
    onOpenCourse() {
      const courseId = this.data.task?.courseId;
      if (courseId) wx.navigateTo({ url: courseUrl(courseId) });
    },
    /** components/picture-picker: the whole new list (added or removed). */
    onPictures(event: WechatMiniprogram.CustomEvent<{ pictures: PickedPicture[] }>) {
      this.setData({ pictures: event.detail.pictures, error: '' });
      renewRequest(this);
    },
    onPicturesBusy(event: WechatMiniprogram.CustomEvent<{ uploading: boolean }>) {
      this.setData({ uploading: event.detail.uploading });
    },
    onPicturesError(event: WechatMiniprogram.CustomEvent<{ message: string }>) {
      toast(event.detail.message);
    },
    async onSubmit() {
      const { text, pictures, rules, courseState, makeUpDay, campaignId, day } = this.data;
      if (this.data.submitting || this.data.uploading || this.data.result) return;
      const problem = formProblem(text, pictures.length, rules, courseState);
      if (problem) {
        this.setData({ error: problem });
        return;
      }
      this.setData({ error: '' });
      const outcome = await submitOnce(
        this,
        (requestId) => {
          const input = { campaignId, day, text: text.trim(), pictures: pictures.map((picture) => picture.fileID), requestId };
          return makeUpDay ? makeUp(input) : checkIn(input);
        },
        { where: 'checkin', fallback: '提交失败，请稍后重试', isFinal: (failure) => failure.code !== null && REFUSALS[failure.code] !== undefined },
      );
      if (!outcome) return;
      if (outcome.ok) this.setData({ result: resultView(outcome.value, makeUpDay !== '') });
      else if (!outcome.unsure) this.setData({ error: messageFor(outcome.failure, REFUSALS) });
      else this.setData({ error: `提交结果未确认：${outcome.failure.message}。请点击“重新提交”，不会重复打卡。` });
    },
    onOpenCalendar() {
      wx.redirectTo({ url: campaignUrl('calendar', { id: this.data.campaignId }) });
    },
    onBack() {
      wx.navigateBack({});
    },
  },
});
