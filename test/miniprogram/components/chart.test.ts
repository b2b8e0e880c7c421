/** components/chart: draws with uCharts on a canvas 2d sized by the pixel ratio, redraws on new data, says 暂无数据. */
import { loadComponent, settle } from '../harness';
import { drawn, installFakeCanvas, FAKE_CANVAS_SIZE, type FakeCanvasInstall } from '../fake-canvas';

let fake: FakeCanvasInstall;
beforeEach(() => {
  fake = installFakeCanvas();
});
afterEach(() => fake.uninstall());

const WEEKS = ['第 1 周', '第 2 周', '第 3 周'];

async function renderChart(properties: Record<string, unknown>) {
  const loaded = loadComponent('components/chart/index');
  const chart = loaded.render({ animation: false, ...properties });
  await settle(loaded.simulate, 4);
  return { chart, simulate: loaded.simulate };
}

const drawnTexts = () => fake.canvases[0].context.texts.map((text) => text.text);
const hasTexts =
  (...wanted: string[]) =>
  () =>
    wanted.every((text) => drawnTexts().includes(text));

test('a line chart sizes the canvas by the pixel ratio and draws its categories and legend', async () => {
  const { chart } = await renderChart({
    type: 'line',
    categories: WEEKS,
    series: [
      { name: '学习人数', data: [12, 30, 18] },
      { name: '完成人数', data: [4, 9, null] },
    ],
  });
  expect(fake.canvases).toHaveLength(1);
  const canvas = fake.canvases[0];
  // miniprogram-simulate's wx.getWindowInfo answers pixelRatio 3.
  expect(canvas.width).toBe(FAKE_CANVAS_SIZE.width * 3);
  expect(canvas.height).toBe(FAKE_CANVAS_SIZE.height * 3);
  await drawn(hasTexts(...WEEKS, '学习人数', '完成人数'));
  expect(canvas.context.calls).toContain('stroke');
  expect(chart.querySelector('.chart-empty')).toBeFalsy();
});

test('a ring draws one slice per category with its name', async () => {
  await renderChart({ type: 'ring', categories: ['已完成', '学习中'], series: [{ name: '人数', data: [7, 3] }] });
  await drawn(hasTexts('已完成', '学习中'));
  expect(fake.canvases[0].context.calls).toContain('arc');
});

test('new data draws again; no data says 暂无数据', async () => {
  const { chart, simulate } = await renderChart({ type: 'column', categories: WEEKS, series: [{ name: '学习人数', data: [1, 2, 3] }] });
  await drawn(hasTexts(...WEEKS));
  const context = fake.canvases[0].context;
  context.texts = [];
  chart.setData({ categories: ['周一', '周二'], series: [{ name: '学习人数', data: [5, 6] }] });
  await settle(simulate);
  await drawn(hasTexts('周一', '周二'));
  expect(drawnTexts()).not.toContain('第 1 周');

  chart.setData({ categories: [], series: [] });
  await settle(simulate);
  expect(chart.querySelector('.chart-empty')?.dom?.textContent).toBe('暂无数据');
  expect(context.calls[context.calls.length - 1]).toBe('clearRect');
});

test('without a canvas node (no canvas 2d) it renders the empty state and does not fail', async () => {
  fake.uninstall();
  const { chart } = await renderChart({ type: 'line', categories: [], series: [] });
  expect(fake.canvases).toHaveLength(0);
  expect(chart.querySelector('.chart-empty')?.dom?.textContent).toBe('暂无数据');
});

test('a tap shows the tooltip of the touched point', async () => {
  const { chart, simulate } = await renderChart({ type: 'column', categories: WEEKS, series: [{ name: '学习人数', data: [10, 20, 30] }] });
  await drawn(hasTexts(...WEEKS));
  const context = fake.canvases[0].context;
  context.texts = [];
  // A canvas 2d touch carries x/y in the canvas (TouchCanvas); simulate's touch events carry only client
  // coordinates, so the handler is called as WeChat calls it. The middle column of three, 320 px wide.
  (chart.instance as unknown as { onTouch(event: object): void }).onTouch({ changedTouches: [{ x: 160, y: 110 }] });
  await settle(simulate);
  await drawn(() => drawnTexts().some((text) => text.includes('学习人数') && text.includes('20')));
});
