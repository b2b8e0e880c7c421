/**
 * One date of a form (Beijing calendar day, `YYYY-MM-DD`, '' for none): a cell showing the day or the
 * placeholder; tapping it opens TDesign's t-date-time-picker in date mode, whose confirm hands the day back
 * formatted (https://tdesign.tencent.com/miniprogram/components/date-time-picker). `clearable` adds 清除 for an
 * optional day. Event: change { value }, as the kit's text fields send it, so a page binds
 * `data-field="day" bind:change="onField"` (utils/form-page.ts).
 */
import { beijingToday } from '../../utils/time';

Component({
  properties: {
    label: { type: String, value: '' },
    value: { type: String, value: '' },
    placeholder: { type: String, value: '请选择日期' },
    clearable: { type: Boolean, value: false },
    disabled: { type: Boolean, value: false },
    error: { type: String, value: '' },
  },
  data: { open: false, shownDay: '' },
  methods: {
    onOpen() {
      // An empty field opens on today (Beijing), not on the picker's own default ten years back.
      if (!this.data.disabled) this.setData({ open: true, shownDay: this.data.value || beijingToday() });
    },
    onConfirm(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ open: false });
      this.triggerEvent('change', { value: String(event.detail.value) });
    },
    onClose() {
      this.setData({ open: false });
    },
    onClear() {
      if (!this.data.disabled) this.triggerEvent('change', { value: '' });
    },
  },
});
