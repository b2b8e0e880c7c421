/**
 * How member texts are packed into msgSecCheck calls: at most 2,500 characters a call
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html),
 * as few calls as that allows, a long text cut with overlap so no word is lost at a cut, and a refusal of
 * any piece refusing the whole.
 */
import { checkTexts, MAX_TEXT_PER_CHECK, textChunks } from '../../../server/core/wechat';
import type { WxCloud } from '../../../server/core';
import { AppError } from '../../../server/core';
import { sleep } from '../../helpers/wait';

describe('textChunks', () => {
  it('packs short texts into one check, skipping empty and repeated ones', () => {
    expect(textChunks(['标题', '', null, undefined, '  ', '简介', '标题'])).toEqual(['标题\n简介']);
  });

  it('keeps every check within the limit and every stretch of a long text whole in some check', () => {
    const long = Array.from({ length: 7000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 500))).join('');
    const chunks = textChunks(['短文', long, '结尾']);
    expect(chunks.length).toBeLessThanOrEqual(4);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(MAX_TEXT_PER_CHECK);
    for (let at = 0; at + 20 <= long.length; at += 7) expect(chunks.some((chunk) => chunk.includes(long.slice(at, at + 20)))).toBe(true);
    expect(chunks.some((chunk) => chunk.includes('结尾'))).toBe(true);
  });
});

describe('checkTexts', () => {
  /** Stands in for wx-server-sdk's msgSecCheck: records each call, refuses content containing `blocked`. */
  function sdk(blocked: string) {
    const calls: { content: string; scene: number }[] = [];
    let inFlight = 0;
    let peak = 0;
    const cloud = {
      openapi: {
        security: {
          msgSecCheck: async ({ content, scene }: { content: string; scene: number }) => {
            calls.push({ content, scene });
            peak = Math.max(peak, (inFlight += 1));
            await sleep(5);
            inFlight -= 1;
            return { errCode: 0, result: { suggest: content.includes(blocked) ? 'risky' : 'pass' } };
          },
        },
      },
    } as unknown as WxCloud;
    return { cloud, calls, peak: () => peak };
  }

  it('asks nothing for nothing to check', async () => {
    const { cloud, calls } = sdk('x');
    await checkTexts(cloud, 'o-1', ['', null], 'forum');
    expect(calls).toEqual([]);
  });

  it('checks a long text in pieces with the scene asked for, a few at a time, and refuses when any piece is refused', async () => {
    const { cloud, calls, peak } = sdk('违禁词');
    const texts = Array.from({ length: 12 }, (_, i) => String(i).padEnd(2400, '文'));
    await checkTexts(cloud, 'o-1', texts, 'forum');
    expect(calls).toHaveLength(12);
    expect(new Set(calls.map((call) => call.scene))).toEqual(new Set([3]));
    expect(peak()).toBeLessThanOrEqual(4);
    await expect(checkTexts(cloud, 'o-1', [...texts, `${'好'.repeat(3000)}违禁词`], 'profile')).rejects.toEqual(new AppError('CONTENT_REJECTED'));
    expect(calls.at(-1)?.scene).toBe(1);
  });
});
