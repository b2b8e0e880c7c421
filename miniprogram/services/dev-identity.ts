/**
 * The caller's identity in local mode only: the local gateway takes the openid from a header, so a developer
 * can act as any demo member. In cloud mode WeChat supplies the real OPENID and none of this is used.
 */
const STORAGE_KEY = 'weike.devOpenid';

export const DEFAULT_DEV_OPENID = 'demo-learner';

/** Quick picks of the dev identity switcher (我的 and the binding page); the demo data creates these identities (demo-visitor has no binding). */
export const DEV_IDENTITY_PICKS: readonly { openid: string; label: string }[] = [
  { openid: 'demo-admin', label: '管理员' },
  { openid: 'demo-trainer', label: '培训专员' },
  { openid: 'demo-reviewer', label: '审核员' },
  { openid: 'demo-judge', label: '评委' },
  { openid: 'demo-learner', label: '学员' },
  { openid: 'demo-visitor', label: '未绑定访客' },
];

export function getDevOpenid(): string {
  const stored: unknown = wx.getStorageSync(STORAGE_KEY);
  return typeof stored === 'string' && stored.trim() !== '' ? stored : DEFAULT_DEV_OPENID;
}

/** Stores the trimmed openid; returns it, or null when it is empty (nothing is stored then). */
export function setDevOpenid(openid: string): string | null {
  const trimmed = openid.trim();
  if (trimmed === '') return null;
  wx.setStorageSync(STORAGE_KEY, trimmed);
  return trimmed;
}
