/**
 * The console's menu: one entry per screen that declares a menu position (web/src/screens.ts), with the
 * roles that may open it (the same roles the server's actions allow). A member sees only what their roles open.
 */
import type { Role } from '../../typings/roles';
import { SCREENS } from './screens';

export interface MenuEntry {
  name: string;
  title: string;
  /** Any one suffices; absent means every console member. */
  roles?: readonly Role[];
}

export const MENU: readonly MenuEntry[] = SCREENS.filter((screen) => screen.menu)
  .sort((a, b) => (a.menu?.order ?? 0) - (b.menu?.order ?? 0))
  .map(({ name, title, roles }) => (roles ? { name, title, roles } : { name, title }));

export function allows(roles: readonly Role[] | undefined, held: readonly Role[]): boolean {
  return !roles || roles.some((role) => held.includes(role));
}

export function menuFor(held: readonly Role[]): MenuEntry[] {
  return MENU.filter((entry) => allows(entry.roles, held));
}
