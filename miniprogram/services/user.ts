/** 我的: the caller's own member profile. */
import type { ActionOutput } from '../../typings/api';
import { call } from './transport';

export type MyProfile = ActionOutput<'user', 'me'>;

export function getMyProfile(): Promise<MyProfile> {
  return call('user', 'me', {});
}
