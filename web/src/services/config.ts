/**
 * Where the console's backend lives, read at start from index.html's runtime configuration
 * (typings/console-config.ts): the build's default is `local` (the local cloud that serves the console, through
 * its gateway on the same origin, emulator/gateway); a deploy writes `cloud` (CloudBase through
 * @cloudbase/js-sdk, in the deployed environment) into the copy it uploads to static website hosting.
 */
import { CONSOLE_CONFIG_ELEMENT, parseConsoleConfig, type ConsoleRuntimeConfig } from '../../../typings/console-config';

export type ConsoleMode = ConsoleRuntimeConfig['mode'];

export const consoleConfig: ConsoleRuntimeConfig = parseConsoleConfig(document.getElementById(CONSOLE_CONFIG_ELEMENT)?.textContent);

/** Where the local cloud's gateway routes are (`/gateway/...`): same origin unless the configuration names one. */
export const gatewayBase = consoleConfig.gateway?.replace(/\/+$/, '') ?? '';
