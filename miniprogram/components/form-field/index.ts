/**
 * One labelled text field of a form (TDesign's t-input): its error under it in the error colour, else its
 * tips. `maxlength` comes from the contract (utils/limits.ts), never a literal. Events: change { value }, so
 * a page binds `data-field="name" bind:change="onField"` (utils/form-page.ts); confirm { value } when the
 * keyboard's confirm key is pressed (a search).
 */
import { fieldBehavior } from './behavior';

Component({
  behaviors: [fieldBehavior],
  properties: {
    /** text | number | digit | idcard | nickname */
    type: { type: String, value: 'text' },
    required: { type: Boolean, value: false },
    tips: { type: String, value: '' },
    /** The keyboard's confirm key: done | search | send | next | go. */
    confirmType: { type: String, value: 'done' },
  },
  methods: {
    onEnter(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.triggerEvent('confirm', { value: event.detail.value });
    },
  },
});
