/** Binding documents of the user area: the failed-attempt counters that throttle binding and invitation codes. */

/** What a failure counter counts: per WeChat user, per employee number, or teammates a member could not invite. */
export const THROTTLE_KINDS = ['openid', 'employee', 'teammate'] as const;
export type ThrottleKind = (typeof THROTTLE_KINDS)[number];

/** Collection `bindAttempts`: failures of one kind and subject within one time window. */
export interface AttemptDoc {
  _id: string;
  kind: ThrottleKind;
  subject: string;
  windowStart: Date;
  failures: number;
  /** When the counter no longer matters; kept for cleanup. */
  expiresAt: Date;
}
