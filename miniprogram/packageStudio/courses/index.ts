/**
 * 我的课程 (every member may author; contest entrants make their entries here): the courses I author with
 * where each stands – drafts, in review, returned with the reviewers' notes (shown in the editor),
 * published – newest change first. Opens the editor and starts a new course; trainers also open series and
 * assign a published course as 必修 (the server decides either way; this only hides what would be refused).
 */
import { listMyCourses, type AuthoredCourse } from '../../services/authoring';
import { getMyProfile } from '../../services/user';
import { COURSE_CATEGORY_LABELS, COURSE_FORMAT_LABELS, COURSE_STATUS_LABELS, REVISION_STATUS_LABELS } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { COURSE_STATUS_THEMES, REVISION_STATUS_THEMES, type TagTheme } from '../../utils/status-themes';
import { assignmentFormUrl } from '../shared/routes';
import { beijingDateTime } from '../../utils/time';
import { routeUrl } from '../../utils/routes';

interface CourseView {
  courseId: string;
  title: string;
  meta: string;
  courseStatus: string;
  courseStatusTheme: TagTheme;
  /** The revision being written or reviewed ('' when none). */
  revisionStatus: string;
  revisionStatusTheme: TagTheme;
  returned: boolean;
  assignable: boolean;
  updated: string;
}

function toCourseView(course: AuthoredCourse): CourseView {
  const open = course.openRevision;
  return {
    courseId: course.courseId,
    title: course.title,
    meta: `${COURSE_CATEGORY_LABELS[course.category]} · ${COURSE_FORMAT_LABELS[course.format]}`,
    courseStatus: COURSE_STATUS_LABELS[course.courseStatus],
    courseStatusTheme: COURSE_STATUS_THEMES[course.courseStatus],
    revisionStatus: open ? `第 ${open.revision} 版${REVISION_STATUS_LABELS[open.status]}` : '',
    revisionStatusTheme: open ? REVISION_STATUS_THEMES[open.status] : 'default',
    returned: open?.status === 'returned',
    assignable: course.courseStatus === 'published',
    updated: beijingDateTime(course.updatedAt),
  };
}

type CourseTapEvent = WechatMiniprogram.BaseEvent<{}, { courseId?: string }>;

definePagedListPage({
  fetchPage: listMyCourses,
  toView: toCourseView,
  /** Back from the editor: show what was saved or submitted. */
  reloadOnShow: true,
  data: { trainer: false },
  methods: {
    onLoad() {
      getMyProfile().then(
        (profile) => this.setData({ trainer: profile.bound && profile.roles.some((grant) => grant.role === 'trainer') }),
        // Without the profile the trainer-only buttons stay hidden; the list shows its own failure.
        () => undefined,
      );
      return this.reload();
    },
    onNewCourse() {
      wx.navigateTo({ url: routeUrl('packageStudio/editor') });
    },
    onCreations() {
      wx.navigateTo({ url: routeUrl('packageStudio/creations') });
    },
    onSeries() {
      wx.navigateTo({ url: routeUrl('packageStudio/series') });
    },
    onCourseTap(event: CourseTapEvent) {
      const { courseId } = event.currentTarget.dataset;
      if (courseId) wx.navigateTo({ url: routeUrl('packageStudio/editor', { courseId }) });
    },
    onAssign(event: CourseTapEvent) {
      const course = this.data.items.find((item) => item.courseId === event.currentTarget.dataset.courseId);
      if (course) wx.navigateTo({ url: assignmentFormUrl('course', course.courseId, course.title) });
    },
  },
});
