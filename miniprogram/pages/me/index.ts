/**
 * 我的 tab: who I am (the member profile from user.me), the NOT_MEMBER state until binding exists, and in
 * local mode only a dev identity switcher that picks the openid the local gateway will see.
 */
import { config } from '../../config';
import { DEV_IDENTITY_PICKS, getDevOpenid, setDevOpenid } from '../../services/dev-identity';
import { isApiError } from '../../services/transport';
import { getMyProfile, type MyProfile } from '../../services/user';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';

const ROLE_LABELS: Record<string, string> = {
  learner: '学员',
  trainer: '培训专员',
  reviewer: '审核员',
  judge: '评委',
  admin: '管理员',
};

interface ProfileView {
  name: string;
  department: string;
  roles: string;
}

function toProfileView(profile: MyProfile): ProfileView | null {
  if (!profile.bound) return null;
  return {
    name: profile.name,
    department: profile.departmentPath.join(' / '),
    roles: profile.roles.map((grant) => ROLE_LABELS[grant.role] ?? grant.role).join('、'),
  };
}

type DevPickEvent = WechatMiniprogram.BaseEvent<{}, { openid?: string }>;
type DevInputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    profile: null as ProfileView | null,
    localMode: config.mode === 'local',
    devOpenid: '',
    devInput: '',
    devPicks: DEV_IDENTITY_PICKS,
  },
  methods: {
    onLoad() {
      if (this.data.localMode) {
        const openid = getDevOpenid();
        this.setData({ devOpenid: openid, devInput: openid });
      }
      return this.loadProfile();
    },
    async onPullDownRefresh() {
      try {
        await this.loadProfile();
      } finally {
        wx.stopPullDownRefresh();
      }
    },
    async loadProfile() {
      this.setData({ status: 'loading', message: '' });
      try {
        const profile = toProfileView(await getMyProfile());
        if (profile) {
          this.setData({ status: 'ready', profile });
        } else {
          this.setData({ status: 'not-member', profile: null, message: '绑定员工身份后即可学习、打卡和参赛。' });
        }
      } catch (error) {
        const apiError = isApiError(error) ? error : null;
        if (!apiError) console.warn('[me] unexpected failure', error);
        this.setData({
          status: apiError?.code === 'NOT_MEMBER' ? 'not-member' : 'error',
          profile: null,
          message: apiError?.message ?? '加载失败，请稍后重试',
        });
      }
    },
    onRetry() {
      return this.loadProfile();
    },
    onDevInput(event: DevInputEvent) {
      this.setData({ devInput: event.detail.value });
    },
    onDevApply() {
      return this.switchIdentity(this.data.devInput);
    },
    onDevPick(event: DevPickEvent) {
      return this.switchIdentity(event.currentTarget.dataset.openid ?? '');
    },
    async switchIdentity(openid: string) {
      const stored = setDevOpenid(openid);
      if (stored === null) {
        wx.showToast({ title: '请输入 openid', icon: 'none' });
        return;
      }
      this.setData({ devOpenid: stored, devInput: stored });
      wx.showToast({ title: `已切换为 ${stored}`, icon: 'none' });
      await this.loadProfile();
    },
  },
});
