/**
 * 绑定: the only page a non-member sees. Two ways in – 工号 + 姓名 (employees on the roster) or a one-time
 * 邀请码 (partners and people outside the roster) – each checked before sending; every refusal gets its own
 * Chinese message. A deactivated member sees only the 停用 notice. On success the member lands on 学习.
 */
import { HOME_TAB_URL, gateReasonOf } from '../../services/gate';
import { bindEmployee, getMyProfile, redeemInvitation, type MyProfile } from '../../services/user';
import { BIND_ERROR_MESSAGES, INACTIVE_HINT, INACTIVE_MESSAGE, checkEmployeeBinding, checkInvitationCode } from '../../utils/binding';
import { failureOf, messageFor } from '../../utils/failure';
import { definePage } from '../../utils/page';

type BindState = 'loading' | 'form' | 'inactive' | 'error';
type BindMode = 'employee' | 'invitation';

interface BindErrors {
  employeeNo: string;
  name: string;
  code: string;
}

const NO_ERRORS: BindErrors = { employeeNo: '', name: '', code: '' };

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type ModeTapEvent = WechatMiniprogram.BaseEvent<{}, { mode?: BindMode }>;

definePage({
  data: {
    state: 'loading' as BindState,
    message: '',
    mode: 'employee' as BindMode,
    employeeNo: '',
    name: '',
    code: '',
    errors: { ...NO_ERRORS },
    formError: '',
    submitting: false,
    inactiveMessage: INACTIVE_MESSAGE,
    inactiveHint: INACTIVE_HINT,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      // The gate says why it sent us here; show the 停用 notice at once rather than a form that cannot work.
      if (query.reason === 'inactive') this.setData({ state: 'inactive' });
      return this.checkStatus();
    },
    /** Who is calling decides what the page shows: a form, the 停用 notice, or (already a member) 学习. */
    async checkStatus() {
      if (this.data.state !== 'inactive') this.setData({ state: 'loading', message: '' });
      try {
        this.follow(await getMyProfile());
      } catch (error) {
        const failure = failureOf(error, 'bind');
        if (failure.code === 'MEMBER_INACTIVE') this.setData({ state: 'inactive' });
        else this.setData({ state: 'error', message: failure.message });
      }
    },
    /** Shows the page for a profile; returns true when the caller is an active member (and leaves for 学习). */
    follow(profile: MyProfile): boolean {
      const reason = gateReasonOf(profile);
      if (reason === 'inactive') {
        this.setData({ state: 'inactive' });
        return false;
      }
      if (reason === 'not-member') {
        this.setData({ state: 'form' });
        return false;
      }
      wx.switchTab({ url: HOME_TAB_URL });
      return true;
    },
    onRetry() {
      return this.checkStatus();
    },
    onIdentityChange() {
      this.setData({ state: 'loading', errors: { ...NO_ERRORS }, formError: '' });
      return this.checkStatus();
    },
    onModeTap(event: ModeTapEvent) {
      const { mode } = event.currentTarget.dataset;
      if (mode && mode !== this.data.mode) this.setData({ mode, errors: { ...NO_ERRORS }, formError: '' });
    },
    onEmployeeNoInput(event: InputEvent) {
      this.setData({ employeeNo: event.detail.value, 'errors.employeeNo': '', formError: '' });
    },
    onNameInput(event: InputEvent) {
      this.setData({ name: event.detail.value, 'errors.name': '', formError: '' });
    },
    onCodeInput(event: InputEvent) {
      this.setData({ code: event.detail.value, 'errors.code': '', formError: '' });
    },
    onSubmitEmployee() {
      const checked = checkEmployeeBinding({ employeeNo: this.data.employeeNo, name: this.data.name });
      if (!checked.ok) {
        this.setData({ errors: { ...NO_ERRORS, ...checked.errors }, formError: '' });
        return Promise.resolve();
      }
      return this.submit(() => bindEmployee(checked.value));
    },
    onSubmitInvitation() {
      const checked = checkInvitationCode(this.data.code);
      if (!checked.ok) {
        this.setData({ errors: { ...NO_ERRORS, ...checked.errors }, formError: '' });
        return Promise.resolve();
      }
      return this.submit(() => redeemInvitation(checked.value));
    },
    async submit(send: () => Promise<MyProfile>) {
      if (this.data.submitting) return;
      this.setData({ submitting: true, errors: { ...NO_ERRORS }, formError: '' });
      try {
        const profile = await send();
        this.setData({ submitting: false });
        if (this.follow(profile)) wx.showToast({ title: '绑定成功', icon: 'success' });
      } catch (error) {
        const failure = failureOf(error, 'bind', '绑定失败，请稍后重试');
        this.setData({ submitting: false });
        if (failure.code === 'ALREADY_BOUND') {
          // This WeChat user is a member already (bound elsewhere, or a retried request): nothing left to do.
          wx.showToast({ title: failure.message, icon: 'none' });
          await this.checkStatus();
        } else if (failure.code === 'MEMBER_INACTIVE') {
          this.setData({ state: 'inactive' });
        } else {
          this.setData({ formError: messageFor(failure, BIND_ERROR_MESSAGES) });
        }
      }
    },
  },
});
