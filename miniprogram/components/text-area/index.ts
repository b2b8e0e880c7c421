/**
 * A text area with its counter (TDesign's t-textarea with `indicator`): `maxlength` from the contract
 * (utils/limits.ts) is both the counter's limit and where typing stops; the error shows under it. Event:
 * change { value } (components/form-field/behavior.ts).
 */
import { fieldBehavior } from '../form-field/behavior';

Component({
  behaviors: [fieldBehavior],
  properties: {
    /** Grows with what is typed (a long task prompt is read whole, not in a one-line box). */
    autosize: { type: Boolean, value: true },
  },
});
