/**
 * The part of uCharts (@qiun/ucharts 2.5, untyped JavaScript) that components/chart uses. WeChat resolves the
 * import to miniprogram_npm/@qiun/ucharts (scripts/build-miniprogram-npm.ts). Options: https://www.ucharts.cn/v2/#/document/index
 */
declare module '@qiun/ucharts' {
  /** A 2d context from a `canvas type="2d"` node; uCharts adds its own set* shims to it. */
  export type ChartContext = object;

  export interface UChartsSeries {
    name?: string;
    data: Array<number | null | { name: string; value: number }>;
    color?: string;
  }

  export interface UChartsOptions {
    type: string;
    context: ChartContext;
    width: number;
    height: number;
    pixelRatio: number;
    categories: string[];
    series: UChartsSeries[];
    animation?: boolean;
    background?: string;
    color?: string[];
    padding?: number[];
    fontSize?: number;
    dataLabel?: boolean;
    enableScroll?: boolean;
    legend?: Record<string, unknown>;
    xAxis?: Record<string, unknown>;
    yAxis?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }

  export interface TouchEventLike {
    changedTouches: Array<{ x: number; y: number }>;
  }

  export default class UCharts {
    constructor(options: UChartsOptions);
    updateData(data: Partial<Pick<UChartsOptions, 'categories' | 'series'>>): void;
    showToolTip(event: TouchEventLike): void;
    stopAnimation(): void;
  }
}
