/**
 * 编辑线下课: title, introduction, place, day and time, seats, and whether it carries the standard evaluation
 * survey, and its take-away files (课后资料, components/takeaway-files: picked from a chat, uploaded to the
 * trainer's own `classroom-file` folder, saved with the session). Creating sends a request id made once per
 * visit, so a retried save creates one session. The audience: departments (each with its subtree; none =
 * the trainer's own scope; components/department-picker) and groups (人群; none = everyone, as chips); the linked courses (课前阅读, 课前测验,
 * 课后测验) picked from the published catalogue by keyword, the tests among courses with a quiz, and whether
 * the pre-test must be passed to sign up. The server checks everything again (departments within the
 * trainer's scope, published courses, a quiz where one is needed, a file the saver's own upload) and says
 * what is wrong.
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html
 */
import type { Audience } from '../../../typings/domain';
import { listDepartments, type Department } from '../../services/admin';
import { getSession, saveSession, type SessionEdit, type SessionSave } from '../../services/classroom';
import { listCourses } from '../../services/course';
import { AUDIENCE_LABELS } from '../../utils/labels';
import { failedLoad, failureOf } from '../../utils/failure';
import { CLASSROOM_LIMITS } from '../../utils/limits';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { initialSubmitState, submitOnce, untilAccepted } from '../../utils/submit-once';
import { routeUrl } from '../../utils/routes';
import { beijingDay } from '../../utils/time';
import type { ChipOption } from '../../components/chips/index';

/** The standard evaluation survey (课后评估). */
export const STANDARD_SURVEY: SessionSave['survey'] = [
  { id: 'q1', kind: 'rating', prompt: '课程内容对工作有帮助' },
  { id: 'q2', kind: 'rating', prompt: '讲师讲解清楚、互动充分' },
  { id: 'q3', kind: 'open', prompt: '最大的收获或改进建议' },
];

interface Form {
  title: string;
  summary: string;
  place: string;
  day: string;
  startTime: string;
  endTime: string;
  capacity: string;
  withSurvey: boolean;
}

type TakeawayFile = SessionEdit['files'][number];

/** A linked course slot of the session (课前阅读 any course; the two tests a course with a quiz). */
type Slot = 'preReading' | 'preTest' | 'postQuiz';
type Linked = Record<Slot, { courseId: string; title: string } | null>;

const SLOTS: { key: Slot; label: string; quiz: boolean }[] = [
  { key: 'preReading', label: '课前阅读', quiz: false },
  { key: 'preTest', label: '课前测验', quiz: true },
  { key: 'postQuiz', label: '课后测验', quiz: true },
];

/** Courses per search page: the catalogue's page, enough to scroll a few screens. */
const COURSE_PAGE = 20;

function slotsOf(linked: Linked) {
  return SLOTS.map(({ key, label }) => ({ key, label, title: linked[key]?.title ?? '', chosen: linked[key] !== null }));
}

const AUDIENCE_OPTIONS: ChipOption[] = (Object.keys(AUDIENCE_LABELS) as Audience[]).map((value) => ({ value, label: AUDIENCE_LABELS[value] }));

/** One file from a chat, or null when the trainer cancels (not an error). `type: 'file'` is what `extension` filters. */
type FieldEvent = WechatMiniprogram.CustomEvent<{ value?: string }, {}, { path?: string }>;
/** components/chips (multiple): every value chosen in the group the chips edit. */
type ChipsEvent = WechatMiniprogram.CustomEvent<{ values?: string[] }, {}, { group?: 'departmentIds' | 'audiences' }>;
type SlotEvent = WechatMiniprogram.CustomEvent<{}, {}, { slot?: Slot }>;
type ChoiceEvent = WechatMiniprogram.CustomEvent<{}, {}, { id?: string; title?: string }>;
type SwitchEvent = WechatMiniprogram.CustomEvent<{ value?: boolean }>;

