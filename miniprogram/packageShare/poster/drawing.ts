/**
 * The share poster, drawn in CSS pixels on a canvas 2d (scaled by the pixel ratio): the cover on top, the
 * title (two lines at most), who shares it, and the mini-program code whose scene carries the share token.
 */
import type { CanvasRenderingContext2DLike, SizedCanvas } from '../../utils/canvas';
import { THEME } from '../../utils/theme';

/** The poster's CSS size (the page's canvas has this size in its WXSS). */
export const POSTER_WIDTH = 300;
export const POSTER_HEIGHT = 480;

const MARGIN = 20;
const COVER_HEIGHT = 170;
const CODE_SIZE = 96;

export interface PosterContent {
  title: string;
  /** 课程, 系列课… (on the cover when there is no cover picture). */
  kindLabel: string;
  /** Who shares it and what they ask: 张三 邀请你一起学习这门课程. */
  invitation: string;
  coverUrl: string | null;
  codeUrl: string;
}

/** Loads an image for drawing on `canvas`; null when it cannot be loaded. */
function loadImage(canvas: SizedCanvas, src: string): Promise<WechatMiniprogram.Image | null> {
  return new Promise((resolve) => {
    const image = canvas.node.createImage();
    image.onload = () => resolve(image);
    image.onerror = () => resolve(null);
    image.src = src;
  });
}

/** Splits `text` into lines no wider than `width`; the last allowed line ends with … when text is left. */
export function wrapText(context: CanvasRenderingContext2DLike, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const characters = Array.from(text);
  for (let index = 0; index < characters.length; index += 1) {
    const next = line + characters[index];
    if (context.measureText(next).width <= width || line === '') {
      line = next;
      continue;
    }
    if (lines.length === maxLines - 1) {
      let cut = line;
      while (cut.length > 0 && context.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
      lines.push(`${cut}…`);
      return lines;
    }
    lines.push(line);
    line = characters[index];
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Draws the poster; false when the mini-program code could not be loaded (a poster without it is useless). */
export async function drawPoster(canvas: SizedCanvas, content: PosterContent): Promise<boolean> {
  const [cover, code] = await Promise.all([content.coverUrl ? loadImage(canvas, content.coverUrl) : Promise.resolve(null), loadImage(canvas, content.codeUrl)]);
  if (!code) return false;
  const context = canvas.context;
  context.scale(canvas.pixelRatio, canvas.pixelRatio);
  context.fillStyle = THEME.container;
  context.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  context.textBaseline = 'top';

  if (cover) {
    context.drawImage(cover, 0, 0, POSTER_WIDTH, COVER_HEIGHT);
  } else {
    // No cover: the brand colour with the kind of content, so the poster still reads as Weike.
    context.fillStyle = THEME.brand;
    context.fillRect(0, 0, POSTER_WIDTH, COVER_HEIGHT);
    context.fillStyle = THEME.container;
    context.font = 'bold 28px sans-serif';
    context.fillText(`微课 · ${content.kindLabel}`, MARGIN, COVER_HEIGHT / 2 - 14);
  }

  let y = COVER_HEIGHT + 18;
  context.fillStyle = THEME.text;
  context.font = 'bold 18px sans-serif';
  for (const line of wrapText(context, content.title, POSTER_WIDTH - MARGIN * 2, 2)) {
    context.fillText(line, MARGIN, y);
    y += 26;
  }
  context.fillStyle = THEME.textSecondary;
  context.font = '14px sans-serif';
  for (const line of wrapText(context, content.invitation, POSTER_WIDTH - MARGIN * 2, 2)) {
    context.fillText(line, MARGIN, y + 6);
    y += 20;
  }

  const codeTop = POSTER_HEIGHT - MARGIN - CODE_SIZE;
  context.drawImage(code, MARGIN, codeTop, CODE_SIZE, CODE_SIZE);
  const textLeft = MARGIN + CODE_SIZE + 16;
  context.fillStyle = THEME.text;
  context.font = '14px sans-serif';
  context.fillText('长按识别小程序码', textLeft, codeTop + 24);
  context.fillStyle = THEME.textMuted;
  context.font = '12px sans-serif';
  context.fillText('微课 · 仅限本企业员工查看', textLeft, codeTop + 50);
  return true;
}
