/**
 * The weekday × time slot heatmap as a table coloured by intensity: uCharts 2.5 has no heatmap type (its types
 * are line, column, area, bar, ring, pie, rose, radar, scatter, bubble, gauge, funnel, word, map, candle, mix…),
 * so the grid is plain WXML with each cell's background set from its share of the busiest cell.
 */
import type { HeatmapCell } from '../../services/report';
import { TIME_SLOT_LABELS, TIME_SLOT_ORDER, WEEKDAY_LABELS } from '../../utils/labels';
import { THEME, withAlpha } from '../../utils/theme';

export interface HeatCellView {
  key: string;
  /** Minutes of valid study, as shown in the cell. */
  minutes: number;
  /** The inline style: background by intensity, light text on dark cells. */
  style: string;
  /** For the accessibility label and tests: 周一 午休 12–13：35 分钟，12 人次. */
  title: string;
}

export interface HeatRowView {
  weekday: string;
  cells: HeatCellView[];
}

/** Headers of the grid's columns (the slots, short). */
export const SLOT_HEADERS = TIME_SLOT_ORDER.map((slot) => TIME_SLOT_LABELS[slot].split(' ')[0]);

function cellStyle(intensity: number): string {
  // Shades of the brand colour; a floor keeps empty cells visible as cells.
  const alpha = intensity === 0 ? 0.04 : 0.15 + 0.85 * intensity;
  return `background-color: ${withAlpha(THEME.brand, alpha)}; color: ${intensity > 0.5 ? THEME.container : THEME.text};`;
}

/** Seven rows (周一…周日) of six cells in TIME_SLOT_ORDER; missing cells count as zero. */
export function heatRows(cells: HeatmapCell[]): HeatRowView[] {
  const byKey = new Map(cells.map((cell) => [`${cell.weekday}:${cell.slot}`, cell]));
  const busiest = Math.max(0, ...cells.map((cell) => cell.studySeconds));
  return WEEKDAY_LABELS.map((weekday, index) => ({
    weekday,
    cells: TIME_SLOT_ORDER.map((slot) => {
      const cell = byKey.get(`${index + 1}:${slot}`);
      const seconds = cell?.studySeconds ?? 0;
      const minutes = Math.round(seconds / 60);
      return {
        key: `${index + 1}-${slot}`,
        minutes,
        style: cellStyle(busiest > 0 ? seconds / busiest : 0),
        title: `${weekday} ${TIME_SLOT_LABELS[slot]}：${minutes} 分钟，${cell?.sessions ?? 0} 人次`,
      };
    }),
  }));
}
