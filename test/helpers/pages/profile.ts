import { ok } from '../../miniprogram/wx-stub';
import { backend, okWith, type ActionRoute, type Routes } from '../backend';
import type { LearnerLevelView } from '../../../typings/functions/points';
import type { MeView } from '../../../typings/functions/user';

/** user.me of a bound member. */
export type BoundMe = Extract<MeView, { bound: true }>;

/** user.me of a bound, active member with no role beyond learner: tests spread it and change what they test. */
export const PROFILE: BoundMe = {
  bound: true,
  memberId: 'm1',
  employeeNo: 'E001',
  name: '王芳',
  departmentId: 'd1',
  departmentPath: ['总部'],
  jobLevel: 'individual',
  active: true,
  external: false,
  roles: [{ role: 'learner' }],
  audiences: ['individual'],
};

/** myLevel of a member below the first rung. */
export const NO_LEVEL: LearnerLevelView = { rank: 0, name: null, reachedAt: null, earnedTotal: 0, next: null, history: [] };

/**
 * What the 我的 page asks: user.me answered by `me` (PROFILE unless given); the level and the unread count as
 * for a member with neither, unless `routes` say otherwise.
 */
export function meBackend(me: ActionRoute<'user', 'me'> = () => ok(PROFILE), routes: Routes = {}): void {
  backend({ 'user.me': me, 'points.myLevel': okWith(NO_LEVEL), 'notification.unreadCount': okWith({ unread: 0 }), ...routes });
}
