/**
 * Where the app's backend lives. `local`: the local cloud's HTTP gateway (npm start), with a dev identity
 * chosen on the 我的 page; `cloud`: wx.cloud.callFunction against the CloudBase environment `envId`.
 * Switching needs no change anywhere else: pages only talk to services/, and services/transport.ts reads this.
 */
export type TransportMode = 'local' | 'cloud';

export interface AppConfig {
  mode: TransportMode;
  /** CloudBase environment id, used in cloud mode only. */
  envId: string;
  /** Base URL of the local cloud (its gateway serves POST /gateway/callFunction). */
  gatewayUrl: string;
}

export const config: AppConfig = {
  mode: 'local',
  envId: '',
  gatewayUrl: 'http://127.0.0.1:8787',
};
