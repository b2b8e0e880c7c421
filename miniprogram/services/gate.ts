/**
 * The membership gate on the app side: a non-member, or a member whose identity was deactivated, sees only the
 * binding page. The server refuses them content anyway (NOT_MEMBER / MEMBER_INACTIVE); this decides where the
 * app goes when it hears so – from the transport (any call) or from user.me at launch.
 */
import type { ErrorCode } from '../../typings/errors';
import type { MeView } from '../../typings/functions/user';
import { routePath, routeUrl } from '../utils/routes';

export const BIND_PAGE_ROUTE = routePath('pages/bind');
/** Where a member lands after binding: the 学习 tab. */
export const HOME_TAB_URL = routeUrl('pages/learn');

export type GateReason = 'not-member' | 'inactive';

export function bindPageUrl(reason: GateReason): string {
  return routeUrl('pages/bind', { reason });
}

/** Why the caller must stay on the binding page, or null for an active member. */
export function gateReasonOf(profile: MeView): GateReason | null {
  if (!profile.bound) return 'not-member';
  return profile.active ? null : 'inactive';
}

export function gateReasonOfCode(code: string): GateReason | null {
  const byCode: Partial<Record<ErrorCode, GateReason>> = { NOT_MEMBER: 'not-member', MEMBER_INACTIVE: 'inactive' };
  return byCode[code as ErrorCode] ?? null;
}

// Several pages can hear NOT_MEMBER at once (every tab loads at launch): relaunch once.
let leaving = false;

function onBindPage(): boolean {
  const pages = getCurrentPages();
  return pages.length > 0 && pages[pages.length - 1].route === BIND_PAGE_ROUTE;
}

/** Makes the binding page the only page (reLaunch closes every page that might still show content). */
export function leaveForBinding(reason: GateReason): void {
  // The binding page itself handles these answers; relaunching it again would loop.
  if (leaving || onBindPage()) return;
  leaving = true;
  wx.reLaunch({
    url: bindPageUrl(reason),
    complete: () => {
      leaving = false;
    },
  });
}
