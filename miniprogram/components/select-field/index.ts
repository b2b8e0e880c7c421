/**
 * One choice among options (a filter, a role, a scale): a row showing the chosen option's label (or the
 * placeholder); tapping it opens TDesign's t-picker with one column, whose confirm hands back the chosen
 * values (https://tdesign.tencent.com/miniprogram/components/picker). `options` are { value, label } (as
 * components/chips takes them). Event: change { value } with the option's value, as the kit's fields send it,
 * so a page binds `data-field="role" bind:change="onField"` (utils/form-page.ts) or its own handler.
 */
import type { ChipOption } from '../chips/index';

Component({
  properties: {
    label: { type: String, value: '' },
    value: { type: String, value: '' },
    options: { type: Array, value: [] as ChipOption[] },
    placeholder: { type: String, value: '请选择' },
    disabled: { type: Boolean, value: false },
    error: { type: String, value: '' },
  },
  data: { open: false, chosen: '', shownValues: [] as string[] },
  observers: {
    'value, options'(value: string, options: ChipOption[]) {
      this.setData({ chosen: options.find((option) => option.value === value)?.label ?? '' });
    },
  },
  methods: {
    onOpen() {
      const options = this.data.options as ChipOption[];
      if (this.data.disabled || options.length === 0) return;
      // The wheel opens on the chosen option, or the first when none is.
      const shown = options.some((option) => option.value === this.data.value) ? this.data.value : options[0]!.value;
      this.setData({ open: true, shownValues: [shown] });
    },
    onConfirm(event: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ open: false });
      const [value] = event.detail.value;
      if (value !== undefined && value !== this.data.value) this.triggerEvent('change', { value: String(value) });
    },
    onClose() {
      this.setData({ open: false });
    },
  },
});
