/**
 * One row of a list or a settings group (TDesign's t-cell): title, an optional line under it, a value on the
 * right, and an arrow when it leads somewhere. With `url` (built with utils/routes.ts) a tap opens that page;
 * without it the page hears `tap`.
 */
Component({
  properties: {
    title: { type: String, value: '' },
    description: { type: String, value: '' },
    note: { type: String, value: '' },
    url: { type: String, value: '' },
    arrow: { type: Boolean, value: false },
    bordered: { type: Boolean, value: true },
  },
  methods: {
    onTap() {
      if (this.data.url) wx.navigateTo({ url: this.data.url });
      else this.triggerEvent('tap');
    },
  },
});
