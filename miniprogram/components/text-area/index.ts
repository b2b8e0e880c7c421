/**
 * A text area with its counter (TDesign's t-textarea with `indicator`): `maxlength` from the contract
 * (utils/limits.ts) is both the counter's limit and where typing stops; the error shows under it. Event:
 * change { value }.
 */
Component({
  properties: {
    label: { type: String, value: '' },
    value: { type: String, value: '' },
    placeholder: { type: String, value: '' },
    maxlength: { type: Number, value: -1 },
    disabled: { type: Boolean, value: false },
    /** Grows with what is typed (a long task prompt is read whole, not in a one-line box). */
    autosize: { type: Boolean, value: true },
    error: { type: String, value: '' },
  },
  methods: {
    onChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.triggerEvent('change', { value: event.detail.value });
    },
  },
});