definePage({
  data: {
    status: 'ready' as ListStatus,
    message: '',
    limits: CLASSROOM_LIMITS,
    id: '',
    form: { title: '', summary: '', place: '', day: beijingDay(Date.now(), 7), startTime: '14:00', endTime: '16:00', capacity: '30', withSurvey: true } as Form,
    kept: null as SessionEdit | null,
    files: [] as TakeawayFile[],
    departments: [] as Department[],
    departmentIds: [] as string[],
    departmentsNote: '',
    audienceOptions: AUDIENCE_OPTIONS,
    audiences: [] as string[],
    linked: { preReading: null, preTest: null, postQuiz: null } as Linked,
    slots: slotsOf({ preReading: null, preTest: null, postQuiz: null }),
    preTestRequired: false,
    /** The slot whose course is being picked, its search and the courses found. */
    picking: null as Slot | null,
    keyword: '',
    courseChoices: [] as { id: string; title: string }[],
    coursePage: 0,
    courseMore: false,
    courseSearching: false,
    uploading: false,
    ...initialSubmitState(),
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ id: query.id ?? '' });
      // The session first: the department chips mark what it targets.
      void (query.id ? this.load() : Promise.resolve()).then(() => this.loadDepartments());
    },
    async loadDepartments() {
      const targeted = new Set(this.data.kept?.departmentIds ?? []);
      try {
        const departments = await listDepartments();
        this.setData({
          departments,
          departmentIds: departments.filter((department) => targeted.has(department.id)).map((department) => department.id),
          departmentsNote: '',
        });
      } catch (error) {
        // Without the list the session keeps the departments it targets (sent back as they were).
        this.setData({ departmentsNote: `部门列表加载失败：${failureOf(error, 'classroom-editor').message}` });
      }
    },
    async load() {
      this.setData({ status: 'loading' });
      try {
        const session = await getSession(this.data.id);
        const linked: Linked = { preReading: session.preReading, preTest: session.preTest, postQuiz: session.postQuiz };
        this.setData({
          status: 'ready',
          kept: session,
          files: session.files,
          audiences: [...session.audiences],
          linked,
          slots: slotsOf(linked),
          preTestRequired: session.preTestRequired,
          form: {
            title: session.title,
            summary: session.summary,
            place: session.place,
            day: session.day,
            startTime: session.startTime,
            endTime: session.endTime,
            capacity: String(session.capacity),
            withSurvey: session.survey.length > 0,
          },
        });
      } catch (error) {
        this.setData(failedLoad(error, 'classroom-editor'));
      }
    },
    onInput(event: FieldEvent) {
      const { path } = event.currentTarget.dataset;
      if (path) this.setData({ [path]: event.detail.value ?? '' });
    },
    onSurveySwitch(event: SwitchEvent) {
      this.setData({ 'form.withSurvey': event.detail.value === true });
    },
    onChips(event: ChipsEvent) {
      const { group } = event.currentTarget.dataset;
      if (group) this.setData({ [group]: event.detail.values ?? [] });
    },
    onPickCourse(event: SlotEvent) {
      const { slot } = event.currentTarget.dataset;
      if (!slot) return;
      this.setData({ picking: slot, keyword: '', courseChoices: [], coursePage: 0, courseMore: false });
      return this.searchCourses(1);
    },
    onClosePicker() {
      this.setData({ picking: null, courseChoices: [] });
    },
    onKeyword(event: FieldEvent) {
      this.setData({ keyword: event.detail.value ?? '' });
    },
    onSearchCourses() {
      return this.searchCourses(1);
    },
    onMoreCourses() {
      return this.searchCourses(this.data.coursePage + 1);
    },
    /** One catalogue page for the slot being picked (tests: courses with a quiz only). */
    async searchCourses(page: number) {
      const slot = SLOTS.find((each) => each.key === this.data.picking);
      if (!slot || this.data.courseSearching) return;
      this.setData({ courseSearching: true });
      try {
        const keyword = this.data.keyword.trim();
        const found = await listCourses(page, COURSE_PAGE, keyword ? { keyword } : {});
        const items = found.items.filter((course) => !slot.quiz || course.hasQuiz).map((course) => ({ id: course.id, title: course.title }));
        this.setData({ courseChoices: page === 1 ? items : [...this.data.courseChoices, ...items], coursePage: page, courseMore: found.hasMore });
      } catch (error) {
        wx.showToast({ title: failureOf(error, 'classroom-editor').message, icon: 'none' });
      } finally {
        this.setData({ courseSearching: false });
      }
    },
    onChooseCourse(event: ChoiceEvent) {
      const { id, title } = event.currentTarget.dataset;
      const slot = this.data.picking;
      if (!slot || !id) return;
      const linked = { ...this.data.linked, [slot]: { courseId: id, title: title ?? '' } };
      this.setData({ linked, slots: slotsOf(linked), picking: null, courseChoices: [] });
    },
    onClearCourse(event: SlotEvent) {
      const { slot } = event.currentTarget.dataset;
      if (!slot) return;
      const linked = { ...this.data.linked, [slot]: null };
      this.setData({ linked, slots: slotsOf(linked), ...(slot === 'preTest' ? { preTestRequired: false } : {}) });
    },
    onPreTestRequired(event: SwitchEvent) {
      this.setData({ preTestRequired: event.detail.value === true });
    },
    onFilesChange(event: WechatMiniprogram.CustomEvent<{ files: TakeawayFile[] }>) {
      this.setData({ files: event.detail.files });
    },
    onFilesBusy(event: WechatMiniprogram.CustomEvent<{ uploading: boolean }>) {
      this.setData({ uploading: event.detail.uploading });
    },
    input(requestId: string): SessionSave {
      const { form, kept, linked, departments, departmentIds } = this.data;
      return {
        ...(this.data.id ? { sessionId: this.data.id } : { requestId }),
        title: form.title,
        summary: form.summary,
        place: form.place,
        day: form.day,
        startTime: form.startTime,
        endTime: form.endTime,
        capacity: Number(form.capacity),
        // Without the department list (it failed to load) the targeted departments go back as they were.
        departmentIds: departments.length > 0 ? departmentIds : (kept?.departmentIds ?? []),
        audiences: this.data.audiences as Audience[],
        preReadingCourseId: linked.preReading?.courseId ?? null,
        preTestCourseId: linked.preTest?.courseId ?? null,
        preTestRequired: linked.preTest !== null && this.data.preTestRequired,
        postQuizCourseId: linked.postQuiz?.courseId ?? null,
        survey: form.withSurvey ? (kept && kept.survey.length > 0 ? kept.survey : STANDARD_SURVEY) : [],
        files: this.data.files,
      };
    },
    async onSave() {
      const { form } = this.data;
      if (!form.title.trim() || !form.place.trim()) {
        wx.showToast({ title: '请填写课程名称和地点', icon: 'none' });
        return;
      }
      const capacity = Number(form.capacity);
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > CLASSROOM_LIMITS.capacity) {
        wx.showToast({ title: `名额应为 1~${CLASSROOM_LIMITS.capacity} 的整数`, icon: 'none' });
        return;
      }
      if (this.data.uploading) return;
      // A new session keeps its request id until saved, so tapping again after any failure creates it once.
      const outcome = await submitOnce(this, (requestId) => saveSession(this.input(requestId)), { where: 'classroom-editor', isFinal: untilAccepted });
      if (!outcome) return;
      if (!outcome.ok) {
        wx.showToast({ title: outcome.failure.message, icon: 'none' });
        return;
      }
      wx.showToast({ title: '已保存', icon: 'success' });
      wx.redirectTo({ url: routeUrl('packageClassroom/report', { id: outcome.value.id }) });
    },
  },
});
