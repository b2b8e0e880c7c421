/**
 * The courses of an entry (the course job of packageContest/signup): the chosen ones in order, and while
 * editable a panel of the courses the member made in the studio (我的课程, a page at a time), those outside
 * the round's formats shown but not choosable, up to the contract's limit. Event: change { courses }.
 */
import type { CourseFormat } from '../../../../typings/domain';
import { STUDIO_COURSES_URL } from '../../../components/contest-card/view';
import { listMyCourses } from '../../../services/authoring';
import { failureOf } from '../../../utils/failure';
import { COURSE_FORMAT_LABELS } from '../../../utils/labels';
import { CONTEST_LIMITS } from '../../../utils/limits';
import { toast } from '../../../utils/ui';

const MAX_ENTRY_COURSES = CONTEST_LIMITS.entryCourses;
const COURSE_PAGE_SIZE = 50;

export interface ChosenCourse {
  courseId: string;
  title: string;
  /** The format's label. */
  format: string;
}

interface CourseChoice extends ChosenCourse {
  /** Not in the round's formats: shown, not choosable. */
  allowed: boolean;
  checked: boolean;
}

type IndexEvent = WechatMiniprogram.BaseEvent<{}, { index?: number }>;

Component({
  properties: {
    courses: { type: Array, value: [] as ChosenCourse[] },
    /** The round's formats (empty = any). */
    formats: { type: Array, value: [] as CourseFormat[] },
    editable: { type: Boolean, value: false },
    error: { type: String, value: '' },
  },
  data: { picking: false, choices: [] as CourseChoice[], choicesPage: 0, choicesMore: false, choicesError: '' },
  methods: {
    hand(courses: ChosenCourse[]) {
      this.triggerEvent('change', { courses });
    },
    async onOpenPicker() {
      this.setData({ picking: true, choices: [], choicesPage: 0, choicesMore: false, choicesError: '' });
      await this.loadChoices();
    },
    onClosePicker() {
      this.setData({ picking: false });
    },
    async loadChoices() {
      const formats = this.data.formats as CourseFormat[];
      const chosen = new Set((this.data.courses as ChosenCourse[]).map((course) => course.courseId));
      try {
        const result = await listMyCourses(this.data.choicesPage + 1, COURSE_PAGE_SIZE);
        const more = result.items.map((course) => ({
          courseId: course.courseId,
          title: course.title,
          format: COURSE_FORMAT_LABELS[course.format],
          allowed: formats.length === 0 || formats.includes(course.format),
          checked: chosen.has(course.courseId),
        }));
        this.setData({ choices: [...this.data.choices, ...more], choicesPage: result.page, choicesMore: result.hasMore });
      } catch (error) {
        const failure = failureOf(error, 'contest-entry-courses');
        this.setData({ choicesError: failure.code === 'FORBIDDEN' ? '你还没有课程制作权限，请联系管理员开通后在“课程制作”中制作参赛课程' : failure.message });
      }
    },
    onMoreChoices() {
      return this.loadChoices();
    },
    onToggleChoice(event: IndexEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const choice = this.data.choices[index];
      const courses = this.data.courses as ChosenCourse[];
      if (!choice?.allowed) return;
      if (choice.checked) {
        this.setData({ [`choices[${index}].checked`]: false });
        this.hand(courses.filter((course) => course.courseId !== choice.courseId));
        return;
      }
      if (courses.length >= MAX_ENTRY_COURSES) {
        toast(`最多选择 ${MAX_ENTRY_COURSES} 门课程`);
        return;
      }
      this.setData({ [`choices[${index}].checked`]: true });
      this.hand([...courses, { courseId: choice.courseId, title: choice.title, format: choice.format }]);
    },
    onRemoveCourse(event: IndexEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const courses = this.data.courses as ChosenCourse[];
      const removed = courses[index];
      this.setData({ choices: this.data.choices.map((choice) => (choice.courseId === removed?.courseId ? { ...choice, checked: false } : choice)) });
      this.hand(courses.filter((_, at) => at !== index));
    },
    onOpenStudio() {
      wx.navigateTo({ url: STUDIO_COURSES_URL });
    },
  },
});
