/**
 * 问题详情: one question and its answers (the marked answer first), likes on each, the form to answer
 * (content-checked; one requestId per intent), 采纳 for the asker and the course's author or trainers, 隐藏
 * for the author, trainers and admins (the server decides both: canAccept, canModerate), and 删除 of one's
 * own post.
 */
import { acceptAnswer, answerQuestion, deletePost, type DiscussionAnswer, getThread, hidePost, likePost } from '../../services/discussion';
import { failureOf } from '../../utils/failure';
import { DISCUSSION_LIMITS } from '../../utils/limits';
import { definePagedListPage } from '../../utils/paged-list';
import { confirmModal, toast } from '../../utils/ui';
import { type AnswerView, answerView, postFormData, type QuestionView, questionView, submitPost } from '../utils/discussion';

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type IdTap = WechatMiniprogram.BaseEvent<{}, { id?: string }>;

definePagedListPage({
  async fetchPage(page, pageSize) {
    const thread = await getThread(this.data.questionId, page, pageSize);
    this.setData({ question: questionView(thread.question), canAccept: thread.canAccept, canModerate: thread.canModerate });
    return thread.answers;
  },
  toView: (item: DiscussionAnswer): AnswerView => answerView(item),
  data: {
    ...postFormData(),
    questionId: '',
    question: null as QuestionView | null,
    canAccept: false,
    canModerate: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ questionId: query.id ?? '' });
      return this.reload();
    },
    onInput(event: InputEvent) {
      this.setData({ text: event.detail.value, error: '' });
    },
    async onAnswer() {
      const rule = { min: DISCUSSION_LIMITS.answerMin, tooShort: '请写下你的回答', done: '已回答', where: 'discussion-answer' };
      if (await submitPost(this, rule, (text, requestId) => answerQuestion({ questionId: this.data.questionId, requestId, text }))) await this.reload();
    },
    /** Likes or takes back the like of the question (no id) or an answer. */
    async onLike(event: IdTap) {
      const id = event.currentTarget.dataset.id ?? '';
      const question = this.data.question;
      const isQuestion = question !== null && id === question.id;
      const post = isQuestion ? question : this.data.items.find((item) => item.id === id);
      if (!post || post.mine) return;
      try {
        const result = await likePost({ postId: id, liked: !post.liked });
        if (isQuestion) this.setData({ 'question.liked': result.liked, 'question.likes': result.likes });
        else {
          const index = this.data.items.findIndex((item) => item.id === id);
          this.setData({ [`items[${index}].liked`]: result.liked, [`items[${index}].likes`]: result.likes });
        }
      } catch (error) {
        toast(failureOf(error, 'discussion-like').message);
      }
    },
    async onAccept(event: IdTap) {
      const answerId = event.currentTarget.dataset.id ?? '';
      try {
        await acceptAnswer({ answerId });
        toast('已采纳');
        await this.reload();
      } catch (error) {
        toast(failureOf(error, 'discussion-accept').message);
      }
    },
    async onHide(event: IdTap) {
      const postId = event.currentTarget.dataset.id ?? '';
      if (!(await confirmModal({ title: '隐藏这条发言？', content: '隐藏后所有人都看不到它，操作会记入操作日志。' }))) return;
      await this.retire(() => hidePost({ postId, reason: '' }), postId, '已隐藏');
    },
    async onDelete(event: IdTap) {
      const postId = event.currentTarget.dataset.id ?? '';
      if (!(await confirmModal({ title: '删除这条发言？', content: '删除后无法恢复。' }))) return;
      await this.retire(() => deletePost({ postId }), postId, '已删除');
    },
    /** Hides or deletes a post; the question itself gone, the page goes back. */
    async retire(run: () => Promise<unknown>, postId: string, done: string) {
      try {
        await run();
        toast(done);
        if (postId === this.data.questionId) wx.navigateBack();
        else await this.reload();
      } catch (error) {
        toast(failureOf(error, 'discussion-retire').message);
      }
    },
  },
});
