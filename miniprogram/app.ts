/**
 * App entry. The cloud SDK is initialised only in cloud mode; local mode talks to the gateway instead.
 * At launch the caller's membership is checked once: a non-member or deactivated member sees only the
 * binding page (services/gate.ts); any later NOT_MEMBER answer is handled by the transport.
 */
import { config } from './config';
import { gateReasonOf, leaveForBinding } from './services/gate';
import { getMyProfile } from './services/user';

export async function checkMembership(): Promise<void> {
  try {
    const reason = gateReasonOf(await getMyProfile());
    if (reason) leaveForBinding(reason);
  } catch (error) {
    // Offline or a failing function: the pages show their own error states and retry buttons.
    console.warn('[app] membership check failed', error);
  }
}

App({
  onLaunch() {
    if (config.mode === 'cloud') {
      wx.cloud.init({ env: config.envId, traceUser: true });
    }
    void checkMembership();
  },
});
