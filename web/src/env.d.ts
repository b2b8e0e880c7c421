/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface ImportMetaEnv {
  /** `cloud` (CloudBase web SDK) or `local` (the local cloud's gateway, the default). */
  readonly VITE_WEIKE_MODE?: string;
  /** The CloudBase environment id, cloud mode only. */
  readonly VITE_WEIKE_ENV_ID?: string;
}
