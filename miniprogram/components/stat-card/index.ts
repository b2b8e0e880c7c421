/**
 * One figure with its label (余额 1,200, 参与 141, 打卡率 81.2%), and an optional hint under it. Several sit
 * side by side in a `.stat-row` (app.wxss) and share the width.
 */
import { textProperty } from '../properties';

Component({
  properties: {
    value: textProperty(),
    label: textProperty(),
    hint: textProperty(),
    /** brand | success | warning | error | default: the figure's colour. */
    theme: textProperty('default'),
  },
});
