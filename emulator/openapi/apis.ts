/**
 * The WeChat open APIs the product uses, with WeChat's documented argument checks and errcodes. Each
 * takes the decoded (snake_case) arguments and answers a WeChat-style JSON body or a binary image.
 */
import QRCode, { type QRCodeToBufferOptions } from 'qrcode';
import { createHash } from 'node:crypto';

export type Args = Record<string, unknown>;
export type ApiAnswer = { json: Record<string, unknown> } | { binary: Buffer; contentType: string };

export interface OutboxMessage {
  id: string;
  sentAt: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  lang: string;
}

export interface BlockList {
  /** A text containing any of these (case-insensitive) is risky. */
  text: string[];
  /** Images whose SHA-256 (hex) is listed are risky. */
  imageSha256: string[];
}

const ok = (extra: Record<string, unknown> = {}): ApiAnswer => ({ json: { errcode: 0, errmsg: 'ok', ...extra } });
const fail = (errcode: number, errmsg: string): ApiAnswer => ({ json: { errcode, errmsg } });

/**
 * subscribeMessage.send (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html):
 * touser, template_id and data are required; each data entry is `{ value }`; miniprogram_state is one of
 * developer / trial / formal (default formal); lang one of zh_CN / en_US / zh_HK / zh_TW (default zh_CN).
 * Errcodes: 40003 invalid openid, 40037 invalid template id, 47003 argument invalid.
 */
export function checkSubscribeMessage(args: Args): { error: ApiAnswer } | { message: Omit<OutboxMessage, 'id' | 'sentAt'> } {
  const { touser, template_id: templateId, page, data } = args;
  const state = args.miniprogram_state ?? 'formal';
  const lang = args.lang ?? 'zh_CN';
  if (typeof touser !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(touser)) return { error: fail(40003, 'invalid openid') };
  if (typeof templateId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(templateId)) return { error: fail(40037, 'invalid template id') };
  if (page !== undefined && (typeof page !== 'string' || page.length > 1024)) return { error: fail(47003, 'argument invalid! page invalid') };
  if (typeof state !== 'string' || !['developer', 'trial', 'formal'].includes(state))
    return { error: fail(47003, 'argument invalid! miniprogram_state invalid') };
  if (typeof lang !== 'string' || !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(lang)) return { error: fail(47003, 'argument invalid! lang invalid') };
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length === 0) {
    return { error: fail(47003, 'argument invalid! data is empty') };
  }
  const clean: Record<string, { value: string }> = {};
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const value = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).value : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return { error: fail(47003, `argument invalid! data.${key}.value is empty`) };
    if (String(value).length === 0) return { error: fail(47003, `argument invalid! data.${key}.value is empty`) };
    clean[key] = { value: String(value) };
  }
  return { message: { touser, templateId, page: page as string | undefined, data: clean, miniprogramState: state, lang } };
}

/** What the local mini-program code encodes: the page and the scene, readable by any QR scanner. */
export function wxacodeText(page: string, scene: string): string {
  return `weike-wxacode:${page}?scene=${encodeURIComponent(scene)}`;
}

function hexColor(color: unknown): string {
  const rgb = (typeof color === 'object' && color !== null ? color : {}) as Record<string, unknown>;
  const channel = (v: unknown) =>
    Math.max(0, Math.min(255, Number(v) || 0))
      .toString(16)
      .padStart(2, '0');
  return `#${channel(rgb.r)}${channel(rgb.g)}${channel(rgb.b)}ff`;
}

/**
 * How the local codes are written as PNG: every row with the "Up" filter. pngjs's default tries all five
 * filters on every row and keeps the best, which made a 430 px code cost about 25 ms of CPU (a crowd of
 * console sign-ins spent most of its time there); with Up a code costs about 6 ms, and since a QR code's
 * rows repeat within each module the file stays small (about 11 KB instead of 4 KB). Same pixels either way.
 * The options go to pngjs (qrcode's typings list only its deflate ones); a fresh object each time, as pngjs
 * writes into it.
 */
export function wxacodePngRenderer(): QRCodeToBufferOptions['rendererOpts'] {
  return { filterType: 2 } as QRCodeToBufferOptions['rendererOpts'];
}

/**
 * wxacode.getUnlimited (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html):
 * scene is required, at most 32 visible characters; width 280–1280 px, default 430; answers the image
 * (image/png). Locally the code is a standard QR code carrying page and scene (the real one is WeChat's
 * round code, which only WeChat can draw).
 */
