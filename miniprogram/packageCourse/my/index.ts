/** 我的学习: total valid study time, courses started and completed, and the history (all, or completed only). */
import type { LearningHistoryItem } from '../../../typings/functions/course';
import { studyTimeLabel, toCourseCard, type CourseCardView } from '../../components/course-card/view';
import { getMyLearning } from '../../services/course';
import type { TabsEvent } from '../../utils/events';
import { definePagedListPage } from '../../utils/paged-list';
import { beijingDateTime } from '../../utils/time';

interface HistoryView extends CourseCardView {
  line: string;
}

function toHistoryView(item: LearningHistoryItem): HistoryView {
  const when =
    item.completed && item.completedAt ? `${beijingDateTime(item.completedAt)} 完成` : item.lastStudiedAt ? `${beijingDateTime(item.lastStudiedAt)} 学过` : '';
  return {
    ...toCourseCard(item, { percent: item.percent, badge: item.completed ? '已完成' : '' }),
    line: [`有效学习 ${studyTimeLabel(item.studySeconds)}`, when].filter((part) => part !== '').join(' · '),
  };
}

const TABS = [
  { label: '学习记录', completedOnly: false },
  { label: '已完成', completedOnly: true },
] as const;

interface Totals {
  studyTime: string;
  started: number;
  completed: number;
}

definePagedListPage({
  /** Pages of the tab shown; the totals come with every page. */
  async fetchPage(page, pageSize) {
    const result = await getMyLearning(page, pageSize, TABS[this.data.tabIndex].completedOnly);
    this.setData({
      totals: { studyTime: studyTimeLabel(result.totals.studySeconds), started: result.totals.coursesStarted, completed: result.totals.coursesCompleted },
    });
    return result;
  },
  toView: toHistoryView,
  data: {
    tabs: TABS.map((tab) => tab.label),
    tabIndex: 0,
    totals: null as Totals | null,
  },
  methods: {
    onTab(event: TabsEvent<number>) {
      const index = Number(event.detail.value);
      if (index === this.data.tabIndex || !TABS[index]) return;
      return this.reloadWith({ tabIndex: index });
    },
  },
});
