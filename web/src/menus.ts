/**
 * The console's menu: one entry per screen that exists, with the roles that may open it (the same roles the
 * server's actions allow). A member sees only the entries their roles open.
 */
import type { Role } from '../../typings/roles';

export interface MenuEntry {
  name: string;
  title: string;
  /** Any one suffices; absent means every console member. */
  roles?: readonly Role[];
}

export const MENU: readonly MenuEntry[] = [
  { name: 'home', title: '首页' },
  { name: 'members', title: '成员管理', roles: ['admin'] },
];

export function allows(roles: readonly Role[] | undefined, held: readonly Role[]): boolean {
  return !roles || roles.some((role) => held.includes(role));
}

export function menuFor(held: readonly Role[]): MenuEntry[] {
  return MENU.filter((entry) => allows(entry.roles, held));
}
