/** App entry. The cloud SDK is initialised only in cloud mode; local mode talks to the gateway instead. */
import { config } from './config';

App({
  onLaunch() {
    if (config.mode === 'cloud') {
      wx.cloud.init({ env: config.envId, traceUser: true });
    }
  },
});
