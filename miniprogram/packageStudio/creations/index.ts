/**
 * 我的创作: how my published courses do (learners, completion, valid study time, rating, comments, quiz pass
 * rate), my author level (作者等级) with the progress to the next and the history of levels reached, and the
 * points authoring has earned me. Everything is computed by the server (authoring.myCreations).
 */
import { myCreations, type MyCreations } from '../../services/authoring';
import { COURSE_STATUS_LABELS } from '../../utils/labels';
import { defineLoadedPage } from '../../utils/loaded-page';
import { beijingDateTime } from '../../utils/time';
import { routeUrl } from '../../utils/routes';

const beijingDate = (iso: string): string => beijingDateTime(iso).slice(0, 10);

const orDash = (value: number | null, unit = ''): string => (value === null ? '—' : `${value}${unit}`);

function toView(data: MyCreations) {
  const { level, figures } = data;
  return {
    levelName: level.name ?? '暂无等级',
    reachedAt: level.reachedAt ? `${beijingDate(level.reachedAt)} 获得` : '发布第一门课程即可获得等级',
    next: level.next
      ? {
          name: level.next.name,
          items: level.next.items.map((item) => ({
            label: item.label,
            text: `${item.current} / ${item.required}`,
            percent: Math.min(100, Math.floor((item.current / item.required) * 100)),
            done: item.current >= item.required,
          })),
        }
      : null,
    history: level.history
      .map((change) => ({ key: `${change.rank}-${change.at}`, name: change.name, day: beijingDate(change.at), reason: change.reason }))
      .reverse(),
    summary: [
      { label: '已发布课程', value: String(figures.courses) },
      { label: '学员', value: String(figures.learners) },
      { label: '平均评分', value: orDash(figures.averageRating) },
      { label: '创作积分', value: String(data.pointsEarned) },
    ],
    // 年度作者奖 won, newest first; each opens its certificate.
    awards: data.awards.map((award) => ({
      key: `${award.year}-${award.awardId}`,
      title: `${award.year} ${award.title}`,
      basis: award.basis,
      points: award.points > 0 ? `+${award.points} 积分` : '',
      code: award.certificateCode ?? '',
    })),
    courses: data.courses.map((course) => ({
      courseId: course.courseId,
      title: course.title,
      status: COURSE_STATUS_LABELS[course.status],
      figures: [
        { label: '学员', value: String(course.learners) },
        { label: '完成率', value: orDash(course.completionRate, '%') },
        { label: '有效学习', value: `${course.studyMinutes} 分钟` },
        { label: '评分', value: course.ratingAverage === null ? '暂无' : `${course.ratingAverage}（${course.ratingCount} 人）` },
        { label: '评论', value: String(course.comments) },
        { label: '测验通过率', value: orDash(course.quizPassRate, '%') },
      ],
    })),
  };
}

type View = ReturnType<typeof toView>;

defineLoadedPage({
  where: 'creations',
  data: { view: null as View | null },
  fetch: myCreations,
  show: (creations: MyCreations) => ({ view: toView(creations) }),
  isEmpty: (creations: MyCreations) => creations.courses.length === 0,
  methods: {
    onOpenAward(event: WechatMiniprogram.TouchEvent) {
      const code = String(event.currentTarget.dataset.code ?? '');
      if (code) wx.navigateTo({ url: routeUrl('packageNotice/certificate', { code }) });
    },
    onOpenWinners() {
      wx.navigateTo({ url: routeUrl('packageStudio/author-awards') });
    },
    onOpenCourses() {
      wx.navigateTo({ url: routeUrl('packageStudio/courses') });
    },
  },
});
