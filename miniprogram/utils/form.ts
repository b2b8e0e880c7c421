/** Reading what admins type into forms, checked before anything is sent, with the error to show in Chinese. */

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

/** Text that must be present and at most `max` characters after trimming. */
export function readText(text: string, label: string, max: number, required: boolean): FieldResult<string> {
  const trimmed = text.trim();
  if (required && trimmed === '') return { ok: false, error: `请填写${label}` };
  if (trimmed.length > max) return { ok: false, error: `${label}最多 ${max} 个字` };
  return { ok: true, value: trimmed };
}

/** The text a form field event carries (input, textarea). */
export type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, {}, { field?: string }>;
