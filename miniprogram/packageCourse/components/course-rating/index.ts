/**
 * 评分与评论: the learner's own rating (1–5 stars) and comment, sent to `course.rate` (the comment passes the
 * content check; a rejection is shown under the comment box), and the course's comments, page by page.
 */
import { listComments, rateCourse, type CommentPage } from '../../../services/course';
import { failureOf } from '../../../utils/failure';
import { createPagedList, initialListState } from '../../../utils/paged-list';
import { toast } from '../../../utils/ui';
import { beijingDateTime } from '../../../utils/time';

type Comment = CommentPage['items'][number];

interface CommentView {
  key: string;
  name: string;
  stars: string;
  comment: string;
  time: string;
}

const STARS = [1, 2, 3, 4, 5];
const COMMENT_MAX = 500;

function starsOf(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(5 - rating);
}

const comments = createPagedList<Comment, CommentView>((item) => ({
  key: `${item.memberName}-${item.updatedAt}`,
  name: item.memberName,
  stars: starsOf(item.rating),
  comment: item.comment,
  time: beijingDateTime(item.updatedAt),
}));

type StarTap = WechatMiniprogram.BaseEvent<{}, { value?: number }>;
type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  // The app's card styles (app.wxss) apply inside this component too.
  options: { addGlobalClass: true },
  properties: {
    courseId: { type: String, value: '' },
    /** The learner's rating as the course detail gave it, or null. */
    myRating: { type: Object, optionalTypes: [null], value: null },
  },
  data: {
    ...initialListState<CommentView>(),
    stars: STARS,
    rating: 0,
    comment: '',
    commentMax: COMMENT_MAX,
    error: '',
    submitting: false,
    summary: '',
  },
  observers: {
    courseId(courseId: string) {
      if (courseId) void this.reload();
    },
    myRating(mine: { rating: number; comment: string } | null) {
      if (mine) this.setData({ rating: mine.rating, comment: mine.comment });
    },
  },
  methods: {
    reload() {
      return comments.reload(this, (page, pageSize) => listComments(this.data.courseId, page, pageSize));
    },
    onLoadMore() {
      return comments.loadMore(this, (page, pageSize) => listComments(this.data.courseId, page, pageSize));
    },
    onRetry() {
      return this.reload();
    },
    onStar(event: StarTap) {
      const value = Number(event.currentTarget.dataset.value);
      if (STARS.includes(value)) this.setData({ rating: value, error: '' });
    },
    onCommentInput(event: InputEvent) {
      this.setData({ comment: event.detail.value, error: '' });
    },
    async onSubmit() {
      if (this.data.submitting) return;
      if (this.data.rating === 0) {
        this.setData({ error: '请先选择评分' });
        return;
      }
      this.setData({ submitting: true, error: '' });
      try {
        const result = await rateCourse({ courseId: this.data.courseId, rating: this.data.rating, comment: this.data.comment.trim() });
        this.setData({
          submitting: false,
          rating: result.rating,
          comment: result.comment,
          summary: `平均 ${result.average.toFixed(1)} 分 · ${result.ratingCount} 人评分`,
        });
        toast('评价已提交');
        await this.reload();
      } catch (error) {
        // The content check's refusal (CONTENT_REJECTED) and every other failure stay next to the form.
        this.setData({ submitting: false, error: failureOf(error, 'course-rating').message });
      }
    },
  },
});
