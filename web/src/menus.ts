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

/**
 * The menu entry a screen lights: its own, else the entry whose path is the longest whole-segment prefix of
 * the screen's (courses/:courseId/edit → 课程目录, members/:memberId/record → 成员管理), so a detail screen
 * still shows its area. Home ('') prefixes everything and is the last resort.
 */
export function menuNameOf(screenName: string): string {
  const screen = SCREENS.find((candidate) => candidate.name === screenName);
  if (!screen || screen.menu) return screenName;
  const owners = SCREENS.filter((candidate) => candidate.menu && (candidate.path === '' || `${screen.path}/`.startsWith(`${candidate.path}/`)));
  return owners.sort((a, b) => b.path.length - a.path.length)[0]?.name ?? screenName;
}
