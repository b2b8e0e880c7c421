/**
 * The web console's runtime configuration: where its backend is. The build leaves a default (the local cloud
 * serving the console on its own origin) in index.html; a deploy writes the environment's values into the
 * copy it uploads to static website hosting (scripts/deploy/hosting.ts), so one build serves any environment.
 * It travels as a JSON script element, read once at start (web/src/services/config.ts); it holds no secret:
 * the custom-login key stays in the functions' environment.
 */
/** `cloud`: CloudBase through @cloudbase/js-sdk; `local`: the local cloud's gateway. */
export const CONSOLE_MODES = ['local', 'cloud'] as const;
export type ConsoleMode = (typeof CONSOLE_MODES)[number];

export interface ConsoleRuntimeConfig {
  mode: ConsoleMode;
  /** The CloudBase environment id. */
  envId: string;
  /** The environment's region, for @cloudbase/js-sdk's init (cloud mode). */
  region?: string;
  /** Local mode: the local cloud's address when the console is hosted on another origin; same origin when absent. */
  gateway?: string;
}

/** The id of the `<script type="application/json">` element holding the configuration in index.html. */
export const CONSOLE_CONFIG_ELEMENT = 'weike-config';

export const DEFAULT_CONSOLE_CONFIG: ConsoleRuntimeConfig = { mode: 'local', envId: 'local' };

const ELEMENT = new RegExp(`(<script id="${CONSOLE_CONFIG_ELEMENT}" type="application/json">)([\\s\\S]*?)(</script>)`);

/** `html` (the built index.html) with `config` as its runtime configuration; throws when it has no such element. */
export function withConsoleConfig(html: string, config: ConsoleRuntimeConfig): string {
  if (!ELEMENT.test(html)) throw new Error(`index.html has no <script id="${CONSOLE_CONFIG_ELEMENT}" type="application/json"> element`);
  // `<` escaped, so no value can close the script element.
  return html.replace(ELEMENT, (_m, open: string, _old: string, close: string) => `${open}${JSON.stringify(config).replace(/</g, '\\u003c')}${close}`);
}

/** The configuration in the element's text; the default when it is missing or unreadable. */
export function parseConsoleConfig(text: string | null | undefined): ConsoleRuntimeConfig {
  try {
    const value = JSON.parse(text ?? '') as Partial<ConsoleRuntimeConfig>;
    if (value && (value.mode === 'local' || value.mode === 'cloud') && typeof value.envId === 'string') {
      return {
        mode: value.mode,
        envId: value.envId,
        ...(typeof value.region === 'string' ? { region: value.region } : {}),
        ...(typeof value.gateway === 'string' ? { gateway: value.gateway } : {}),
      };
    }
  } catch {
    /* the default below */
  }
  return DEFAULT_CONSOLE_CONFIG;
}
