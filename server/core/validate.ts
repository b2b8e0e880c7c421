/** Runtime validation of action inputs with their schemas; failures name the field in Chinese. */
import * as z from 'zod/mini';
import { isHostileKey, type Schema } from '../../typings/contract';
import { fieldName, issueMessage } from '../../typings/input-messages';
import { AppError } from './errors';

interface Visit {
  value: unknown;
  key: PropertyKey | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The path of the first key anywhere in `input` that no client may use (typings/contract.ts `isHostileKey`),
 * or null. Walks own enumerable keys with an explicit stack and parent links, so a deeply nested body costs
 * time in proportion to its size and cannot overflow the call stack.
 */
export function hostileKeyPath(input: unknown): string | null {
  const stack: Visit[] = [{ value: input, key: null, parent: null }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const { value } = visit;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        stack.push({ value: item, key: index, parent: visit as Visit });
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Visit = { value: (value as Record<string, unknown>)[key], key, parent: visit };
      if (isHostileKey(key)) return fieldName(pathOf(child));
      stack.push(child);
    }
  }
  return null;
}

/**
 * Parses `input`; on failure throws INVALID_INPUT naming the first offending field. A hostile key name at
 * any depth is refused first, whatever the schema would do with it (strip it, or key a record with it).
 */
export function parseInput<S extends Schema>(schema: S, input: unknown): z.output<S> {
  const hostile = hostileKeyPath(input);
  if (hostile !== null) throw new AppError('INVALID_INPUT', `参数名 ${hostile} 不允许使用`);
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new AppError('INVALID_INPUT', first ? issueMessage(first, input) : undefined);
}
