/**
 * The signed-in member as the console knows them (from user.me, the same action the mini-program reads),
 * and the menus their roles open. The server decides every call; this only hides what would be refused.
 */
import { reactive } from 'vue';
import type { MeView } from '../../../typings/functions/user';
// Values from typings/roles.ts only: the contracts (typings/functions/*) would bring zod into the first page.
import { CONSOLE_ROLES, type Role } from '../../../typings/roles';
import { call, signOut as endBrowserSignIn } from './transport';

type BoundMe = Extract<MeView, { bound: true }>;

export const session = reactive<{ me: BoundMe | null }>({ me: null });

export function rolesOf(me: BoundMe | null): Role[] {
  return me ? [...new Set(me.roles.map((grant) => grant.role))] : [];
}

export function hasConsoleRole(me: BoundMe | null): boolean {
  return rolesOf(me).some((role) => (CONSOLE_ROLES as readonly Role[]).includes(role));
}

/** Loads the member once per page load; the transport returns to sign-in when the session has ended. */
export async function loadMe(): Promise<BoundMe | null> {
  if (session.me) return session.me;
  const me = await call('user', 'me', {});
  session.me = me.bound ? me : null;
  return session.me;
}

export async function signOut(): Promise<void> {
  try {
    await call('webConsole', 'signOut', {});
  } finally {
    session.me = null;
    await endBrowserSignIn();
  }
}
