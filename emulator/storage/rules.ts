/**
 * Storage security rules (存储安全规则) as CloudBase evaluates them for client requests: a JSON object
 * `{ "read": <bool | expression>, "write": <bool | expression> }`; a missing key denies. Server calls (the
 * SDK in functions, the console) are never checked. `write` covers uploading, overwriting and deleting.
 *   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules.html
 *   https://docs.cloudbase.net/storage/security-rules/secure_resource (auth, resource.openid, resource.path,
 *   regular-expression literals with `.test()`, compared explicitly with `== true`)
 * Expressions support what the rule language documents (https://docs.cloudbase.net/rule/learn-rules):
 * `== != > >= < <= in && || !`, `.` and `[]` access, literals, arrays, and regex literals with `.test(x)`;
 * nothing else (no string functions, no concatenation). Reading a field of `null` is an error, which denies.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface StorageRules {
  read?: boolean | string;
  write?: boolean | string;
}

/**
 * The rule variables: `auth` is null for a caller signed in nowhere. A WeChat caller carries its openid; a web
 * (browser) caller its CloudBase uid and login type (`CUSTOM`, `ANONYMOUS`), and a file it uploads is owned
 * by that uid (`resource.openid == auth.uid` for non-WeChat logins:
 * https://docs.cloudbase.net/storage/security-rules/user_secure).
 */
export interface RuleContext {
  auth: { openid: string; loginType: string } | { uid: string; loginType: string } | null;
  resource: { openid: string | null; path: string };
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The project's storage rules (database/storage-rules.json); without the file every client call is denied. */
export function loadStorageRules(file = path.join(PROJECT_ROOT, 'database', 'storage-rules.json')): StorageRules {
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StorageRules;
}

export function allows(rules: StorageRules, operation: 'read' | 'write', context: RuleContext): boolean {
  const rule = rules[operation];
  if (typeof rule === 'boolean') return rule;
  if (typeof rule !== 'string') return false;
  try {
    return evaluate(parse(rule), context) === true;
  } catch {
    return false;
  }
}

/** Checks that every rule parses, so a typo fails at start-up instead of denying everything. */
export function checkStorageRules(rules: StorageRules): void {
  for (const key of Object.keys(rules)) {
    if (key !== 'read' && key !== 'write') throw new Error(`storage rules: unknown operation ${key}`);
    const rule = rules[key];
    if (typeof rule === 'string') parse(rule);
    else if (typeof rule !== 'boolean') throw new Error(`storage rules: ${key} must be a boolean or an expression`);
  }
}

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: Node; property: Node }
  | { kind: 'test'; regex: Node; argument: Node }
  | { kind: 'array'; items: Node[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; operator: string; left: Node; right: Node };

type Token = { type: 'punct' | 'name' | 'number' | 'string' | 'regex'; value: string; flags?: string };

const PUNCTUATION = ['==', '!=', '>=', '<=', '&&', '||', '>', '<', '!', '(', ')', '[', ']', '.', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // A `/` starts a regex where an operand is expected (start, after an operator or an opening bracket).
  const operandExpected = () => {
    const last = tokens[tokens.length - 1];
    return !last || (last.type === 'punct' && last.value !== ')' && last.value !== ']');
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '/' && operandExpected()) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && (source[j] !== '/' || inClass)) {
        if (source[j] === '\\') j += 1;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j += 1;
      }
      if (j >= source.length) throw new Error('unterminated regular expression');
      const body = source.slice(i + 1, j);
      const flags = /^[gimsuy]*/.exec(source.slice(j + 1))?.[0] ?? '';
      tokens.push({ type: 'regex', value: body, flags });
      i = j + 1 + flags.length;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\') j += 1;
        text += source[j] ?? '';
        j += 1;
      }
      if (j >= source.length) throw new Error('unterminated string');
      tokens.push({ type: 'string', value: text });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const number = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))?.[0] as string;
      tokens.push({ type: 'number', value: number });
      i += number.length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))?.[0] as string;
      tokens.push({ type: 'name', value: name });
      i += name.length;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) throw new Error(`unexpected character ${c}`);
      tokens.push({ type: 'punct', value: punct });
      i += punct.length;
    }
  }
  return tokens;
}

const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '>': 4, '>=': 4, '<': 4, '<=': 4, in: 4 };

