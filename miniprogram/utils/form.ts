/** Reading what admins type into forms, checked before anything is sent, with the error to show in Chinese. */
import type { PickerOption } from '../components/picker-field/index';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface IntegerRule {
  /** What the field is called in the error (积分, 库存…). */
  label: string;
  min: number;
  max: number;
  /** Empty means "none" (null) instead of an error. */
  optional?: boolean;
}

/** A whole number within [min, max] typed as text; '' is null for optional fields. */
export function readInteger(text: string, rule: IntegerRule): FieldResult<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return rule.optional ? { ok: true, value: null } : { ok: false, error: `请填写${rule.label}` };
  const value = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(value) || value < rule.min || value > rule.max) {
    return { ok: false, error: `${rule.label}须为 ${rule.min} 到 ${rule.max} 之间的整数` };
  }
  return { ok: true, value };
}

export interface DecimalRule {
  label: string;
  min: number;
  max: number;
  /** Decimal places allowed (a pass mark such as 3.75 needs two). */
  decimals: number;
}

/** A required number within [min, max] with at most `rule.decimals` decimal places, typed as text. */
export function readDecimal(text: string, rule: DecimalRule): FieldResult<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: `请填写${rule.label}` };
  const fraction = rule.decimals > 0 ? `(\\.\\d{1,${rule.decimals}})?` : '';
  const shape = new RegExp(`^\\d+${fraction}$`);
  const value = shape.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(value) || value < rule.min || value > rule.max) {
    const places = rule.decimals > 0 ? `（最多 ${rule.decimals} 位小数）` : '';
    return { ok: false, error: `${rule.label}须为 ${rule.min} 到 ${rule.max} 之间的数${places}` };
  }
  return { ok: true, value };
}

/** Text that must be present and at most `max` characters after trimming. */
export function readText(text: string, label: string, max: number, required: boolean): FieldResult<string> {
  const trimmed = text.trim();
  if (required && trimmed === '') return { ok: false, error: `请填写${label}` };
  if (trimmed.length > max) return { ok: false, error: `${label}最多 ${max} 个字` };
  return { ok: true, value: trimmed };
}

/** The text a form field event carries (input, textarea). */
export type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { field?: string }>;

/** components/picker-field options whose values are the choices' positions, for a page that keeps the picked index. */
export function indexedOptions<T>(choices: readonly T[], label: (choice: T) => string): PickerOption[] {
  return choices.map((choice, index) => ({ value: String(index), label: label(choice) }));
}
