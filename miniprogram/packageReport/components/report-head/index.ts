/** A report section's head: its title (optional), "数据更新于 …" and the 导出 Excel button (event: export). */
Component({
  properties: {
    heading: { type: String, value: '' },
    updated: { type: String, value: '' },
    /** The export of this section is running. */
    busy: { type: Boolean, value: false },
    /** Another export is running (one at a time). */
    disabled: { type: Boolean, value: false },
  },
  methods: {
    onExport() {
      this.triggerEvent('export');
    },
  },
});
