/**
 * The page kind for a form: its fields in `data.form`, checked with the contract's limits (utils/limits.ts
 * through utils/form.ts) before anything is sent, each error beside its field; one send at a time with a
 * request id (utils/submit-once.ts); a refusal shows the server's message above the button and keeps what
 * was typed. An editing form loads what it edits first, with the loaded page's states (components/list-status).
 */
import { failedLoad } from './failure';
import type { FieldResult } from './form';
import type { PageQuery } from './loaded-page';
import { definePage } from './page';
import { bindingMethods, type ListStatus } from './paged-list';
import { initialSubmitState, renewRequest, submitOnce, type SubmitState } from './submit-once';
import { toast } from './ui';

type DataOption = WechatMiniprogram.Component.DataOption;
type MethodOption = WechatMiniprogram.Component.MethodOption;

export type FormValues = Record<string, string | number | boolean | string[]>;

export type FormErrors<Form> = { [K in keyof Form]?: string };

export type FormCheck<Input, Form> = { ok: true; value: Input } | { ok: false; errors: FormErrors<Form> };

type ValuesOf<R> = { [K in keyof R]: R[K] extends FieldResult<infer T> ? T : never };

/**
 * Every field's result at once: the values when all are good, else every error (so all are shown together).
 * `checkFields({ name: readText(form.name, '名称', LIMITS.name, true), … })`.
 */
export function checkFields<R extends Record<string, FieldResult<unknown>>>(results: R): FormCheck<ValuesOf<R>, R> {
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [field, result] of Object.entries(results)) {
    if (result.ok) values[field] = result.value;
    else errors[field] = result.error;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors: errors as FormErrors<R> } : { ok: true, value: values as ValuesOf<R> };
}

export interface FormState<Form> extends SubmitState {
  form: Form;
  errors: FormErrors<Form>;
  /** The server's refusal (or why the send failed), shown above the submit button. */
  formError: string;
  status: ListStatus;
  message: string;
}

export type FormPageMethods = {
  /** A field's change (t-input, t-textarea, t-switch, picker): `data-field` names it. */
  onField(event: WechatMiniprogram.CustomEvent<{ value: unknown }, {}, { field?: string }>): void;
  onSubmit(): Promise<void>;
  load(): Promise<void>;
  onRetry(): Promise<void>;
  onBind(): void;
};

export type FormPage<Form, TData extends DataOption, TMethod extends MethodOption> = WechatMiniprogram.Component.Instance<
  FormState<Form> & TData,
  {},
  TMethod & FormPageMethods,
  [],
  {},
  true
>;

export interface FormPageSpec<Form extends FormValues, Input, Answer, TData extends DataOption, TMethod extends MethodOption> {
  where: string;
  /** The fields' starting values (text fields are strings, as typed). */
  form: Form;
  /** Reads the page's query into its data before the first load (see utils/loaded-page.ts). */
  readQuery?(query: PageQuery): Partial<TData>;
  /** What an editing form edits, as field values; without it the form is ready at once. */
  load?(this: FormPage<Form, TData, {}>): Promise<Partial<Form>>;
  /** Checks the fields against the contract's limits (checkFields with utils/form.ts readers). */
  validate(this: FormPage<Form, TData, {}>, form: Form): FormCheck<Input, Form>;
  /** The one call; the request id stays the same on a retry whose answer never came. */
  submit(this: FormPage<Form, TData, {}>, input: Input, requestId: string): Promise<Answer>;
  /** After the server accepted (a toast says `successText` first): usually back to where the form was opened. */
  done(this: FormPage<Form, TData, {}>, answer: Answer, input: Input): void | Promise<void>;
  successText?: string;
  data?: TData;
  methods?: TMethod & ThisType<FormPage<Form, TData, TMethod>>;
}

type Self = {
  data: FormState<FormValues> & Record<string, unknown>;
  setData(patch: object): void;
  load(): Promise<void>;
};

export function defineFormPage<Form extends FormValues, Input, Answer, TData extends DataOption = {}, TMethod extends MethodOption = {}>(
  spec: FormPageSpec<Form, Input, Answer, TData, TMethod>,
): void {
  const asPage = (page: Self) => page as unknown as FormPage<Form, TData, TMethod>;

  const shared = {
    onLoad(this: Self, query: PageQuery = {}) {
      if (spec.readQuery) this.setData(spec.readQuery(query));
      return this.load();
    },
    async load(this: Self) {
      if (!spec.load) {
        this.setData({ status: 'ready', message: '' });
        return;
      }
      this.setData({ status: 'loading', message: '' });
      try {
        const values = await spec.load.call(asPage(this));
        this.setData({ form: { ...this.data.form, ...values }, status: 'ready', message: '' });
      } catch (error) {
        this.setData(failedLoad(error, spec.where));
      }
    },
    onField(this: Self, event: WechatMiniprogram.CustomEvent<{ value: unknown }, {}, { field?: string }>) {
      const field = event.currentTarget.dataset.field;
      if (!field) return;
      this.setData({ [`form.${field}`]: event.detail.value, [`errors.${field}`]: '', formError: '' });
      // What is sent changed: a retry of the old send is a new intent.
      renewRequest(this);
    },
    async onSubmit(this: Self) {
      if (this.data.submitting) return;
      const page = asPage(this);
      const check = spec.validate.call(page, this.data.form as Form);
      if (!check.ok) {
        this.setData({ errors: check.errors, formError: '' });
        return;
      }
      this.setData({ errors: {}, formError: '' });
      const outcome = await submitOnce(this, (requestId) => spec.submit.call(page, check.value, requestId), {
        where: spec.where,
        fallback: '保存失败，请稍后重试',
      });
      if (!outcome) return;
      if (!outcome.ok) {
        this.setData({ formError: outcome.failure.message });
        return;
      }
      if (spec.successText) toast(spec.successText);
      await spec.done.call(page, outcome.value, check.value);
    },
    onRetry(this: Self) {
      return this.load();
    },
    ...bindingMethods,
  };

  const state: FormState<Form> = { form: spec.form, errors: {}, formError: '', status: 'loading', message: '', ...initialSubmitState() };
  definePage({ data: { ...state, ...spec.data }, methods: { ...shared, ...spec.methods } });
}
