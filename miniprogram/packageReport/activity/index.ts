/**
 * 学习趋势与时段: the weekly trend of all learning in the caller's scope (uCharts lines and columns) and the
 * weekday × time slot heatmap the survey uses to choose when to push (a grid coloured by intensity: see
 * shared/heatmap.ts), each exportable to Excel.
 */
import { getHeatmap, getTrends, scopeOf } from '../../services/report';
import { defineLoadedPage } from '../../utils/loaded-page';
import { exportTable, updatedLabel } from '../shared/format';
import { SLOT_HEADERS, heatRows, type HeatRowView } from '../shared/heatmap';
import { TREND_WEEKS, trendCharts } from '../shared/trends';

defineLoadedPage({
  where: 'report-activity',
  data: {
    /** '' for everything in the caller's scope. */
    departmentId: '',
    updated: '',
    charts: trendCharts([]),
    weeksLabel: '',
    slotHeaders: SLOT_HEADERS,
    heatRows: [] as HeatRowView[],
    exporting: '',
  },
  fetch() {
    const { departmentId } = this.data;
    return Promise.all([getTrends(TREND_WEEKS, departmentId), getHeatmap(TREND_WEEKS, departmentId)]);
  },
  show([trends, heatmap]) {
    // Both come from the same rollup; the older of the two stamps is the honest one.
    const stamps = [trends.updatedAt, heatmap.updatedAt];
    const updatedAt = stamps.includes(null) ? null : (stamps as string[]).sort()[0];
    return {
      updated: updatedLabel(updatedAt),
      charts: trendCharts(trends.weeks),
      weeksLabel: `${heatmap.fromWeek} 至 ${heatmap.toWeek}，单元格为有效学习分钟数`,
      heatRows: heatRows(heatmap.cells),
    };
  },
  methods: {
    onScope(event: WechatMiniprogram.CustomEvent<{ departmentId: string }>) {
      this.setData({ departmentId: event.detail.departmentId });
      return this.load();
    },
    onExportTrends() {
      return exportTable(this, 'trends', { table: 'trends', weeks: TREND_WEEKS, ...scopeOf(this.data.departmentId) });
    },
    onExportHeatmap() {
      return exportTable(this, 'heatmap', { table: 'heatmap', weeks: TREND_WEEKS, ...scopeOf(this.data.departmentId) });
    },
  },
});
