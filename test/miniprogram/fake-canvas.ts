/**
 * A canvas 2d for tests: jsdom has no canvas and j-component's selector query answers no `node`, so
 * `installFakeCanvas` makes fields({ node: true }) queries answer a recording canvas of a fixed size. The
 * context records what was written (fillText) and drawn, which is what chart and poster tests assert on.
 */
import { waitFor } from '../helpers/wait';

interface QueueItem {
  fields: { node?: boolean };
}

interface SelectorQueryPrototype {
  exec(this: { _queue: QueueItem[] }, callback?: (res: unknown[]) => void): void;
}

export interface DrawnText {
  text: string;
  x: number;
  y: number;
}

export interface FakeContext {
  texts: DrawnText[];
  /** Names of the drawing calls in order (fill, stroke, arc, drawImage…). */
  calls: string[];
  images: unknown[];
  [property: string]: unknown;
}

export interface FakeCanvas {
  width: number;
  height: number;
  context: FakeContext;
  getContext(type: string): FakeContext | null;
  createImage(): FakeImage;
}

export interface FakeImage {
  src: string;
  width: number;
  height: number;
  onload: (() => void) | null;
  onerror: ((error: unknown) => void) | null;
}

function createContext(): FakeContext {
  const context: FakeContext = { texts: [], calls: [], images: [], font: '10px sans-serif', fillStyle: '#000', strokeStyle: '#000', lineWidth: 1 };
  const record = (name: string) => () => {
    context.calls.push(name);
  };
  for (const name of [
    'save',
    'restore',
    'beginPath',
    'closePath',
    'moveTo',
    'lineTo',
    'arc',
    'arcTo',
    'rect',
    'fill',
    'stroke',
    'fillRect',
    'strokeRect',
    'clearRect',
    'translate',
    'rotate',
    'scale',
    'setLineDash',
    'quadraticCurveTo',
    'bezierCurveTo',
    'clip',
    'strokeText',
  ]) {
    context[name] = record(name);
  }
  context.fillText = (text: unknown, x: number, y: number) => {
    context.calls.push('fillText');
    context.texts.push({ text: String(text), x, y });
  };
  context.drawImage = (image: unknown) => {
    context.calls.push('drawImage');
    context.images.push(image);
  };
  context.measureText = (text: unknown) => {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(String(context.font))?.[1] ?? 10);
    return { width: String(text).length * size * 0.6 };
  };
  const gradient = () => ({ addColorStop: () => undefined });
  context.createLinearGradient = gradient;
  context.createRadialGradient = gradient;
  return context;
}

export function createFakeCanvas(): FakeCanvas {
  const context = createContext();
  return {
    width: 300,
    height: 150,
    context,
    getContext: (type) => (type === '2d' ? context : null),
    createImage(): FakeImage {
      const image: FakeImage = { width: 0, height: 0, onload: null, onerror: null, src: '' };
      let src = '';
      Object.defineProperty(image, 'src', {
        get: () => src,
        set(value: string) {
          src = value;
          // Images "load" asynchronously as on a phone; a src containing "broken" fails.
          setTimeout(() => {
            if (value.includes('broken')) image.onerror?.(new Error(`cannot load ${value}`));
            else {
              image.width = 200;
              image.height = 200;
              image.onload?.();
            }
          }, 0);
        },
      });
      return image;
    },
  };
}

export interface FakeCanvasInstall {
  /** Every canvas handed out, in order. */
  canvases: FakeCanvas[];
  uninstall(): void;
}

/** Canvas nodes answer with this CSS size (jsdom lays nothing out). */
export const FAKE_CANVAS_SIZE = { width: 320, height: 220 };

export function installFakeCanvas(): FakeCanvasInstall {
  // The selector query of the simulate instance the harness uses (same module registry as this test file).
  const SelectorQuery = require('j-component/src/tool/selectorquery') as { prototype: SelectorQueryPrototype };
  const original = SelectorQuery.prototype.exec;
  const canvases: FakeCanvas[] = [];
  SelectorQuery.prototype.exec = function exec(callback) {
    const wantsNode = this._queue.map((item) => item.fields.node === true);
    original.call(this, (res: unknown[]) => {
      res.forEach((answer, index) => {
        if (!wantsNode[index] || answer === null || typeof answer !== 'object') return;
        const canvas = createFakeCanvas();
        canvases.push(canvas);
        Object.assign(answer, { node: canvas, width: FAKE_CANVAS_SIZE.width, height: FAKE_CANVAS_SIZE.height });
      });
      callback?.(res);
    });
  };
  return {
    canvases,
    uninstall() {
      SelectorQuery.prototype.exec = original;
    },
  };
}

/**
 * uCharts draws on a timer (its animation frame, even with animation off), so tests wait for the drawing to
 * appear instead of for a time: polls `condition` until it holds, failing after `attempts` tries.
 */
export function drawn(condition: () => boolean, attempts = 200): Promise<void> {
  return waitFor(condition, 'the canvas never showed what the test waited for', attempts);
}
