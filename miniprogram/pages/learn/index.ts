/** 学习 tab: the published course catalogue, paginated. */
import type { CourseFormat } from '../../../typings/domain';
import { listCourses, type CourseListItem } from '../../services/course';
import { definePagedListPage } from '../../utils/paged-list';

const FORMAT_LABELS: Record<CourseFormat, string> = {
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
    id: course.id,
    title: course.title,
    summary: course.summary,
    meta: `${FORMAT_LABELS[course.format]} · ${course.durationMinutes} 分钟`,
  }),
});
