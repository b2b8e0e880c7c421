/** The web console's sign-in by scan (扫码登录) and the member's console sessions (登录设备), function `webConsole`. */
import type { ActionOutput } from '../../typings/api';
import { call } from './transport';

export type LoginRequestDetail = ActionOutput<'webConsole', 'loginDetail'>;
export type ConsoleSession = ActionOutput<'webConsole', 'sessions'>[number];

export const loginDetail = (loginId: string): Promise<LoginRequestDetail> => call('webConsole', 'loginDetail', { loginId });
export const confirmLogin = (loginId: string): Promise<{ confirmed: true }> => call('webConsole', 'confirmLogin', { loginId });
export const cancelLogin = (loginId: string): Promise<{ cancelled: true }> => call('webConsole', 'cancelLogin', { loginId });
export const consoleSessions = (): Promise<ConsoleSession[]> => call('webConsole', 'sessions', {});
export const endConsoleSession = (sessionId: string): Promise<{ ended: true }> => call('webConsole', 'endSession', { sessionId });
