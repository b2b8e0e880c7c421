/**
 * One row of a list or a settings group (TDesign's t-cell): title, an optional line under it, a value on the
 * right, and an arrow when it leads somewhere. With `url` (built with utils/routes.ts) a tap opens that page;
 * without it the page hears `tap`.
 */
import { textProperty, flagProperty } from '../properties';

Component({
  properties: {
    title: textProperty(),
    description: textProperty(),
    note: textProperty(),
    url: textProperty(),
    arrow: flagProperty(),
    bordered: flagProperty(true),
  },
  methods: {
    onTap() {
      if (this.data.url) wx.navigateTo({ url: this.data.url });
      else this.triggerEvent('tap');
    },
  },
});
