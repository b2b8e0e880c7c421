/**
 * Sharing a page (分享) with a share token, and recording opens through one. Every shareable page (course,
 * series, campaign detail, contest entry, contest results) uses it the same way:
 *
 *   import { enterThroughShare, shareData, shareMethods } from '../../utils/share';
 *
 *   definePage({
 *     data: { ...shareData(), ...yourData },
 *     methods: {
 *       ...shareMethods,
 *       async onLoad(query: Record<string, string | undefined> = {}) {
 *         // First: records an open through `?token=` (a link or Moments) or a poster's `?scene=`. False when
 *         // the visitor is no member: they were sent to the 仅限员工 page, so load nothing.
 *         if (!(await enterThroughShare(query))) return;
 *         ...load the page...
 *       },
 *       show(detail) {
 *         // Once the page knows what it shows; until then WeChat shares the page as it is.
 *         this.setData({ shareTarget: { kind: 'course', id: detail.id, title: detail.title, imageUrl: detail.coverUrl ?? '' } });
 *       },
 *     },
 *   });
 *
 * and in the page's WXML the buttons (分享给同事, 生成海报, 分享排行 for campaigns and contests):
 *   <share-bar kind="course" target-id="{{courseId}}" />   (components/share-bar)
 *
 * A share to a chat asks the backend for a token (share.create) and sends the landing page with it
 * (pages/share/index?token=…). onShareAppMessage must answer at once, so it answers the target page without
 * a token and hands WeChat a `promise` for the tokened one: WeChat waits for it up to 3 s and uses the
 * answer given at once if it does not resolve in time
 * (https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#onShareAppMessage-Object-object).
 * onShareTimeline takes no promise and shares the current page with a query, so it carries the token of an
 * earlier Moments share of the same target (asked for in the background the first time); the first one goes
 * out without a token, and Moments opens run in single-page mode without a login anyway
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/share-timeline.html).
 */
import type { ShareTargetKind } from '../../typings/functions/share';
import { failureOf } from './failure';
import { createShare, openShare } from '../services/share';
import { newRequestId } from './request-id';
import { routePath, routeUrl } from './routes';

/** typings/functions/share.ts SHARE_LANDING_PAGE (the app cannot import runtime values from typings/; a test checks they agree). */
export const SHARE_LANDING_ROUTE = routePath('pages/share');
/** typings/functions/share.ts SHARE_TOKEN_PATTERN (a test checks they agree). */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{12}$/;

/** What a page shares: the target, and the title and picture of the card. */
export interface ShareTarget {
  kind: ShareTargetKind;
  id: string;
  title: string;
  /** A displayable image URL for the card ('' for WeChat's screenshot of the page). */
  imageUrl?: string;
}

/**
 * The page showing each kind of target and the query parameter naming it: the one place that knows where a
 * share leads (the landing page's redirect, fallback links and Moments queries).
 */
export const TARGET_PAGES: Record<ShareTargetKind, { route: string; param: string }> = {
  course: { route: routePath('packageCourse/course'), param: 'id' },
  series: { route: routePath('packageCourse/series'), param: 'id' },
  campaign: { route: routePath('packageCampaign/detail'), param: 'id' },
  contestEntry: { route: routePath('packageContest/entry'), param: 'entryId' },
  contestResults: { route: routePath('packageContest/results'), param: 'contestId' },
};

export function targetQuery(target: { kind: ShareTargetKind; id: string }): string {
  return `${TARGET_PAGES[target.kind].param}=${encodeURIComponent(target.id)}`;
}

/** The target's own page, e.g. /packageCourse/course/index?id=c1. */
export function targetUrl(target: { kind: ShareTargetKind; id: string }): string {
  return `/${TARGET_PAGES[target.kind].route}?${targetQuery(target)}`;
}

/** The poster page (packageShare) of a target. */
export function posterUrl(target: { kind: ShareTargetKind; id: string }): string {
  return routeUrl('packageShare/poster', { kind: target.kind, id: target.id });
}

/** The share leaderboard (分享排行) of a campaign or a contest. */
export function shareLeaderboardUrl(boardKind: 'campaign' | 'contest', boardId: string): string {
  return routeUrl('packageShare/leaderboard', { boardKind, boardId });
}

