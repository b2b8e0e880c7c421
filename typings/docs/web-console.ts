/** The web console's sign-in documents (管理后台登录): login requests by scan and signed-in consoles. */
import type { LoginStatus } from '../functions/web-console';

/** One signed-in console (登录设备), `_id` = the CloudBase custom user id it signed in with. */
export interface ConsoleSessionDoc {
  _id: string;
  memberId: string;
  /** The WeChat identity that confirmed; the caller acts as that member's binding. */
  openid: string;
  browser: string;
  ip: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  endedReason: 'signedOut' | 'endedFromPhone' | 'idle' | 'unbound' | 'deactivated' | null;
}

export interface ConsoleLoginDoc {
  _id: string;
  /** The CloudBase uid of the browser that asked: only it may collect the ticket. */
  browserUid: string;
  browser: string;
  ip: string;
  createdAt: Date;
  expiresAt: Date;
  status: Exclude<LoginStatus, 'expired'>;
  memberId: string | null;
  sessionId: string | null;
}
