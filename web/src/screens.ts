/**
 * Every console screen, collected from `areas/*.ts`: one file per area (home, members, courses, …) declares
 * its screens, so adding an area means adding a file, not editing a shared list. The router and the menu are
 * both built from this one list, so a screen's roles are written once.
 */
import type { Component } from 'vue';
import type { Role } from '../../typings/roles';

export interface Screen {
  /** Route name, unique across the console. */
  name: string;
  /** Path under the console's base, without the leading slash ('' is the home page). */
  path: string;
  title: string;
  /** Any one suffices; absent means every console member. The server checks the same roles. */
  roles?: readonly Role[];
  component: () => Promise<Component | { default: Component }>;
  /** Screens in the menu carry their position; detail screens (reached from a list) leave it out. */
  menu?: { order: number };
}

const modules = import.meta.glob<{ screens: readonly Screen[] }>('./areas/*.ts', { eager: true });

export const SCREENS: readonly Screen[] = Object.values(modules).flatMap((module) => module.screens);
