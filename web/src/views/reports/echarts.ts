/**
 * The ECharts pieces the reports draw, registered once (https://echarts.apache.org/handbook/en/basics/import):
 * only these charts and components are bundled, and only when the first chart mounts (chart.vue imports this
 * file on demand), so neither the first page nor a report's table waits for them.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
