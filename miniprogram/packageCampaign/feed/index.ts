/**
 * 打卡动态: check-ins newest first (or only the featured ones), with their pictures (tap to preview), likes,
 * comments (content-checked: a rejected comment says so and keeps the text), the featured mark and the
 * trainer's 点评. A manager of the campaign can feature and review from here and remove any comment.
 * Each comment carries one requestId per intent, so a retry after an unknown outcome posts it once.
 */
import {
  addComment,
  deleteComment,
  getFeed,
  listComments,
  reviewCheckin,
  setFeatured,
  setLiked,
  type CommentView,
  type FeedFilter,
  type FeedItem,
} from '../../services/campaign';
import type { ApiErrorCode } from '../../services/transport';
import { failureOf, messageFor } from '../../utils/failure';
import { CHECKIN_COMMENT_LIMITS } from '../../utils/limits';
import type { TabsEvent } from '../../utils/events';
import type { FieldEvent } from '../../utils/form';
import { definePagedListPage } from '../../utils/paged-list';
import { mediaReviewNote, pictureUrls } from '../../utils/pictures';
import { initialSubmitState, pendingIdAt, submitOnce, submitWithToast } from '../../utils/submit-once';
import { beijingDateTime } from '../../utils/time';

const COMMENT_PAGE_SIZE = 20;

const CONTENT_REFUSALS: Partial<Record<ApiErrorCode, string>> = {
  CONTENT_REJECTED: '内容含有违规信息，请修改后再发布',
};

interface FeedItemView {
  id: string;
  author: string;
  /** The author's 学员等级, or ''. */
  level: string;
  team: string;
  /** 第 7 天 · 2026-03-07 */
  day: string;
  madeUp: boolean;
  text: string;
  pictures: string[];
  /** For the author: pictures still under the content check or refused by it (others do not see them). */
  mediaNote: string;
  time: string;
  likeCount: number;
  likedByMe: boolean;
  commentCount: number;
  featured: boolean;
  review: { text: string; by: string } | null;
  mine: boolean;
}

function toItemView(item: FeedItem, urls: Record<string, string>): FeedItemView {
  return {
    id: item.id,
    author: item.memberName,
    level: item.memberLevel ?? '',
    team: item.teamName ?? '',
    day: `第 ${item.dayIndex} 天 · ${item.day}`,
    madeUp: item.kind === 'made_up',
    text: item.text,
    pictures: item.pictures.map((fileID) => urls[fileID] ?? '').filter((url) => url !== ''),
    mediaNote: mediaReviewNote(item.mediaReview),
    time: beijingDateTime(item.createdAt),
    likeCount: item.likeCount,
    likedByMe: item.likedByMe,
    commentCount: item.commentCount,
    featured: item.featured,
    review: item.review ? { text: item.review.text, by: item.review.reviewerName } : null,
    mine: item.mine,
  };
}

interface CommentItemView {
  id: string;
  author: string;
  text: string;
  time: string;
  canDelete: boolean;
}

function toCommentView(comment: CommentView): CommentItemView {
  return { id: comment.id, author: comment.memberName, text: comment.text, time: beijingDateTime(comment.createdAt), canDelete: comment.canDelete };
}

const FILTERS: { value: FeedFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'featured', label: '精选' },
];

type ItemTap = WechatMiniprogram.BaseEvent<{}, { id?: string; src?: string; comment?: string }>;

