/**
 * One labelled text field of a form (TDesign's t-input): its error under it in the error colour, else its
 * tips. `maxlength` comes from the contract (utils/limits.ts), never a literal. Event: change { value }, so
 * a page binds `data-field="name" bind:change="onField"` (utils/form-page.ts).
 */
Component({
  properties: {
    label: { type: String, value: '' },
    value: { type: String, value: '' },
    placeholder: { type: String, value: '' },
    /** text | number | digit | idcard | nickname */
    type: { type: String, value: 'text' },
    maxlength: { type: Number, value: -1 },
    required: { type: Boolean, value: false },
    disabled: { type: Boolean, value: false },
    error: { type: String, value: '' },
    tips: { type: String, value: '' },
  },
  methods: {
    onChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.triggerEvent('change', { value: event.detail.value });
    },
  },
});
