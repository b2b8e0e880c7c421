/**
 * A `canvas type="2d"` node of a page or component, sized for the screen: its backing store is the CSS size
 * times the pixel ratio, so drawings stay sharp. Used by the chart component, the share poster and the campaign certificate.
 * https://developers.weixin.qq.com/miniprogram/dev/component/canvas.html (Canvas 2D 示例)
 */

/** What a canvas 2d node offers that the app uses. */
export interface Canvas2dNode {
  width: number;
  height: number;
  getContext(type: '2d'): object | null;
  createImage(): WechatMiniprogram.Image;
}

export interface SizedCanvas {
  node: Canvas2dNode;
  context: CanvasRenderingContext2DLike;
  /** CSS pixels. */
  width: number;
  height: number;
  pixelRatio: number;
}

/** The part of a 2d context the app calls itself (uCharts takes the context as it is). */
export interface CanvasRenderingContext2DLike {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, width: number, height: number): void;
  strokeRect(x: number, y: number, width: number, height: number): void;
  clearRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  measureText(text: string): { width: number };
  drawImage(image: unknown, x: number, y: number, width: number, height: number): void;
  scale(x: number, y: number): void;
}

export function screenPixelRatio(): number {
  // getWindowInfo replaces the deprecated getSystemInfoSync from base library 2.20.1.
  const info = typeof wx.getWindowInfo === 'function' ? wx.getWindowInfo() : wx.getSystemInfoSync();
  return info.pixelRatio > 0 ? info.pixelRatio : 1;
}

interface NodeAnswer {
  node?: Canvas2dNode | null;
  width?: number;
  height?: number;
}

/**
 * Finds the canvas matching `selector` in `owner` and sizes its backing store; null when there is none
 * (no canvas 2d support, or nothing laid out).
 */
export function findCanvas(owner: WechatMiniprogram.Component.TrivialInstance, selector: string): Promise<SizedCanvas | null> {
  return new Promise((resolve) => {
    owner
      .createSelectorQuery()
      .select(selector)
      .fields({ node: true, size: true })
      .exec((answers: Array<NodeAnswer | null>) => {
        const answer = answers[0];
        const node = answer?.node;
        const context = node?.getContext('2d');
        if (!node || !context || !answer.width || !answer.height) return resolve(null);
        const pixelRatio = screenPixelRatio();
        node.width = answer.width * pixelRatio;
        node.height = answer.height * pixelRatio;
        resolve({ node, context: context as CanvasRenderingContext2DLike, width: answer.width, height: answer.height, pixelRatio });
      });
  });
}

/**
 * The picture drawn on a canvas 2d as a temporary PNG file (to save to the album or preview).
 * https://developers.weixin.qq.com/miniprogram/dev/api/canvas/wx.canvasToTempFilePath.html
 */
export function canvasToTempFile(canvas: SizedCanvas): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.canvasToTempFilePath({
      canvas: canvas.node as unknown as WechatMiniprogram.Canvas,
      fileType: 'png',
      success: (res) => resolve(res.tempFilePath),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}