definePagedListPage({
  async fetchPage(page, pageSize) {
    const feed = await getFeed(this.data.campaignId, page, pageSize, this.data.filter);
    const urls = await pictureUrls(feed.items.flatMap((item) => item.pictures));
    this.setData({ canManage: feed.canManage });
    return { ...feed, items: feed.items.map((item) => toItemView(item, urls)) };
  },
  toView: (item: FeedItemView) => item,
  data: {
    limits: CHECKIN_COMMENT_LIMITS,
    campaignId: '',
    filter: 'all' as FeedFilter,
    filters: FILTERS,
    canManage: false,
    /** The check-in whose comments are open, its comments and the comment being written. */
    openId: '',
    comments: [] as CommentItemView[],
    moreComments: false,
    commentText: '',
    commentRequestId: '',
    commentError: '',
    ...initialSubmitState(),
    /** The check-in being reviewed (点评) and the text. */
    reviewId: '',
    reviewText: '',
    reviewError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ campaignId: query.id ?? '', filter: query.filter === 'featured' ? 'featured' : 'all' });
      return this.reload();
    },
    onFilter(event: TabsEvent) {
      const filter = FILTERS.find((choice) => choice.value === event.detail.value)?.value;
      if (filter && filter !== this.data.filter) return this.reloadWith({ filter, openId: '', reviewId: '' });
      return Promise.resolve();
    },
    /** Replaces one shown check-in's fields. */
    patchItem(id: string, patch: Partial<FeedItemView>) {
      const index = this.data.items.findIndex((item) => item.id === id);
      if (index < 0) return;
      const update: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(patch)) update[`items[${index}].${key}`] = value;
      this.setData(update);
    },
    onPreview(event: ItemTap) {
      const item = this.data.items.find((candidate) => candidate.id === event.currentTarget.dataset.id);
      const current = event.currentTarget.dataset.src;
      if (item && current) wx.previewImage({ urls: item.pictures, current });
    },
    async onLike(event: ItemTap) {
      const item = this.data.items.find((candidate) => candidate.id === event.currentTarget.dataset.id);
      if (!item) return;
      await submitWithToast(this, () => setLiked(item.id, !item.likedByMe), {
        where: 'feed',
        fallback: '操作失败，请稍后重试',
        done: (result) => this.patchItem(item.id, { likedByMe: result.liked, likeCount: result.likeCount }),
      });
    },

    // Comments.
    async onToggleComments(event: ItemTap) {
      const id = event.currentTarget.dataset.id ?? '';
      if (!id || id === this.data.openId) {
        this.setData({ openId: '', comments: [] });
        return;
      }
      this.setData({ openId: id, comments: [], moreComments: false, commentText: '', commentRequestId: '', commentError: '' });
      await this.loadComments(1);
    },
    async loadComments(page: number) {
      const checkinId = this.data.openId;
      try {
        const result = await listComments(checkinId, page, COMMENT_PAGE_SIZE);
        if (checkinId !== this.data.openId) return;
        const shown = page === 1 ? [] : this.data.comments;
        this.setData({ comments: shown.concat(result.items.map(toCommentView)), moreComments: result.hasMore });
      } catch (error) {
        this.setData({ commentError: failureOf(error, 'feed').message });
      }
    },
    onMoreComments() {
      return this.loadComments(Math.floor(this.data.comments.length / COMMENT_PAGE_SIZE) + 1);
    },
    onCommentInput(event: FieldEvent) {
      // New words are a new intent: they get a new requestId.
      this.setData({ commentText: event.detail.value, commentRequestId: '', commentError: '' });
    },
    async onSendComment() {
      const { openId, commentText } = this.data;
      const text = commentText.trim();
      if (!openId || this.data.submitting) return;
      if (text === '') {
        this.setData({ commentError: '请填写评论内容' });
        return;
      }
      this.setData({ commentError: '' });
      // A refused comment is final; any other failure may have been written, so 发送 again keeps its id.
      const outcome = await submitOnce(pendingIdAt(this, 'commentRequestId'), (requestId) => addComment({ checkinId: openId, text, requestId }), {
        where: 'feed',
        fallback: '评论失败，请稍后重试',
        isFinal: (failure) => failure.code === 'CONTENT_REJECTED' || failure.code === 'INVALID_INPUT',
      });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ commentError: messageFor(outcome.failure, CONTENT_REFUSALS) });
        return;
      }
      this.setData({ comments: this.data.comments.concat(toCommentView(outcome.value.comment)), commentText: '' });
      this.patchItem(openId, { commentCount: outcome.value.commentCount });
    },
    async onDeleteComment(event: ItemTap) {
      const commentId = event.currentTarget.dataset.comment;
      if (!commentId) return;
      await submitWithToast(this, () => deleteComment(commentId), {
        where: 'feed',
        fallback: '删除失败，请稍后重试',
        done: (result) => {
          this.setData({ comments: this.data.comments.filter((comment) => comment.id !== commentId) });
          this.patchItem(result.checkinId, { commentCount: result.commentCount });
        },
      });
    },

    // Managers: 精选 and 点评.
    async onFeature(event: ItemTap) {
      const item = this.data.items.find((candidate) => candidate.id === event.currentTarget.dataset.id);
      if (!item || !this.data.canManage) return;
      await submitWithToast(this, () => setFeatured(item.id, !item.featured), {
        where: 'feed',
        fallback: '操作失败，请稍后重试',
        done: (updated) => this.patchItem(item.id, { featured: updated.featured }),
        success: (updated) => (updated.featured ? '已设为精选' : '已取消精选'),
      });
    },
    onStartReview(event: ItemTap) {
      const item = this.data.items.find((candidate) => candidate.id === event.currentTarget.dataset.id);
      if (!item || !this.data.canManage) return;
      this.setData({ reviewId: item.id, reviewText: item.review?.text ?? '', reviewError: '' });
    },
    onReviewInput(event: FieldEvent) {
      this.setData({ reviewText: event.detail.value, reviewError: '' });
    },
    onCancelReview() {
      this.setData({ reviewId: '', reviewText: '', reviewError: '' });
    },
    /** An empty review removes it (the contract's rule); saving the same text again changes nothing. */
    async onSaveReview() {
      const { reviewId, reviewText } = this.data;
      if (!reviewId || this.data.submitting) return;
      this.setData({ reviewError: '' });
      const outcome = await submitOnce(this, () => reviewCheckin(reviewId, reviewText.trim()), { where: 'feed', fallback: '点评失败，请稍后重试' });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ reviewError: messageFor(outcome.failure, CONTENT_REFUSALS) });
        return;
      }
      const { review } = outcome.value;
      this.patchItem(reviewId, { review: review ? { text: review.text, by: review.reviewerName } : null });
      this.setData({ reviewId: '', reviewText: '' });
    },
  },
});
