/** How the report pages show figures: rates as percents, durations as people say them, '—' where undefined. */
import type { ReportFigures } from '../../../typings/functions/report';
import { studyTimeLabel } from '../../components/course-card/view';
import { exportReport, type ReportExportInput } from '../../services/report';
import { failureOf } from '../../utils/failure';
import { toast } from '../../utils/ui';
import { beijingDateTime } from '../../utils/time';

export const NONE = '—';

/** 0.456 → 46%. */
export function percent(rate: number | null): string {
  return rate === null ? NONE : `${Math.round(rate * 100)}%`;
}

/** A ratio kept as a number (views per member, opens per share): one decimal. */
export function ratio(value: number | null): string {
  return value === null ? NONE : value.toFixed(1);
}

export function duration(seconds: number | null): string {
  return seconds === null ? NONE : studyTimeLabel(seconds);
}

export function rating(value: number | null, count: number): string {
  return value === null ? NONE : `${value.toFixed(1)}（${count} 人）`;
}

export function updatedLabel(updatedAt: string | null): string {
  return updatedAt ? `数据更新于 ${beijingDateTime(updatedAt)}` : '数据尚未汇总（每 15 分钟更新一次）';
}

export interface Figure {
  label: string;
  value: string;
}

/** Every figure of a course or department, in the order the survey measures effect. */
export function figureList(figures: ReportFigures): Figure[] {
  return [
    { label: '推送人数', value: String(figures.audience) },
    { label: '浏览次数', value: String(figures.views) },
    { label: '学习人数', value: String(figures.learners) },
    { label: '点击率', value: ratio(figures.clickThrough) },
    { label: '完成人数', value: String(figures.completions) },
    { label: '完成率', value: percent(figures.completionRate) },
    { label: '平均有效学习', value: duration(figures.avgStudySeconds) },
    { label: '平均评分', value: rating(figures.avgRating, figures.ratingCount) },
    { label: '测验通过率', value: percent(figures.quizPassRate) },
    { label: '分享率', value: percent(figures.shareRate) },
    { label: '分享次数', value: String(figures.shares) },
    { label: '触达同事', value: String(figures.opens) },
    { label: '转化', value: String(figures.conversions) },
    { label: '每次分享触达', value: ratio(figures.opensPerShare) },
    { label: '每次分享转化', value: ratio(figures.conversionsPerShare) },
  ];
}

/** The few figures a list row shows on one line each. */
export function figureLines(figures: ReportFigures): string[] {
  return [
    `学习 ${figures.learners} 人 · 完成率 ${percent(figures.completionRate)} · 平均 ${duration(figures.avgStudySeconds)}`,
    `推送 ${figures.audience} 人 · 点击率 ${ratio(figures.clickThrough)} · 评分 ${rating(figures.avgRating, figures.ratingCount)} · 测验通过 ${percent(figures.quizPassRate)}`,
    `分享 ${figures.shares} 次 · 分享率 ${percent(figures.shareRate)} · 触达 ${figures.opens} · 转化 ${figures.conversions}`,
  ];
}

/** A page that exports: `exporting` shows on its button while the workbook is built and opened. */
interface ExportingPage {
  data: { exporting: string };
  setData(patch: { exporting: string }): void;
}

/** Exports one table to Excel and opens it; `key` names the button that is busy. Failures are told, not thrown. */
export async function exportTable(page: ExportingPage, key: string, input: ReportExportInput): Promise<void> {
  if (page.data.exporting !== '') return;
  page.setData({ exporting: key });
  try {
    const rows = await exportReport(input);
    if (rows === 0) toast('表格已导出（没有数据行）');
  } catch (error) {
    toast(failureOf(error, 'report-export', '导出失败，请稍后重试').message);
  } finally {
    page.setData({ exporting: '' });
  }
}
