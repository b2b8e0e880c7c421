/** Reading action answers (typings/envelope.ts) in tests. */
import type { Envelope } from '../../typings/envelope';

/** The refusal's code, or OK. */
export function codeOf(answer: Envelope<unknown>): string {
  return answer.ok ? 'OK' : answer.code;
}

/** The answer's data; a refusal fails the test with its code and message. */
export function dataOf<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`);
  return answer.data;
}
