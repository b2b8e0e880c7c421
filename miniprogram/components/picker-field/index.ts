/**
 * One labelled row of a form whose value is picked, not typed (a date, a time, one of a few choices): the row
 * shows the label and the picked value's text (or the placeholder) and, when tapped, opens TDesign's picker
 * for it – t-picker over `options` ({ value, label }), t-date-time-picker for a `date` (YYYY-MM-DD) or a
 * `time` (HH:mm). The picker opens on the current value (an empty day on today, Beijing; no option chosen on
 * the first). Event: change { value, index } once the picker confirms a different value (index: the option's
 * position, -1 for a date or time); `clearable` adds 清除, which sends { value: '', index: -1 }. `compact` draws
 * the row inline (the value and ▾ in the box the page gives it), for a filter row above a list. `start` and
 * `end` bound a date. The picker renders only while open.
 * https://tdesign.tencent.com/miniprogram/components/picker, https://tdesign.tencent.com/miniprogram/components/date-time-picker
 */
import { beijingToday } from '../../utils/time';
import { flagProperty, textProperty } from '../properties';

export interface PickerOption {
  value: string;
  label: string;
}

/** What the field picks: one of `options`, a calendar day or a time of day. */
export const PICKER_FIELD_MODES = ['options', 'date', 'time'] as const;
export type PickerFieldMode = (typeof PICKER_FIELD_MODES)[number];

const FORMATS: Record<Exclude<PickerFieldMode, 'options'>, string> = { date: 'YYYY-MM-DD', time: 'HH:mm' };

/**
 * t-date-time-picker puts a time on the day of its `start` (ten years back to this minute when none), so the
 * hours before this one fell outside its range and were not offered
 * (node_modules/tdesign-miniprogram/miniprogram_dist/date-time-picker/date-time-picker.js, getParseDate and
 * getMinDate). A time starts from a midnight instead: every hour and minute is offered.
 */
const TIME_START = '2000-01-01 00:00';

/** The picked option's label, or the date/time itself. */
export function shownValue(mode: string, value: string, options: readonly PickerOption[]): string {
  if (mode !== 'options') return value;
  return options.find((option) => option.value === value)?.label ?? '';
}

/** What the picker opens on: the value, else the first option, or today for a date. */
export function openingValue(mode: string, value: string, options: readonly PickerOption[]): string {
  if (mode === 'options') return options.some((option) => option.value === value) ? value : (options[0]?.value ?? '');
  return value || (mode === 'date' ? beijingToday() : '');
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
    /** The picker's title; the label (or the placeholder) when empty. */
    title: textProperty(),
    disabled: flagProperty(),
    error: textProperty(),
    bordered: flagProperty(true),
    /** An optional value: 清除 empties it. */
    clearable: flagProperty(),
    /** Inline, for filter rows: the value and ▾ only, in the page's box. */
    compact: flagProperty(),
    /** The first and last day a date may take (YYYY-MM-DD); TDesign's own range when empty. */
    start: textProperty(),
    end: textProperty(),
  },
  data: {
    open: false,
    shown: '',
    opening: '',
    format: '',
    /** t-date-time-picker's start: `start` for a date, a midnight for a time. */
    from: '',
    /** t-date-time-picker's columns: the calendar day, or hours and minutes without a date. */
    columns: 'date' as string | (string | null)[],
  },
  observers: {
    'mode, value, options, start'(mode: string, value: string, options: PickerOption[], start: string) {
      const dated = mode === 'date' || mode === 'time';
      this.setData({
        from: mode === 'time' ? TIME_START : start,
        shown: shownValue(mode, value, options),
        format: dated ? FORMATS[mode] : '',
        columns: mode === 'time' ? [null, 'minute'] : 'date',
      });
    },
  },
  methods: {
    onOpen() {
      if (this.data.disabled) return;
      if (this.data.mode === 'options' && (this.data.options as PickerOption[]).length === 0) return;
      this.setData({ open: true, opening: openingValue(this.data.mode, this.data.value, this.data.options as PickerOption[]) });
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
      if ((this.data.mode === 'options' && index < 0) || value === this.data.value) return;
      this.triggerEvent('change', { value, index });
    },
    onClear() {
      if (!this.data.disabled && this.data.value) this.triggerEvent('change', { value: '', index: -1 });
    },
  },
});
