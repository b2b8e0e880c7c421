/**
 * What the contest views share: the TDesign components they use (imported per component, so the console's
 * first page stays small), the transport, the server's message and the server-paged table. One import list
 * instead of one per view.
 */
export { Alert as TAlert } from 'tdesign-vue-next/es/alert';
export { Button as TButton } from 'tdesign-vue-next/es/button';
export { Checkbox as TCheckbox } from 'tdesign-vue-next/es/checkbox';
export { DateRangePicker as TDateRangePicker } from 'tdesign-vue-next/es/date-picker';
export { Dialog as TDialog } from 'tdesign-vue-next/es/dialog';
export { Drawer as TDrawer } from 'tdesign-vue-next/es/drawer';
export { Form as TForm, FormItem as TFormItem } from 'tdesign-vue-next/es/form';
export type { SubmitContext } from 'tdesign-vue-next/es/form';
export { Input as TInput } from 'tdesign-vue-next/es/input';
export { InputNumber as TInputNumber } from 'tdesign-vue-next/es/input-number';
export { Link as TLink } from 'tdesign-vue-next/es/link';
export { Loading as TLoading } from 'tdesign-vue-next/es/loading';
export { MessagePlugin } from 'tdesign-vue-next/es/message';
export { Popconfirm as TPopconfirm } from 'tdesign-vue-next/es/popconfirm';
export { Progress as TProgress } from 'tdesign-vue-next/es/progress';
export { Select as TSelect } from 'tdesign-vue-next/es/select';
export { Switch as TSwitch } from 'tdesign-vue-next/es/switch';
export { BaseTable as TBaseTable, PrimaryTable as TPrimaryTable } from 'tdesign-vue-next/es/table';
export type { BaseTableCol, PrimaryTableCol } from 'tdesign-vue-next/es/table';
export { Tabs as TTabs, TabPanel as TTabPanel } from 'tdesign-vue-next/es/tabs';
export { Tag as TTag } from 'tdesign-vue-next/es/tag';
export { Textarea as TTextarea } from 'tdesign-vue-next/es/textarea';
export { call } from '../../services/transport';
export { errorMessage } from '../../services/errors';
export { useServerTable, type ServerTable } from '../../composables/server-table';
export { useExport as useContestExport } from '../../composables/export';
import './contests.css';

import { inject, ref, type InjectionKey, type Ref } from 'vue';
import type { ContestAdminView, RoundView } from '../../../../typings/functions/contest';
import { errorMessage as messageOf } from '../../services/errors';

/**
 * What every tab of a contest screen gets from the screen (web/src/views/contests/detail.vue): the contest as
 * the admin sees it, the round chosen above the tabs, and how to load the contest again after a change.
 */
export interface ContestPanel {
  contest: Readonly<Ref<ContestAdminView>>;
  round: Readonly<Ref<RoundView>>;
  reload(): Promise<void>;
}

export const CONTEST_PANEL: InjectionKey<ContestPanel> = Symbol('contest panel');

export function useContestPanel(): ContestPanel {
  const panel = inject(CONTEST_PANEL);
  if (!panel) throw new Error('a contest tab renders inside the contest screen');
  return panel;
}

/**
 * One form's or dialog's submission: `busy` while it runs, the server's message in `error` when refused.
 * `run` answers whether the work went through, so the caller closes its dialog only then.
 */
export function useSubmission(): { busy: Ref<boolean>; error: Ref<string>; run(work: () => Promise<unknown>): Promise<boolean> } {
  const busy = ref(false);
  const error = ref('');
  return {
    busy,
    error,
    async run(work) {
      busy.value = true;
      error.value = '';
      try {
        await work();
        return true;
      } catch (e) {
        error.value = messageOf(e);
        return false;
      } finally {
        busy.value = false;
      }
    },
  };
}

/** A short id (`<prefix><n>`) none of `items` has: a new rubric dimension's or award's (the contract's recordKey). */
export function freeId(prefix: string, items: readonly { id: string }[]): string {
  const taken = new Set(items.map((item) => item.id));
  let n = items.length + 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}
