/**
 * Function `webConsole`: signing the browser console (管理后台) in by scanning with WeChat, the member's
 * console sessions (登录设备), and the console's home screen. Everything else the console shows comes from
 * the same functions and actions the mini-program calls.
 *
 * Sign-in: the browser (signed in to CloudBase anonymously) asks for a login request and shows its
 * mini-program code; the member scans it and confirms in the mini-program; the browser then collects a
 * custom-login ticket for a new console session and signs in with it (server/webConsole/actions.ts).
 */
import * as z from 'zod/mini';
import { contract } from '../contract';
import { requiredText } from '../schema';
import type { Role } from '../roles';

/** A login request's id: the mini-program code's scene (wxacode.getUnlimited allows 32 visible characters). */
export const loginId = z.string().check(z.regex(/^[A-Za-z0-9]{24}$/, '登录码无效'));
/** A console session's id, which is also the CloudBase custom-login user id (4–32 characters). */
export const consoleSessionId = z.string().check(z.regex(/^cs[A-Za-z0-9]{22}$/, '登录设备无效'));

export const CONSOLE_LIMITS = {
  /** The browser's own description of itself (from its user agent), shown to the member who scans. */
  browser: 120,
  /** A login request is good for 2 minutes and for one sign-in. */
  loginRequestSeconds: 120,
  /** A console session ends after 8 hours without a call. */
  sessionIdleHours: 8,
  /**
   * Login requests per address (or per browser where the address is unknown) in a 10-minute window: a code
   * lives 2 minutes, so a page left open asks about 5 times; an office behind one address has room for many.
   */
  loginRequestsPerWindow: 60,
  loginRequestWindowMinutes: 10,
} as const;

export { CONSOLE_ROLES } from '../roles';

export const LOGIN_STATUSES = ['pending', 'confirmed', 'cancelled', 'expired', 'used'] as const;
export type LoginStatus = (typeof LOGIN_STATUSES)[number];

export interface LoginRequestView {
  loginId: string;
  expiresAt: string;
  /** The mini-program code to scan, as a `data:image/png;base64,` URL. */
  code: string;
  /** The mini-program page and scene the code opens (for the local cloud's one-click sign-in and tests). */
  page: string;
}

export type LoginStatusView = { status: Exclude<LoginStatus, 'confirmed'> } | { status: 'confirmed'; ticket: string };

/** What the member sees before confirming: which browser asks, from where, and when. */
export interface LoginRequestDetail {
  loginId: string;
  browser: string;
  ip: string;
  requestedAt: string;
  expiresAt: string;
  status: LoginStatus;
}

export interface ConsoleSessionView {
  sessionId: string;
  browser: string;
  ip: string;
  signedInAt: string;
  lastSeenAt: string;
  /** This list is being read from that very session (the console's own 登录设备). */
  current: boolean;
}

/** What the console's home counts for the caller. */
export const ATTENTION_KEYS = ['reviews', 'signUps', 'orders', 'judging', 'overdue'] as const;
export type AttentionKey = (typeof ATTENTION_KEYS)[number];

/** One item of 待办: a count narrowed to the caller's scope (the console links each key to its list). */
export interface AttentionItem {
  key: AttentionKey;
  label: string;
  count: number;
}

export interface OverdueByDepartment {
  departmentId: string;
  /** The department's path (华东分公司 / 销售部): branches have departments of the same name. */
  departmentName: string;
  overdue: number;
}

export interface ConsoleHome {
  name: string;
  roles: Role[];
  attention: AttentionItem[];
  overdueByDepartment: OverdueByDepartment[];
}

export const webConsoleContracts = {
  /** Browser, before sign-in: a new login request and its mini-program code. */
  requestLogin: contract<LoginRequestView>()(z.strictObject({ browser: requiredText(CONSOLE_LIMITS.browser) })),
  /** Browser, polling: the request's state; once confirmed, the ticket (handed out once). */
  loginStatus: contract<LoginStatusView>()(z.strictObject({ loginId })),
  /** Mini-program, after the scan: what asks to sign in. */
  loginDetail: contract<LoginRequestDetail>()(z.strictObject({ loginId })),
  /** Mini-program: 确认登录. */
  confirmLogin: contract<{ confirmed: true }>()(z.strictObject({ loginId })),
  /** Mini-program: 取消. */
  cancelLogin: contract<{ cancelled: true }>()(z.strictObject({ loginId })),
  /** Mini-program 我的 → 登录设备, or the console: the caller's open console sessions. */
  sessions: contract<ConsoleSessionView[]>()(z.strictObject({})),
  /** Ends one of the caller's console sessions. */
  endSession: contract<{ ended: true }>()(z.strictObject({ sessionId: consoleSessionId })),
  /** The console's 退出登录: ends the session it is called from. */
  signOut: contract<{ ended: true }>()(z.strictObject({})),
  /** The console's home: what needs attention, in the caller's scope. */
  home: contract<ConsoleHome>()(z.strictObject({})),
};
