/**
 * One labelled row of a form whose value is picked, not typed (a date, a time, one of a few choices): the row
 * shows the label and the picked value's text (or the placeholder) and, when tapped, opens TDesign's picker
 * for it – t-picker over `options` ({ value, label }), t-date-time-picker for a `date` (YYYY-MM-DD) or a
 * `time` (HH:mm). Event: change { value, index } once the picker is confirmed (index: the option's position,
 * -1 for a date or time). The picker renders only while open.
 * https://tdesign.tencent.com/miniprogram/components/picker, https://tdesign.tencent.com/miniprogram/components/date-time-picker
 */
import { flagProperty, textProperty } from '../properties';

export interface PickerOption {
  value: string;
  label: string;
}

/** What the field picks: one of `options`, a calendar day or a time of day. */
export const PICKER_FIELD_MODES = ['options', 'date', 'time'] as const;
export type PickerFieldMode = (typeof PICKER_FIELD_MODES)[number];

const FORMATS: Record<Exclude<PickerFieldMode, 'options'>, string> = { date: 'YYYY-MM-DD', time: 'HH:mm' };

/** The picked option's label, or the date/time itself. */
export function shownValue(mode: string, value: string, options: readonly PickerOption[]): string {
  if (mode !== 'options') return value;
  return options.find((option) => option.value === value)?.label ?? '';
}

Component({
  properties: {
    label: textProperty(),
    /** The picked value: an option's value, a YYYY-MM-DD day or an HH:mm time; '' for none yet. */
    value: textProperty(),
    mode: textProperty('options'),
    options: { type: Array, value: [] as PickerOption[] },
    placeholder: textProperty('请选择'),
    /** Shown instead of the picked option's label: a current value the options leave out (where it is now). */
    text: textProperty(),
    /** The picker's title; the label when empty. */
    title: textProperty(),
    disabled: flagProperty(),
    error: textProperty(),
    bordered: flagProperty(true),
  },
  data: {
    open: false,
    shown: '',
    format: '',
    /** t-date-time-picker's columns: the calendar day, or hours and minutes without a date. */
    columns: 'date' as string | (string | null)[],
  },
  observers: {
    'mode, value, options'(mode: string, value: string, options: PickerOption[]) {
      const dated = mode === 'date' || mode === 'time';
      this.setData({
        shown: shownValue(mode, value, options),
        format: dated ? FORMATS[mode] : '',
        columns: mode === 'time' ? [null, 'minute'] : 'date',
      });
    },
  },
  methods: {
    onOpen() {
      if (!this.data.disabled) this.setData({ open: true });
    },
    onClose() {
      this.setData({ open: false });
    },
    /** t-picker answers { value: [picked] }; t-date-time-picker answers { value: 'YYYY-MM-DD' | 'HH:mm' }. */
    onConfirm(event: WechatMiniprogram.CustomEvent<{ value: string | number | (string | number)[] }>) {
      const picked = event.detail.value;
      const value = String(Array.isArray(picked) ? (picked[0] ?? '') : picked);
      const index = this.data.mode === 'options' ? (this.data.options as PickerOption[]).findIndex((option) => option.value === value) : -1;
      this.setData({ open: false });
      if (this.data.mode === 'options' && index < 0) return;
      this.triggerEvent('change', { value, index });
    },
  },
});
