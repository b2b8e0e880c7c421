/**
 * One-time subscribe messages (订阅消息): wx.requestSubscribeMessage shows WeChat's panel (only from a tap)
 * and answers, per template id, 'accept' | 'reject' | 'ban' | 'filter'. Only accepted ids become a
 * subscription; WeChat cannot tell how many remain, so the backend counts what the app reports.
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 */
export type SubscribeAnswer = { ok: true; accepted: string[] } | { ok: false; errMsg: string };

export function requestSubscriptions(templateIds: readonly string[]): Promise<SubscribeAnswer> {
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [...templateIds],
      success: (res) => {
        const answers = res as unknown as Record<string, string>;
        resolve({ ok: true, accepted: templateIds.filter((id) => answers[id] === 'accept') });
      },
      fail: (err) => resolve({ ok: false, errMsg: err.errMsg }),
    });
  });
}
