/** The department tree derived from roster paths. */
import type { Department } from './types';

export function departmentId(path: readonly string[]): string {
  return `dept:${path.join('/')}`;
}

/** The department at `path` and all its ancestors, root first. */
export function departmentChain(path: readonly string[]): Department[] {
  return path.map((name, index) => {
    const own = path.slice(0, index + 1);
    return { _id: departmentId(own), name, path: own, parentId: index === 0 ? null : departmentId(path.slice(0, index)) };
  });
}
