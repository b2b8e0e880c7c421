/**
 * H5 course (互动 H5): the course's page in a `web-view`, which fills the page. Time counts while this page is
 * in the foreground (reading mode of the study reporter); the position is 0 while open and 100 once the
 * learner has stayed a full reporting interval, since the H5 page itself cannot tell the app where it is.
 */
import { getCourse } from '../../services/course';
import { failureOf } from '../../utils/failure';
import { definePage } from '../../utils/page';
import { REPORT_INTERVAL_MS, StudyReporter } from '../utils/study-reporter';

const reporters = new WeakMap<object, StudyReporter>();

definePage({
  data: {
    url: '',
    message: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      const courseId = query.id ?? '';
      try {
        const detail = await getCourse(courseId);
        const url = detail.content?.h5Url ?? '';
        if (detail.locked || url === '') {
          this.setData({ message: detail.lockedReason ?? '该课程暂无可打开的页面' });
          return;
        }
        this.setData({ url });
        const openedAt = Date.now();
        reporters.set(this, new StudyReporter({ courseId, mode: 'reading', position: () => (Date.now() - openedAt >= REPORT_INTERVAL_MS ? 100 : 0) }));
      } catch (error) {
        this.setData({ message: failureOf(error, 'h5').message });
      }
    },
    onShow() {
      reporters.get(this)?.pageShow();
    },
    onHide() {
      reporters.get(this)?.pageHide();
    },
    onUnload() {
      reporters.get(this)?.close();
      reporters.delete(this);
    },
  },
});
