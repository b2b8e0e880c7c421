/**
 * A certificate (证书) of any kind drawn on a canvas 2d: a framed landscape card with the heading, the
 * member's name, what they achieved, a line of detail, the certificate number (and verification code) and
 * the day it was issued. Drawing takes the part of CanvasRenderingContext2D it uses, so it runs the same on
 * the phone and on a recording fake. The campaign's 结业证书 and every other certificate use it.
 */
import { saveDrawingToAlbum } from './album';
import { findCanvas, type CanvasRenderingContext2DLike, type SizedCanvas } from './canvas';
import { THEME } from './theme';

export interface CertificateContent {
  /** 结业证书, 荣誉证书… */
  heading: string;
  memberName: string;
  /** The line before the achievement: 完成打卡活动, 完成必修课, 荣获… */
  lead: string;
  achievement: string;
  /** The line after it, e.g. 累计打卡 21 天（共 21 天），特发此证。 */
  detail: string;
  number: string;
  /** Printed under the number when given, so the paper can be checked in the app. */
  code?: string;
  /** YYYY-MM-DD (Beijing). */
  issuedDay: string;
}

/** The logical size the certificate is laid out in; drawing scales it to the canvas. */
export const CERTIFICATE_WIDTH = 600;
export const CERTIFICATE_HEIGHT = 420;

const INK = THEME.text;
const MUTED = THEME.textMuted;
const GOLD = '#c69c3e';
const PAPER = '#fffdf6';
const FONT = '"PingFang SC", "Microsoft YaHei", sans-serif';

/** Text shortened with … until it fits `maxWidth` (a long campaign title would overflow the card). */
export function fitText(context: Pick<CanvasRenderingContext2DLike, 'measureText'>, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text;
  let end = text.length;
  while (end > 0 && context.measureText(`${text.slice(0, end)}…`).width > maxWidth) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** The day as 2026年3月21日. */
export function chineseDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return year && month && date ? `${year}年${month}月${date}日` : day;
}

/** `scale`: backing-store pixels per logical pixel (the canvas's width over CERTIFICATE_WIDTH, times the pixel ratio). */
export function drawCertificate(context: CanvasRenderingContext2DLike, content: CertificateContent, scale: number): void {
  const width = CERTIFICATE_WIDTH;
  const height = CERTIFICATE_HEIGHT;
  const centre = width / 2;
  context.scale(scale, scale);
  context.fillStyle = PAPER;
  context.fillRect(0, 0, width, height);
  context.strokeStyle = GOLD;
  context.lineWidth = 6;
  context.strokeRect(14, 14, width - 28, height - 28);
  context.lineWidth = 1.5;
  context.strokeRect(26, 26, width - 52, height - 52);

  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillStyle = GOLD;
  context.font = `bold 40px ${FONT}`;
  context.fillText(content.heading, centre, 86);

  context.fillStyle = INK;
  context.font = `bold 30px ${FONT}`;
  context.fillText(fitText(context, content.memberName, width - 120), centre, 160);

  context.font = `20px ${FONT}`;
  context.fillText(content.lead, centre, 208);
  context.font = `bold 24px ${FONT}`;
  context.fillText(fitText(context, `「${content.achievement}」`, width - 120), centre, 246);
  context.font = `20px ${FONT}`;
  context.fillText(fitText(context, content.detail, width - 120), centre, 290);

  context.fillStyle = MUTED;
  context.font = `16px ${FONT}`;
  context.textAlign = 'left';
  context.fillText(`证书编号：${content.number}`, 52, height - 62);
  if (content.code) context.fillText(`验证码：${content.code}`, 52, height - 40);
  context.textAlign = 'right';
  context.fillText(chineseDate(content.issuedDay), width - 52, height - 62);
}

/** The canvas each certificate page drew on: saving exports that one (a new query would clear it). */
const drawnCanvases = new WeakMap<object, SizedCanvas>();

/**
 * Draws `content` on the page's `.certificate-canvas` (laid out at CERTIFICATE_WIDTH logical pixels, scaled
 * to the canvas's backing store); false when this WeChat has no canvas 2d.
 */
export async function drawCertificateOnPage(page: WechatMiniprogram.Component.TrivialInstance, content: CertificateContent): Promise<boolean> {
  const canvas = await findCanvas(page, '.certificate-canvas');
  if (!canvas) return false;
  drawCertificate(canvas.context, content, (canvas.width / CERTIFICATE_WIDTH) * canvas.pixelRatio);
  drawnCanvases.set(page, canvas);
  return true;
}

/** Saves what the page drew to the album (WeChat's permission flow in utils/album.ts); nothing drawn, nothing saved. */
export async function saveCertificateOfPage(page: object): Promise<void> {
  const canvas = drawnCanvases.get(page);
  if (canvas) await saveDrawingToAlbum(canvas, '证书', 'certificate');
}
