/** A virtual item's codes as typed (礼品管理's stock sheet and the item editor): one per line, checked against the contract. */
import type { FieldResult } from '../../utils/form';
import { MALL_LIMITS } from '../../utils/limits';

/** Codes or voucher texts, one per line; blank lines ignored. */
export function readCodes(text: string, required: boolean): FieldResult<string[]> {
  const codes = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (codes.length === 0) return required ? { ok: false, error: '请至少填写一个兑换码' } : { ok: true, value: [] };
  if (codes.length > MALL_LIMITS.codesPerBatch) return { ok: false, error: `一次最多添加 ${MALL_LIMITS.codesPerBatch} 个兑换码` };
  if (codes.some((code) => code.length > MALL_LIMITS.codeLength)) return { ok: false, error: `每个兑换码最多 ${MALL_LIMITS.codeLength} 个字` };
  return { ok: true, value: codes };
}
