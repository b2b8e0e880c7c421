/**
 * 讨论 on the course page: the newest few questions of the course and how many there are, with the way to
 * the whole discussion (list, ask) and to each question.
 */
import { listQuestions } from '../../../services/discussion';
import { failureOf } from '../../../utils/failure';
import { DISCUSSION_LIMITS } from '../../../utils/limits';
import { routeUrl } from '../../../utils/routes';
import { type QuestionView, questionView } from '../../utils/discussion';

type UrlTap = WechatMiniprogram.BaseEvent<{}, { url?: string }>;

Component({
  options: { addGlobalClass: true },
  properties: {
    courseId: { type: String, value: '' },
  },
  data: {
    loaded: false,
    total: 0,
    questions: [] as QuestionView[],
    error: '',
  },
  observers: {
    courseId(courseId: string) {
      if (courseId) void this.load();
    },
  },
  methods: {
    async load() {
      try {
        const page = await listQuestions(this.data.courseId, 1, DISCUSSION_LIMITS.courseSection);
        this.setData({ loaded: true, total: page.total, questions: page.items.map(questionView), error: '' });
      } catch (error) {
        this.setData({ loaded: true, error: failureOf(error, 'course-discussion').message });
      }
    },
    onOpenAll() {
      wx.navigateTo({ url: routeUrl('packageCourse/discussion', { courseId: this.data.courseId }) });
    },
    onOpen(event: UrlTap) {
      const { url } = event.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
  },
});
