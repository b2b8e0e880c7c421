/** 我的 and 绑定: the caller's own member profile, and binding this WeChat user to an employee identity. */
import type { ActionInput, ActionOutput } from '../../typings/api';
import { call } from './transport';

export { phoneNumberCode, type PhoneNumberDetail } from './transport';

export type MyProfile = ActionOutput<'user', 'me'>;
export type BoundProfile = Extract<MyProfile, { bound: true }>;

export function getMyProfile(): Promise<MyProfile> {
  return call('user', 'me', {});
}

/** Binds with employee number plus name, as on the roster, and a phone-number token or an admin's bind code. */
export function bindEmployee(input: ActionInput<'user', 'bind'>): Promise<MyProfile> {
  return call('user', 'bind', input);
}

/** Binds with a one-time invitation code (partners and people outside the roster). */
export function redeemInvitation(code: string): Promise<MyProfile> {
  return call('user', 'redeemInvitation', { code });
}
