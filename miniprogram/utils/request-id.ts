/**
 * An idempotency key for one user intent (a confirmed redemption, a check-in, a vote, an upload name):
 * generated once, sent again unchanged on every retry so the server answers the first result. Matches the
 * contracts' [A-Za-z0-9_-]{8,64}.
 */
export function newRequestId(): string {
  const random = () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(36)
      .padStart(7, '0');
  return `${Date.now().toString(36)}-${random()}${random()}`;
}
