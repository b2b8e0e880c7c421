/**
 * 课程讨论: a course's questions, newest or most liked first, and the form to ask one (content-checked: a
 * refusal stays under the box with the text kept). The question carries one requestId per intent, so a
 * retry after an unknown outcome asks it once.
 */
import { askQuestion, type DiscussionQuestion, type DiscussionSort, listQuestions } from '../../services/discussion';
import { failureOf } from '../../utils/failure';
import { DISCUSSION_LIMITS } from '../../utils/limits';
import { definePagedListPage } from '../../utils/paged-list';
import { newRequestId } from '../../utils/request-id';
import { toast } from '../../utils/ui';
import { type QuestionView, questionView } from '../utils/discussion';

const SORTS: { value: DiscussionSort; label: string }[] = [
  { value: 'newest', label: '最新' },
  { value: 'liked', label: '最多点赞' },
];

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type ValueTap = WechatMiniprogram.BaseEvent<{}, { value?: string; url?: string }>;

definePagedListPage({
  fetchPage(page, pageSize) {
    return listQuestions(this.data.courseId, page, pageSize, this.data.sort);
  },
  toView: (item: DiscussionQuestion): QuestionView => questionView(item),
  reloadOnShow: true,
  data: {
    limits: DISCUSSION_LIMITS,
    courseId: '',
    sort: 'newest' as DiscussionSort,
    sorts: SORTS,
    text: '',
    requestId: '',
    error: '',
    sending: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ courseId: query.courseId ?? '', requestId: newRequestId() });
      return this.reload();
    },
    onSort(event: ValueTap) {
      const sort = SORTS.find((choice) => choice.value === event.currentTarget.dataset.value)?.value;
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
      if (this.data.sending) return;
      const text = this.data.text.trim();
      if ([...text].length < DISCUSSION_LIMITS.questionMin) {
        this.setData({ error: `问题至少 ${DISCUSSION_LIMITS.questionMin} 个字` });
        return;
      }
      this.setData({ sending: true, error: '' });
      try {
        await askQuestion({ courseId: this.data.courseId, requestId: this.data.requestId, text });
        this.setData({ sending: false, text: '', requestId: newRequestId() });
        toast('已提问');
        await this.reloadWith({ sort: 'newest' });
      } catch (error) {
        this.setData({ sending: false, error: failureOf(error, 'discussion-ask').message });
      }
    },
  },
});
