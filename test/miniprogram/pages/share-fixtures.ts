/** Contract-shaped answers of the share and report functions, and a backend that answers only them. */
import type { BackendAnswer, BackendCall } from '../wx-stub';
import { ok } from '../wx-stub';
import { wxStub } from '../harness';

export const TOKEN = 'Tok3n_abc-12';

export type Handlers = Record<string, (call: BackendCall) => BackendAnswer>;

/** Answers `<fn>.<action>` from `handlers` keyed `fn.action`; any other call fails the test. */
export function backendOf(handlers: Handlers): void {
  wxStub().handler = (call) => {
    const key = `${call.name}.${String(call.event.action)}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`unexpected call ${key}`);
    return handler(call);
  };
}

export const answer = <T>(data: T) => () => ok(data);

/** The events sent to `fn.action`, in order. */
export const eventsOf = (key: string): Record<string, unknown>[] =>
  wxStub()
    .calls.filter((call) => `${call.name}.${String(call.event.action)}` === key)
    .map((call) => call.event);
