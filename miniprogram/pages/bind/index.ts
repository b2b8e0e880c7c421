/**
 * 绑定: the only page a non-member sees. Two ways in – 工号 + 姓名 with a second factor (employees on the
 * roster), or a one-time 邀请码 (partners and people outside the roster) – each checked before sending;
 * every refusal gets its own Chinese message. The second factor is WeChat's phone-number verification
 * (手机号验证, matched against the roster's 手机 by the function) or, where the roster has no phone or it
 * changed, the one-time 绑定码 an admin issued. A deactivated member sees only the 停用 notice. On success
 * the member lands on 学习.
 *
 * The fields are the kit's form-field without a maxlength: an input that stops at the contract's length
 * (TDesign's t-input and a native input both do) would silently cut a pasted 工号 or code into another
 * value, refused later as a mismatch; here all of it reaches the check (utils/binding.ts), which says
 * "工号最多 32 位" beside the field.
 */
import { HOME_TAB_URL, gateReasonOf } from '../../services/gate';
import { bindEmployee, getMyProfile, phoneNumberCode, redeemInvitation, type MyProfile, type PhoneNumberDetail } from '../../services/user';
import {
  BIND_ERROR_MESSAGES,
  INACTIVE_HINT,
  INACTIVE_MESSAGE,
  PHONE_DECLINED_MESSAGE,
  checkBindCode,
  checkEmployeeBinding,
  checkInvitationCode,
} from '../../utils/binding';
import type { TabsEvent } from '../../utils/events';
import { failureOf, messageFor } from '../../utils/failure';
import { definePage } from '../../utils/page';

type BindState = 'loading' | 'form' | 'inactive' | 'error';
type BindMode = 'employee' | 'invitation';

interface BindErrors {
  employeeNo: string;
  name: string;
  code: string;
  bindCode: string;
}

const NO_ERRORS: BindErrors = { employeeNo: '', name: '', code: '', bindCode: '' };

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
type PhoneNumberEvent = WechatMiniprogram.CustomEvent<PhoneNumberDetail>;

definePage({
  data: {
    state: 'loading' as BindState,
    message: '',
    mode: 'employee' as BindMode,
    employeeNo: '',
    name: '',
    code: '',
    /** Whether the employee form shows the 绑定码 field instead of the phone-number button. */
    useBindCode: false,
    bindCode: '',
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
    onMode(event: TabsEvent<BindMode>) {
      const mode = event.detail.value;
      if (mode !== this.data.mode) this.setData({ mode, errors: { ...NO_ERRORS }, formError: '' });
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
    onBindCodeInput(event: InputEvent) {
      this.setData({ bindCode: event.detail.value, 'errors.bindCode': '', formError: '' });
    },
    onToggleBindCode() {
      this.setData({ useBindCode: !this.data.useBindCode, errors: { ...NO_ERRORS }, formError: '' });
    },
    /** 工号 + 姓名 as checked before sending, or null after showing what is wrong. */
    checkedEmployee(): { employeeNo: string; name: string } | null {
      const checked = checkEmployeeBinding({ employeeNo: this.data.employeeNo, name: this.data.name });
      if (checked.ok) return checked.value;
      this.setData({ errors: { ...NO_ERRORS, ...checked.errors }, formError: '' });
      return null;
    },
    /** The phone-number button's answer: WeChat's token for the number the user chose (手机号验证). */
    async onPhoneNumber(event: PhoneNumberEvent) {
      const employee = this.checkedEmployee();
      if (!employee || this.data.submitting) return;
      let phoneCode: string | null;
      try {
        phoneCode = await phoneNumberCode(event.detail ?? {});
      } catch (error) {
        this.setData({ formError: failureOf(error, 'bind', '绑定失败，请稍后重试').message });
        return;
      }
      if (phoneCode === null) {
        this.setData({ formError: PHONE_DECLINED_MESSAGE });
        return;
      }
      await this.submit(() => bindEmployee({ ...employee, phoneCode }));
    },
    onSubmitBindCode() {
      const employee = this.checkedEmployee();
      if (!employee) return Promise.resolve();
      const checked = checkBindCode(this.data.bindCode);
      if (!checked.ok) {
        this.setData({ errors: { ...NO_ERRORS, ...checked.errors }, formError: '' });
        return Promise.resolve();
      }
      return this.submit(() => bindEmployee({ ...employee, bindCode: checked.value }));
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
