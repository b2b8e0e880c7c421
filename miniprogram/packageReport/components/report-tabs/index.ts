/** Tabs of a report page: `tabs` ({ value, label }[]) and the `value` shown; event change with { value }. */
type TabTap = WechatMiniprogram.BaseEvent<{}, { value?: string }>;

Component({
  properties: {
    tabs: { type: Array, value: [] as { value: string; label: string }[] },
    value: { type: String, value: '' },
  },
  methods: {
    onTab(event: TabTap) {
      const { value } = event.currentTarget.dataset;
      if (value && value !== this.data.value) this.triggerEvent('change', { value });
    },
  },
});
