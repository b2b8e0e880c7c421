/**
 * App entry. The cloud SDK is initialised only in cloud mode; local mode talks to the gateway instead.
 * At launch the caller's membership is checked once: a non-member or deactivated member sees only the
 * binding page (services/gate.ts); any later NOT_MEMBER answer is handled by the transport. A launch through
 * a share is left to the shared page (see launchedThroughShare).
 */
import { config } from './config';
import { gateReasonOf, leaveForBinding } from './services/gate';
import { getMyProfile } from './services/user';
import { SHARE_LANDING_ROUTE, shareTokenOf } from './utils/share';

export async function checkMembership(): Promise<void> {
  try {
    const reason = gateReasonOf(await getMyProfile());
    if (reason) leaveForBinding(reason);
  } catch (error) {
    // Offline or a failing function: the pages show their own error states and retry buttons.
    console.warn('[app] membership check failed', error);
  }
}

/**
 * Opened through a share (the landing page, or a shared page with a token), the page itself records the
 * open and shows an outsider the 仅限员工 page (utils/share.ts); the launch gate would replace that with the
 * binding page before the open is answered.
 */
export function launchedThroughShare(options: { path?: string; query?: Record<string, string | undefined> } | undefined): boolean {
  return options?.path === SHARE_LANDING_ROUTE || shareTokenOf(options?.query ?? {}) !== null;
}

App({
  onLaunch(options?: WechatMiniprogram.App.LaunchShowOption) {
    if (config.mode === 'cloud') {
      wx.cloud.init({ env: config.envId, traceUser: true });
    }
    if (!launchedThroughShare(options)) void checkMembership();
  },
});
