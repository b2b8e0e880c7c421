/**
 * The Chinese message for a failed schema check, naming the field: what the server answers to bad input
 * (server/core/validate.ts) and what the console shows before sending anything (typings/course-folder.ts),
 * so both say the same thing.
 */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  array: '列表',
  object: '对象',
  date: '日期',
};

export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
    .join('.')
    .replace(/\.\[/g, '[');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

export function issueMessage(issue: Issue, input: unknown): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `不支持的参数：${issue.keys.map((key) => fieldName([...issue.path, key])).join('、')}`;
    case 'invalid_type': {
      if (valueAt(input, issue.path) === undefined) return `缺少参数 ${field}`;
      const expected = TYPE_NAMES[issue.expected];
      return expected ? `参数 ${field} 应为${expected}` : `参数 ${field} 类型不正确`;
    }
    case 'too_big':
      return `参数 ${field} 不能超过 ${String(issue.maximum)}`;
    case 'too_small':
      return `参数 ${field} 不能小于 ${String(issue.minimum)}`;
    case 'invalid_value':
      return `参数 ${field} 的取值不在允许范围内`;
    case 'invalid_format':
      return `参数 ${field} 格式不正确`;
    default:
      return field ? `参数 ${field} 不正确` : '请求参数不正确';
  }
}
