/** The states a contest page shows around its one load (components/list-status), and the events it reads. */
import { failureOf } from '../../utils/failure';
import type { ListStatus } from '../../utils/paged-list';

export interface LoadState {
  status: ListStatus;
  message: string;
}

/** What a failed load shows: NOT_MEMBER leads to binding, anything else says why with a retry. */
export function failedLoad(error: unknown, where: string): LoadState {
  const failure = failureOf(error, where);
  return { status: failure.code === 'NOT_MEMBER' ? 'not-member' : 'error', message: failure.message };
}

export type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;
export type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }>;
export type SwitchEvent = WechatMiniprogram.CustomEvent<{ value: boolean }>;
export type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<{}, D>;

/** A list index carried in a data-* attribute (a number, or a string on some clients); -1 when absent. */
export function datasetIndex(value: unknown): number {
  const index = Number(value);
  return Number.isInteger(index) && index >= 0 ? index : -1;
}
