/**
 * One choice of a form in place of WeChat's raw `<picker>`: a bordered box showing the chosen label (or the
 * placeholder) with a ▾ that says it opens, and TDesign's picker in a popup — `t-picker` over `options`
 * ({ value, label }), or `t-date-time-picker` for a Beijing day (`mode="day"`, YYYY-MM-DD). Event: change
 * { value } with the chosen option's value or the day, only when it differs from `value`.
 * https://tdesign.tencent.com/miniprogram/components/picker
 * https://tdesign.tencent.com/miniprogram/components/date-time-picker
 */
import { flagProperty, textProperty } from '../properties';

export interface PickerOption {
  value: string;
  label: string;
}

Component({
  properties: {
    /** options | day */
    mode: textProperty('options'),
    options: { type: Array, value: [] as PickerOption[] },
    value: textProperty(),
    /** Beside the value, in the box; also the popup's title unless `title` is given. */
    label: textProperty(),
    title: textProperty(),
    placeholder: textProperty('请选择'),
    error: textProperty(),
    disabled: flagProperty(),
  },
  data: { shown: '', visible: false },
  observers: {
    'mode, options, value'(mode: string, options: PickerOption[], value: string) {
      const shown = mode === 'day' ? value : (options.find((option) => option.value === value)?.label ?? '');
      this.setData({ shown });
    },
  },
  methods: {
    onOpen() {
      if (!this.data.disabled) this.setData({ visible: true });
    },
    onClose() {
      this.setData({ visible: false });
    },
    /** t-picker's confirm: { value: [chosen] }; t-date-time-picker's: { value: 'YYYY-MM-DD' }. */
    onConfirm(event: WechatMiniprogram.CustomEvent<{ value: string | string[] }>) {
      const picked = event.detail.value;
      const value = String(Array.isArray(picked) ? (picked[0] ?? '') : picked);
      this.setData({ visible: false });
      if (value && value !== this.data.value) this.triggerEvent('change', { value });
    },
  },
});