export async function wxacodeGetUnlimited(args: Args): Promise<ApiAnswer> {
  const { scene } = args;
  const page = args.page ?? 'pages/index/index';
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32 || !/^[\x21-\x7e]+$/.test(scene)) {
    return fail(40169, 'invalid length for scene, or the data is not json string');
  }
  if (typeof page !== 'string' || page.startsWith('/') || page.length > 256) return fail(41030, 'invalid page');
  const width = args.width === undefined ? 430 : Number(args.width);
  if (!Number.isFinite(width)) return fail(47003, 'argument invalid! width invalid');
  const binary = await QRCode.toBuffer(wxacodeText(page, scene), {
    type: 'png',
    width: Math.max(280, Math.min(1280, Math.round(width))),
    margin: 2,
    rendererOpts: wxacodePngRenderer(),
    color: { dark: args.line_color ? hexColor(args.line_color) : '#000000ff', light: args.is_hyaline === true ? '#00000000' : '#ffffffff' },
  });
  return { binary, contentType: 'image/png' };
}

function textHit(content: string, blockList: BlockList): string | undefined {
  const lower = content.toLowerCase();
  return blockList.text.find((word) => word && lower.includes(word.toLowerCase()));
}

/**
 * security.msgSecCheck (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html).
 * v1 `{ content }`: errcode 0, or 87014 "risky content". v2 `{ content, version: 2, scene, openid }`:
 * errcode 0 with `result.suggest` pass / risky and `result.label` (100 normal; we report 21000 "other"
 * for a block-list hit), plus `detail` and `trace_id`.
 */
export function msgSecCheck(args: Args, blockList: BlockList, traceId: string): ApiAnswer {
  const { content } = args;
  if (typeof content !== 'string' || content.length === 0) return fail(47003, 'argument invalid! content is empty');
  if (content.length > 2500) return fail(47003, 'argument invalid! content is too long');
  const hit = textHit(content, blockList);
  if (Number(args.version) !== 2) return hit ? fail(87014, 'risky content') : ok();
  if (typeof args.openid !== 'string' || !args.openid) return fail(40003, 'invalid openid');
  const scene = Number(args.scene);
  if (![1, 2, 3, 4].includes(scene)) return fail(47003, 'argument invalid! scene invalid');
  const suggest = hit ? 'risky' : 'pass';
  const label = hit ? 21000 : 100;
  return ok({
    result: { suggest, label },
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0, ...(hit ? { keyword: hit } : {}) }],
    trace_id: traceId,
  });
}

/**
 * security.imgSecCheck (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/imgSecCheck.html):
 * the image travels as the `media` form part; errcode 0, or 87014 "risky content".
 */
export function imgSecCheck(media: Buffer | undefined, blockList: BlockList): ApiAnswer {
  if (!media || media.length === 0) return fail(47003, 'argument invalid! media is empty');
  const digest = createHash('sha256').update(media).digest('hex');
  return blockList.imageSha256.some((hash) => hash.toLowerCase() === digest) ? fail(87014, 'risky content') : ok();
}

/** A mediaCheckAsync request as checked: what to fetch, and for whom the result is pushed. */
export interface MediaCheckRequest {
  mediaUrl: string;
  mediaType: 1 | 2;
  openid: string;
  scene: number;
}

/**
 * security.mediaCheckAsync v2 (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html):
 * media_url (an image or audio file reachable by WeChat, at most 10 MB), media_type 1 audio / 2 image,
 * version 2, openid, scene 1–4. Answers errcode 0 with a trace_id; the verdict comes later as the
 * `wxa_media_check` event. Videos are not accepted (media_type has no video value).
 */
export function checkMediaCheckAsync(args: Args): { error: ApiAnswer } | { request: MediaCheckRequest } {
  const { media_url: mediaUrl, openid } = args;
  if (typeof mediaUrl !== 'string' || !/^https?:\/\/\S+$/.test(mediaUrl) || mediaUrl.length > 2048)
    return { error: fail(47003, 'argument invalid! media_url invalid') };
  const mediaType = Number(args.media_type);
  if (mediaType !== 1 && mediaType !== 2) return { error: fail(47003, 'argument invalid! media_type invalid') };
  if (Number(args.version) !== 2) return { error: fail(47003, 'argument invalid! version invalid') };
  // As msgSecCheck v2 here: any non-empty openid (WeChat also wants a user seen in the last two hours).
  if (typeof openid !== 'string' || !/^\S{1,128}$/.test(openid)) return { error: fail(40003, 'invalid openid') };
  const scene = Number(args.scene);
  if (![1, 2, 3, 4].includes(scene)) return { error: fail(47003, 'argument invalid! scene invalid') };
  return { request: { mediaUrl, mediaType, openid, scene } };
}

/** The verdict for fetched media bytes: risky when the block list names their SHA-256. */
export function mediaVerdict(media: Buffer, blockList: BlockList): { suggest: 'pass' | 'risky'; label: number } {
  const digest = createHash('sha256').update(media).digest('hex');
  const risky = blockList.imageSha256.some((hash) => hash.toLowerCase() === digest);
  return risky ? { suggest: 'risky', label: 20002 } : { suggest: 'pass', label: 100 };
}
