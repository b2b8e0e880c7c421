/**
 * The editor's course choice for one day, as a bottom sheet (TDesign's t-popup): the catalogue one page at a
 * time, read when the sheet first opens and kept while the editor is open. `visible` opens it and `title`
 * names the day. Events: choose { id, title } for the tapped course; close when dismissed.
 */
import { listCourses } from '../../../services/course';
import { failureOf } from '../../../utils/failure';
import { toast } from '../../../utils/ui';

const COURSE_PAGE_SIZE = 50;

export interface CourseChoice {
  id: string;
  title: string;
}

Component({
  properties: {
    visible: { type: Boolean, value: false },
    title: { type: String, value: '' },
  },
  data: {
    courses: [] as CourseChoice[],
    page: 0,
    more: false,
  },
  observers: {
    visible(visible: boolean) {
      if (visible && this.data.page === 0) void this.loadCourses();
    },
  },
  methods: {
    async loadCourses() {
      try {
        const page = this.data.page + 1;
        const result = await listCourses(page, COURSE_PAGE_SIZE);
        const courses = result.items.map((course) => ({ id: course.id, title: course.title }));
        this.setData({ courses: this.data.courses.concat(courses), page, more: result.hasMore });
      } catch (error) {
        toast(failureOf(error, 'course-picker').message);
      }
    },
    onMore() {
      return this.loadCourses();
    },
    onChoose(event: WechatMiniprogram.BaseEvent<{}, { id?: string }>) {
      const course = this.data.courses.find((candidate) => candidate.id === event.currentTarget.dataset.id);
      if (course) this.triggerEvent('choose', course);
    },
    onClose() {
      this.triggerEvent('close');
    },
  },
});
