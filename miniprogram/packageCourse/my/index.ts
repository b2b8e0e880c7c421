/** 我的学习: total valid study time, courses started and completed, and the history (all, or completed only). */
import type { LearningHistoryItem } from '../../../typings/functions/course';
import { studyTimeLabel, toCourseCard, type CourseCardView } from '../../components/course-card/view';
import { leaveForBinding } from '../../services/gate';
import { getMyLearning } from '../../services/course';
import { definePage } from '../../utils/page';
import { createPagedList, initialListState, type FetchPage } from '../../utils/paged-list';
import { beijingDateTime } from '../../utils/ui';

interface HistoryView extends CourseCardView {
  line: string;
}

function toHistoryView(item: LearningHistoryItem): HistoryView {
  const when = item.completed && item.completedAt ? `${beijingDateTime(item.completedAt)} 完成` : item.lastStudiedAt ? `${beijingDateTime(item.lastStudiedAt)} 学过` : '';
  return {
    ...toCourseCard(item, { percent: item.percent, badge: item.completed ? '已完成' : '' }),
    line: [`有效学习 ${studyTimeLabel(item.studySeconds)}`, when].filter((part) => part !== '').join(' · '),
  };
}

const history = createPagedList<LearningHistoryItem, HistoryView>(toHistoryView);

const TABS = [
  { label: '学习记录', completedOnly: false },
  { label: '已完成', completedOnly: true },
] as const;

interface Totals {
  studyTime: string;
  started: number;
  completed: number;
}

type TabTap = WechatMiniprogram.BaseEvent<{}, { index?: number }>;

definePage({
  data: {
    ...initialListState<HistoryView>(),
    tabs: TABS.map((tab) => tab.label),
    tabIndex: 0,
    totals: null as Totals | null,
  },
  methods: {
    onLoad() {
      return this.reload();
    },
    async onPullDownRefresh() {
      try {
        await this.reload();
      } finally {
        wx.stopPullDownRefresh();
      }
    },
    onReachBottom() {
      return this.loadMore();
    },
    /** Pages of the tab shown; the totals come with every page. */
    fetcher(): FetchPage<LearningHistoryItem> {
      const { completedOnly } = TABS[this.data.tabIndex];
      return async (page, pageSize) => {
        const result = await getMyLearning(page, pageSize, completedOnly);
        this.setData({
          totals: { studyTime: studyTimeLabel(result.totals.studySeconds), started: result.totals.coursesStarted, completed: result.totals.coursesCompleted },
        });
        return result;
      };
    },
    reload() {
      return history.reload(this, this.fetcher());
    },
    loadMore() {
      return history.loadMore(this, this.fetcher());
    },
    onLoadMore() {
      return this.loadMore();
    },
    onTab(event: TabTap) {
      const index = Number(event.currentTarget.dataset.index);
      if (index === this.data.tabIndex || !TABS[index]) return;
      this.setData({ tabIndex: index, items: [] });
      return this.reload();
    },
    onRetry() {
      return this.reload();
    },
    onBind() {
      leaveForBinding('not-member');
    },
  },
});
