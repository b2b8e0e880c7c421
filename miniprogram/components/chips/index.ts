/**
 * A row of choices as chips (TDesign's t-check-tag): one (`multiple` false, a filter) or several (audiences,
 * departments). `options` are { value, label }; `selected` the chosen values. Event: change { value } with the
 * one value chosen, or { values } with all chosen when multiple.
 */
export interface ChipOption {
  value: string;
  label: string;
}

Component({
  properties: {
    options: { type: Array, value: [] as ChipOption[] },
    selected: { type: Array, value: [] as string[] },
    multiple: { type: Boolean, value: false },
    disabled: { type: Boolean, value: false },
  },
  data: { checked: {} as Record<string, boolean> },
  observers: {
    selected(selected: string[]) {
      this.setData({ checked: Object.fromEntries(selected.map((value) => [value, true])) });
    },
  },
  methods: {
    onTap(event: WechatMiniprogram.BaseEvent<{}, { value?: string }>) {
      const value = event.currentTarget.dataset.value;
      if (value === undefined || this.data.disabled) return;
      if (!this.data.multiple) {
        this.triggerEvent('change', { value });
        return;
      }
      const selected = this.data.selected as string[];
      const values = selected.includes(value) ? selected.filter((one) => one !== value) : [...selected, value];
      this.triggerEvent('change', { values });
    },
  },
});
