/**
 * What the kit's text fields share (components/form-field, components/text-area): the properties a page binds
 * and the change event it hears ({ value }), as one Behavior.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/custom-component/behaviors.html
 */
export const fieldBehavior = Behavior({
  properties: {
    label: { type: String, value: '' },
    value: { type: String, value: '' },
    placeholder: { type: String, value: '' },
    /** From the contract (utils/limits.ts); -1 for none. */
    maxlength: { type: Number, value: -1 },
    disabled: { type: Boolean, value: false },
    error: { type: String, value: '' },
  },
  methods: {
    onChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.triggerEvent('change', { value: event.detail.value });
    },
  },
});
