/**
 * The campaign dashboard's charts, loaded on demand (import() from dashboard.vue) so ECharts stays out of
 * every other page: only the chart types and components used are registered (echarts/core).
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { CampaignDashboardView } from '../../../../typings/functions/campaign-engagement';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface DashboardCharts {
  dispose(): void;
}

const label = (day: string): string => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** Daily participation and check-ins (two series) with the rate; completion; teams. Drawn without animation: figures at a desk, not a show. */
export function renderDashboardCharts(view: CampaignDashboardView, daily: HTMLElement, completion: HTMLElement, teams: HTMLElement | null): DashboardCharts {
  const charts: echarts.ECharts[] = [];
  const elapsed = view.days.filter((day) => day.phase !== 'upcoming');

  const dailyChart = echarts.init(daily);
  dailyChart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['参与人数', '打卡人数', '其中补卡', '打卡率'] },
    grid: { left: 48, right: 56, top: 56, bottom: 32 },
    xAxis: { type: 'category', data: elapsed.map((day) => label(day.day)) },
    yAxis: [
      { type: 'value', name: '人数', minInterval: 1 },
      { type: 'value', name: '打卡率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: '参与人数', type: 'bar', data: elapsed.map((day) => day.enrolled), barGap: '10%' },
      { name: '打卡人数', type: 'bar', data: elapsed.map((day) => day.checkedIn) },
      { name: '其中补卡', type: 'bar', data: elapsed.map((day) => day.madeUp) },
      { name: '打卡率', type: 'line', yAxisIndex: 1, smooth: true, data: elapsed.map((day) => Math.round(day.rate * 1000) / 10) },
    ],
  });
  charts.push(dailyChart);

  // Of every check-in possible so far (members × elapsed days): on time, made up, missed.
  const possible = view.enrolled * view.elapsedDays;
  const onTime = view.checkinsTotal - view.madeUpTotal;
  const completionChart = echarts.init(completion);
  completionChart.setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c} 次 ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        label: { formatter: '{b}\n{d}%' },
        data: [
          { name: '按时打卡', value: onTime },
          { name: '补卡', value: view.madeUpTotal },
          { name: '未打卡', value: Math.max(0, possible - view.checkinsTotal) },
        ],
      },
    ],
  });
  charts.push(completionChart);

  if (teams) {
    const teamChart = echarts.init(teams);
    teamChart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 72, right: 40, top: 16, bottom: 24 },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: view.teams.map((team) => team.name) },
      series: [
        {
          name: '打卡率',
          type: 'bar',
          data: view.teams.map((team) => Math.round(team.rate * 1000) / 10),
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    });
    charts.push(teamChart);
  }

  const resize = () => charts.forEach((chart) => chart.resize());
  window.addEventListener('resize', resize);
  return {
    dispose() {
      window.removeEventListener('resize', resize);
      charts.forEach((chart) => chart.dispose());
    },
  };
}
