/**
 * The local-mode dev identity switcher (on 我的 and on the binding page, which is all a non-member sees):
 * picks the openid the local gateway will see. Renders nothing in cloud mode, where WeChat supplies the
 * identity. Event: change { openid } after a switch, so the page reloads as the new caller.
 */
import { config } from '../../config';
import { DEV_IDENTITY_PICKS, getDevOpenid, setDevOpenid } from '../../services/dev-identity';

type DevPickEvent = WechatMiniprogram.BaseEvent<{}, { openid?: string }>;
type DevInputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  data: {
    localMode: config.mode === 'local',
    devOpenid: '',
    devInput: '',
    devPicks: DEV_IDENTITY_PICKS,
  },
  lifetimes: {
    attached() {
      if (!this.data.localMode) return;
      const openid = getDevOpenid();
      this.setData({ devOpenid: openid, devInput: openid });
    },
  },
  methods: {
    onDevInput(event: DevInputEvent) {
      this.setData({ devInput: event.detail.value });
    },
    onDevApply() {
      this.switchIdentity(this.data.devInput);
    },
    onDevPick(event: DevPickEvent) {
      this.switchIdentity(event.currentTarget.dataset.openid ?? '');
    },
    switchIdentity(openid: string) {
      const stored = setDevOpenid(openid);
      if (stored === null) {
        wx.showToast({ title: '请输入 openid', icon: 'none' });
        return;
      }
      this.setData({ devOpenid: stored, devInput: stored });
      wx.showToast({ title: `已切换为 ${stored}`, icon: 'none' });
      this.triggerEvent('change', { openid: stored });
    },
  },
});
