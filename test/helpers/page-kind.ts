/**
 * Builds a page kind (utils/loaded-page.ts, utils/form-page.ts) without rendering: `Component` is caught, and
 * the page is a plain host with `data`, `setData` (paths such as `form.name` included) and the methods.
 */
export interface Host {
  data: Record<string, any>;
  setData(patch: Record<string, unknown>): void;
  [method: string]: any;
}

function assignPath(target: Record<string, any>, key: string, value: unknown): void {
  const parts = key.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    at[part] = { ...(at[part] ?? {}) };
    at = at[part];
  }
  at[parts[parts.length - 1]!] = value;
}

/** Runs `define` (which calls Component once) and returns a fresh page instance of what it defined. */
export function instantiate(define: () => void): Host {
  const globals = globalThis as unknown as { Component?: unknown };
  const previous = globals.Component;
  let options: { data: Record<string, unknown>; methods: Record<string, (...args: unknown[]) => unknown> } | undefined;
  globals.Component = (given: typeof options) => {
    options = given;
  };
  try {
    define();
  } finally {
    globals.Component = previous;
  }
  if (!options) throw new Error('the page kind did not call Component');
  const host: Host = {
    data: JSON.parse(JSON.stringify(options.data)) as Record<string, any>,
    setData(patch) {
      for (const [key, value] of Object.entries(patch)) assignPath(host.data, key, value);
    },
  };
  for (const [name, method] of Object.entries(options.methods)) host[name] = method.bind(host);
  return host;
}

/** A field event as TDesign's t-input (and a native input) sends it, from an element with data-field. */
export const fieldEvent = (field: string, value: unknown) => ({ currentTarget: { dataset: { field } }, detail: { value } });
