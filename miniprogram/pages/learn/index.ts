/** 学习 tab: the published course catalogue, paginated. */
import { listCourses, type CourseListItem } from '../../services/course';
import { definePagedListPage } from '../../utils/paged-list';

const FORMAT_LABELS: Record<string, string> = {
  article: '图文',
  narrated_article: '有声图文',
  video: '视频',
  audio: '音频',
  h5: '互动 H5',
  text: '文本',
};

definePagedListPage({
  fetchPage: listCourses,
  toView: (course: CourseListItem) => ({
    id: course._id,
    title: course.title,
    summary: course.summary,
    meta: `${FORMAT_LABELS[course.format] ?? '课程'} · ${course.durationMinutes} 分钟`,
  }),
});
