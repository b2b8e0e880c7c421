/**
 * What the chart component draws, in one shape for every type: categories (x axis, or the slices of a ring)
 * and named series of numbers. `chartOptions` turns it into uCharts' options, so pages never see uCharts.
 */
import type { ChartContext, UChartsOptions, UChartsSeries } from '@qiun/ucharts';
import { THEME } from '../../utils/theme';

export const CHART_TYPES = ['line', 'area', 'column', 'bar', 'ring', 'pie'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface ChartSeries {
  name: string;
  /** One value per category; null is a gap (a week without data). */
  data: Array<number | null>;
  color?: string;
}

export interface ChartData {
  categories: string[];
  series: ChartSeries[];
}

/** The app's palette (TDesign brand first), so every chart reads alike. */
export const CHART_COLORS = [THEME.brand, THEME.success, THEME.warning, THEME.error, '#8e56dd', '#0594fa', '#ed49b4', '#f6c02d'];

export function isChartType(value: string): value is ChartType {
  return (CHART_TYPES as readonly string[]).includes(value);
}

/** True when there is nothing to draw: no category or no number anywhere. */
export function isEmptyChart(data: ChartData): boolean {
  return data.categories.length === 0 || !data.series.some((series) => series.data.some((value) => typeof value === 'number'));
}

/** Rings and pies take one series of named slices: the categories are the slices, the first series the values. */
function slices(data: ChartData): UChartsSeries[] {
  const values = data.series[0]?.data ?? [];
  return [{ data: data.categories.map((name, index) => ({ name, value: values[index] ?? 0 })) }];
}

function seriesFor(type: ChartType, data: ChartData): UChartsSeries[] {
  if (type === 'ring' || type === 'pie') return slices(data);
  return data.series.map((series) => ({ name: series.name, data: series.data, ...(series.color ? { color: series.color } : {}) }));
}

export interface CanvasSize {
  /** CSS pixels. */
  width: number;
  height: number;
  pixelRatio: number;
}

/** uCharts options for a canvas 2d: sizes in device pixels with the ratio, as uCharts scales fonts and lines by it. */
export function chartOptions(type: ChartType, data: ChartData, context: ChartContext, size: CanvasSize, animation: boolean): UChartsOptions {
  const round = type === 'ring' || type === 'pie';
  return {
    type,
    context,
    width: size.width * size.pixelRatio,
    height: size.height * size.pixelRatio,
    pixelRatio: size.pixelRatio,
    categories: round ? [] : data.categories,
    series: seriesFor(type, data),
    animation,
    background: THEME.container,
    color: CHART_COLORS,
    padding: [15, 15, 0, 5],
    fontSize: 11,
    dataLabel: round,
    legend: { show: round || data.series.length > 1 },
    xAxis: { disableGrid: true, rotateLabel: data.categories.length > 6 },
    yAxis: { gridType: 'dash', dashLength: 2 },
    extra: {
      ring: { ringWidth: 24, activeOpacity: 0.5, offsetAngle: 0, labelWidth: 15, border: true, borderWidth: 2, borderColor: THEME.container },
      column: { type: 'group', width: 20 },
      line: { type: 'straight', width: 2 },
    },
  };
}
