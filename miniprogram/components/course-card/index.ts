/**
 * One course as a card (cover, title, summary, format · duration · category, rating and learners, optional
 * progress and badge). Tapping opens the course, unless it is locked: then the page hears `locked`.
 */
import { courseUrl, type CourseCardView } from './view';

Component({
  properties: {
    course: { type: Object, value: {} },
  },
  methods: {
    onTap() {
      const course = this.data.course as CourseCardView;
      if (course.locked) {
        this.triggerEvent('locked', { id: course.id });
        return;
      }
      wx.navigateTo({ url: courseUrl(course.id) });
    },
  },
});
