/**
 * 课程讨论: a course's questions, newest or most liked first, and the form to ask one (content-checked: a
 * refusal stays under the box with the text kept). The question carries one requestId per intent, so a
 * retry after an unknown outcome asks it once.
 */
import { askQuestion, type DiscussionQuestion, type DiscussionSort, listQuestions } from '../../services/discussion';
import { DISCUSSION_LIMITS } from '../../utils/limits';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';
import { postFormData, type QuestionView, questionView, submitPost } from '../utils/discussion';

const SORTS: { value: DiscussionSort; label: string }[] = [
  { value: 'newest', label: '最新' },
  { value: 'liked', label: '最多点赞' },
];

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type ValueTap = WechatMiniprogram.BaseEvent<{}, { url?: string }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return listQuestions(this.data.courseId, page, pageSize, this.data.sort);
  },
  toView: (item: DiscussionQuestion): QuestionView => questionView(item),
  reloadOnShow: true,
  data: {
    ...postFormData(),
    courseId: '',
    sort: 'newest' as DiscussionSort,
    sorts: SORTS,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ courseId: query.courseId ?? '' });
      return this.reload();
    },
    onSort(event: TabsEvent) {
      const sort = SORTS.find((choice) => choice.value === event.detail.value)?.value;
      if (sort && sort !== this.data.sort) return this.reloadWith({ sort });
      return Promise.resolve();
    },
    onOpen(event: ValueTap) {
      const { url } = event.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
    onInput(event: InputEvent) {
      this.setData({ text: event.detail.value, error: '' });
    },
    async onAsk() {
      const rule = { min: DISCUSSION_LIMITS.questionMin, tooShort: `问题至少 ${DISCUSSION_LIMITS.questionMin} 个字`, done: '已提问', where: 'discussion-ask' };
      if (await submitPost(this, rule, (text, requestId) => askQuestion({ courseId: this.data.courseId, requestId, text })))
        await this.reloadWith({ sort: 'newest' });
    },
  },
});
