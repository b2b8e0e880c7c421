/**
 * Where the console's backend lives, fixed at build time. `local` (default): the local cloud that serves the
 * console, through its gateway on the same origin (emulator/gateway). `cloud`: CloudBase through
 * @cloudbase/js-sdk, in the environment `VITE_WEIKE_ENV_ID`.
 */
export type ConsoleMode = 'local' | 'cloud';

export const consoleConfig: { mode: ConsoleMode; envId: string } = {
  mode: import.meta.env.VITE_WEIKE_MODE === 'cloud' ? 'cloud' : 'local',
  envId: import.meta.env.VITE_WEIKE_ENV_ID ?? '',
};
