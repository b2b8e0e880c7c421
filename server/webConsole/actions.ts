/**
 * Function `webConsole`: the browser console's sign-in by scan and the member's console sessions
 * (./sign-in.ts). Browser-side actions (`'browser'` access) accept only a browser signed in to CloudBase;
 * the confirmation and the session list are the mini-program's, as a member.
 */
import { webConsoleContracts } from '../../typings/functions/web-console';
import { AppError, defineAction, defineFunction } from '../core';
import { CONSOLE_ROLES } from '../../typings/functions/web-console';
import { consoleHome } from './home';
import { cancelLogin, confirmLogin, endOwnSession, listSessions, loginDetail, loginStatus, requestLogin } from './sign-in';

const requestLoginAction = defineAction({
  ...webConsoleContracts.requestLogin,
  roles: 'browser',
  handler: ({ input, caller, db, cloud, now }) => requestLogin(db, cloud, caller.browser as { uid: string; ip: string | null }, input.browser, now()),
});

const loginStatusAction = defineAction({
  ...webConsoleContracts.loginStatus,
  roles: 'browser',
  handler: ({ input, caller, db, now }) => loginStatus(db, (caller.browser as { uid: string }).uid, input.loginId, now()),
});

const loginDetailAction = defineAction({
  ...webConsoleContracts.loginDetail,
  roles: ['learner'],
  handler: ({ input, db, now }) => loginDetail(db, input.loginId, now()),
});

const confirmLoginAction = defineAction({
  ...webConsoleContracts.confirmLogin,
  roles: ['learner'],
  handler: ({ input, caller, db, now }) => {
    // A console cannot approve another console: only the phone that scanned confirms.
    if (caller.consoleSessionId) throw new AppError('FORBIDDEN', '请在微信中扫码确认登录');
    return confirmLogin(db, caller.member, caller.openid, input.loginId, now());
  },
});

const cancelLoginAction = defineAction({
  ...webConsoleContracts.cancelLogin,
  roles: ['learner'],
  handler: ({ input, db, now }) => cancelLogin(db, input.loginId, now()),
});

const sessionsAction = defineAction({
  ...webConsoleContracts.sessions,
  roles: ['learner'],
  handler: ({ caller, db, now }) => listSessions(db, caller.member._id, caller.consoleSessionId, now()),
});

const endSessionAction = defineAction({
  ...webConsoleContracts.endSession,
  roles: ['learner'],
  handler: ({ input, caller, db, now }) =>
    endOwnSession(db, caller.member._id, input.sessionId, caller.consoleSessionId === input.sessionId ? 'signedOut' : 'endedFromPhone', now()),
});

const signOutAction = defineAction({
  ...webConsoleContracts.signOut,
  roles: ['learner'],
  handler: ({ caller, db, now }) => {
    if (!caller.consoleSessionId) throw new AppError('NOT_FOUND', '当前不是管理后台的登录');
    return endOwnSession(db, caller.member._id, caller.consoleSessionId, 'signedOut', now());
  },
});

const homeAction = defineAction({
  ...webConsoleContracts.home,
  roles: CONSOLE_ROLES,
  handler: ({ caller, db, now }) => consoleHome(db, caller.member, now()),
});

export const webConsoleFunction = defineFunction({
  name: 'webConsole',
  actions: {
    requestLogin: requestLoginAction,
    loginStatus: loginStatusAction,
    loginDetail: loginDetailAction,
    confirmLogin: confirmLoginAction,
    cancelLogin: cancelLoginAction,
    sessions: sessionsAction,
    endSession: endSessionAction,
    signOut: signOutAction,
    home: homeAction,
  },
});
