/**
 * One figure with its label (余额 1,200, 参与 141, 打卡率 81.2%), and an optional hint under it. Several sit
 * side by side in a `.stat-row` (app.wxss) and share the width.
 */
Component({
  properties: {
    value: { type: String, value: '' },
    label: { type: String, value: '' },
    hint: { type: String, value: '' },
    /** brand | success | warning | error | default: the figure's colour. */
    theme: { type: String, value: 'default' },
  },
});
