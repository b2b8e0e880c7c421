/**
 * The type-level map of every cloud function and action: `Api[fn][action]` is `{ input; output }`.
 * The mini-program imports it as a type only; the functions derive it from their runtime schemas.
 */
import type { FunctionActions } from './functions';

export type Api = FunctionActions;
export type FunctionName = keyof Api & string;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never;

/**
 * The `data` sent to `wx.cloud.callFunction({ name: F, data })`: the action name next to the action's input
 * fields. `action` and `userInfo` (which WeChat injects) are reserved; any other unknown key is rejected.
 */
export type FunctionEvent<F extends FunctionName, A extends ActionName<F>> = { action: A } & ActionInput<F, A>;