function parse(source: string): Node {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const take = (value?: string): Token => {
    const token = tokens[position];
    if (!token || (value !== undefined && token.value !== value)) throw new Error(`expected ${value ?? 'a token'} at ${position}`);
    position += 1;
    return token;
  };
  const isOperator = (token: Token | undefined) =>
    token !== undefined && (token.type === 'punct' || token.value === 'in') && PRECEDENCE[token.value] !== undefined;

  function primary(): Node {
    const token = take();
    if (token.type === 'punct' && token.value === '(') {
      const inner = expression(0);
      take(')');
      return inner;
    }
    if (token.type === 'punct' && token.value === '!') return { kind: 'not', operand: postfix(primary()) };
    if (token.type === 'punct' && token.value === '[') {
      const items: Node[] = [];
      while (peek()?.value !== ']') {
        items.push(expression(0));
        if (peek()?.value === ',') take(',');
      }
      take(']');
      return { kind: 'array', items };
    }
    if (token.type === 'string') return { kind: 'literal', value: token.value };
    if (token.type === 'number') return { kind: 'literal', value: Number(token.value) };
    if (token.type === 'regex') return { kind: 'literal', value: new RegExp(token.value, token.flags) };
    if (token.type === 'name') {
      if (token.value === 'true') return { kind: 'literal', value: true };
      if (token.value === 'false') return { kind: 'literal', value: false };
      if (token.value === 'null') return { kind: 'literal', value: null };
      if (token.value === 'auth' || token.value === 'resource') return { kind: 'name', name: token.value };
    }
    throw new Error(`unexpected ${token.value}`);
  }

  function postfix(node: Node): Node {
    for (;;) {
      const next = peek();
      if (next?.value === '.') {
        take('.');
        const name = take();
        if (name.type !== 'name') throw new Error('expected a property name');
        if (name.value === 'test' && peek()?.value === '(') {
          take('(');
          const argument = expression(0);
          take(')');
          node = { kind: 'test', regex: node, argument };
        } else {
          node = { kind: 'member', object: node, property: { kind: 'literal', value: name.value } };
        }
      } else if (next?.value === '[') {
        take('[');
        const property = expression(0);
        take(']');
        node = { kind: 'member', object: node, property };
      } else {
        return node;
      }
    }
  }

  function expression(minimum: number): Node {
    let left = postfix(primary());
    while (isOperator(peek()) && (PRECEDENCE[peek()?.value as string] as number) > minimum) {
      const operator = take().value;
      const right = expression(PRECEDENCE[operator] as number);
      left = { kind: 'binary', operator, left, right };
    }
    return left;
  }

  const tree = expression(0);
  if (position !== tokens.length) throw new Error(`unexpected ${tokens[position]?.value}`);
  return tree;
}

function evaluate(node: Node, context: RuleContext): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name':
      return node.name === 'auth' ? context.auth : context.resource;
    case 'member': {
      const object = evaluate(node.object, context);
      // Only the rule variables' fields: strings have no properties here (no `.length`, no methods).
      if (object === null || typeof object !== 'object') throw new Error('field of a non-object');
      const key = String(evaluate(node.property, context));
      return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
    }
    case 'test': {
      const regex = evaluate(node.regex, context);
      if (!(regex instanceof RegExp)) throw new Error('test() needs a regular expression');
      const argument = evaluate(node.argument, context);
      if (typeof argument !== 'string') throw new Error('test() needs a string');
      regex.lastIndex = 0;
      return regex.test(argument);
    }
    case 'array':
      return node.items.map((item) => evaluate(item, context));
    case 'not':
      return !evaluate(node.operand, context);
    case 'binary': {
      if (node.operator === '&&') return evaluate(node.left, context) === true && evaluate(node.right, context) === true;
      if (node.operator === '||') return evaluate(node.left, context) === true || evaluate(node.right, context) === true;
      const left = evaluate(node.left, context);
      const right = evaluate(node.right, context);
      switch (node.operator) {
        case '==':
          return left === right || (left == null && right == null);
        case '!=':
          return !(left === right || (left == null && right == null));
        case 'in':
          return Array.isArray(right) && right.includes(left);
        default:
          if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
          if (node.operator === '>') return (left as number) > (right as number);
          if (node.operator === '>=') return (left as number) >= (right as number);
          if (node.operator === '<') return (left as number) < (right as number);
          return (left as number) <= (right as number);
      }
    }
  }
}
