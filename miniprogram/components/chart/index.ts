/**
 * 图表: one uCharts chart on a `canvas type="2d"`. Properties: `type` (line, area, column, bar, ring, pie),
 * `categories` and `series` (see options.ts), `height` in px, `animation`. It sizes the canvas to its box
 * times the pixel ratio, draws once the canvas node is there, redraws whenever a property changes, and shows
 * the value under a tap as a tooltip. With nothing to draw it says 暂无数据.
 *
 *   <chart type="line" categories="{{weeks}}" series="{{trend}}" height="{{200}}" />
 *
 * uCharts on a mini-program canvas 2d: https://www.ucharts.cn/v2/#/guide/index (原生 → 微信小程序 canvas2d)
 */
import UCharts from '@qiun/ucharts';
import { findCanvas, type CanvasRenderingContext2DLike } from '../../utils/canvas';
import { chartOptions, isChartType, isEmptyChart, type CanvasSize, type ChartData, type ChartSeries } from './options';

interface Drawing {
  context: CanvasRenderingContext2DLike | null;
  size: CanvasSize | null;
  chart: UCharts | null;
  /** The node query was sent; it answers once. */
  queried: boolean;
}

const drawings = new WeakMap<object, Drawing>();

function drawingOf(component: object): Drawing {
  let drawing = drawings.get(component);
  if (!drawing) {
    drawing = { context: null, size: null, chart: null, queried: false };
    drawings.set(component, drawing);
  }
  return drawing;
}

type ChartTouch = WechatMiniprogram.TouchCanvas;

Component({
  properties: {
    type: { type: String, value: 'line' },
    categories: { type: Array, value: [] as string[] },
    series: { type: Array, value: [] as ChartSeries[] },
    /** The chart's height in px (its width is the container's). */
    height: { type: Number, value: 220 },
    animation: { type: Boolean, value: true },
  },
  data: {
    empty: true,
  },
  observers: {
    'type, categories, series': function () {
      this.draw();
    },
  },
  lifetimes: {
    ready() {
      void this.locateCanvas();
    },
    detached() {
      drawingOf(this).chart?.stopAnimation();
      drawings.delete(this);
    },
  },
  methods: {
    chartData(): ChartData {
      return { categories: this.data.categories as string[], series: this.data.series as ChartSeries[] };
    },
    async locateCanvas() {
      const drawing = drawingOf(this);
      if (drawing.queried) return;
      drawing.queried = true;
      const canvas = await findCanvas(this, '.chart-canvas');
      // No canvas 2d (an old base library, or no rendering at all): the empty text stays.
      if (!canvas) return;
      drawing.context = canvas.context;
      drawing.size = { width: canvas.width, height: canvas.height, pixelRatio: canvas.pixelRatio };
      this.draw();
    },
    draw() {
      const data = this.chartData();
      const empty = isEmptyChart(data);
      if (empty !== this.data.empty) this.setData({ empty });
      const drawing = drawingOf(this);
      if (!drawing.context || !drawing.size) return;
      const type = String(this.data.type);
      if (!isChartType(type)) {
        console.warn(`[chart] unknown chart type "${type}"`);
        return;
      }
      drawing.chart?.stopAnimation();
      // A new chart each time: uCharts' updateData keeps the old type and axes, and a draw costs little.
      drawing.chart = empty ? null : new UCharts(chartOptions(type, data, drawing.context, drawing.size, this.data.animation));
      if (empty) {
        const { width, height, pixelRatio: ratio } = drawing.size;
        drawing.context.clearRect(0, 0, width * ratio, height * ratio);
      }
    },
    onTouch(event: ChartTouch) {
      const touch = event.changedTouches[0];
      if (touch) drawingOf(this).chart?.showToolTip({ changedTouches: [{ x: touch.x, y: touch.y }] });
    },
  },
});