export function landingUrl(token: string): string {
  return routeUrl('pages/share', { token });
}

/**
 * The token a page was entered with: `token` (links, Moments) or the `scene` of a mini-program code, which
 * WeChat hands over URI-encoded (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
 * Anything that is not a well-formed token is ignored.
 */
export function shareTokenOf(query: Record<string, string | undefined>): string | null {
  let raw = query.token;
  if (raw === undefined && query.scene !== undefined) {
    try {
      raw = decodeURIComponent(query.scene);
    } catch {
      return null;
    }
  }
  return raw !== undefined && SHARE_TOKEN_PATTERN.test(raw) ? raw : null;
}

/**
 * Call first in onLoad of a shareable page. Without a token it resolves true at once. With one it records
 * the open (share.open: once per member, self-opens not counted) and resolves true for a member; a visitor
 * who is no member is relaunched to the landing page's 仅限员工 view and it resolves false. A failing open
 * never stops the page: its own load shows what is wrong.
 */
export async function enterThroughShare(query: Record<string, string | undefined>): Promise<boolean> {
  const token = shareTokenOf(query);
  if (token === null) return true;
  try {
    const opened = await openShare(token);
    if (opened.member) return true;
    wx.reLaunch({ url: landingUrl(token) });
    return false;
  } catch (error) {
    failureOf(error, 'share');
    return true;
  }
}

/** The page data the share methods read: set `shareTarget` once the page knows what it shows. */
export function shareData(): { shareTarget: ShareTarget | null } {
  return { shareTarget: null };
}

interface SharingPage {
  data: { shareTarget: ShareTarget | null };
}

type ShareAppMessageAnswer = WechatMiniprogram.Page.ICustomShareContent & {
  promise?: Promise<WechatMiniprogram.Page.ICustomShareContent>;
};

const targetKey = (target: ShareTarget): string => `${target.kind}:${target.id}`;

/** Moments tokens by target, kept for the app's life (onShareTimeline cannot wait for one). */
const timelineTokens = new Map<string, string>();
/** One request id per target for Moments, so every tokenless Moments share of it is one share. */
const timelineRequests = new Map<string, string>();

function cardOf(target: ShareTarget, path: string): WechatMiniprogram.Page.ICustomShareContent {
  return target.imageUrl ? { title: target.title, path, imageUrl: target.imageUrl } : { title: target.title, path };
}

function prepareTimelineToken(target: ShareTarget): void {
  const key = targetKey(target);
  let requestId = timelineRequests.get(key);
  if (!requestId) {
    requestId = newRequestId();
    timelineRequests.set(key, requestId);
  }
  createShare({ targetKind: target.kind, targetId: target.id, channel: 'timeline', requestId }).then(
    (created) => timelineTokens.set(key, created.token),
    (error: unknown) => failureOf(error, 'share'),
  );
}

/** Spread into a page's methods: its onShareAppMessage and onShareTimeline (see the comment at the top). */
export const shareMethods = {
  onShareAppMessage(this: SharingPage): ShareAppMessageAnswer {
    const target = this.data.shareTarget;
    // Not loaded yet: WeChat shares the page as it is.
    if (!target) return {};
    const fallback = cardOf(target, targetUrl(target));
    const tokened = createShare({ targetKind: target.kind, targetId: target.id, channel: 'chat', requestId: newRequestId() }).then(
      (created) => cardOf(target, `/${created.path}`),
      (error: unknown) => {
        failureOf(error, 'share');
        return fallback;
      },
    );
    return { ...fallback, promise: tokened };
  },
  onShareTimeline(this: SharingPage): WechatMiniprogram.Page.ICustomTimelineContent {
    const target = this.data.shareTarget;
    if (!target) return {};
    const token = timelineTokens.get(targetKey(target));
    if (!token) prepareTimelineToken(target);
    const query = token ? `${targetQuery(target)}&token=${encodeURIComponent(token)}` : targetQuery(target);
    return target.imageUrl ? { title: target.title, query, imageUrl: target.imageUrl } : { title: target.title, query };
  },
};
