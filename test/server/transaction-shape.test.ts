/**
 * Inside a transaction CloudBase allows single-document operations only: `doc()` and `add`, no `where`
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/transaction.html, 单记录操作;
 * https://docs.cloudbase.net/database/transaction). The local cloud cannot refuse a `where().update()` or
 * `where().remove()` made inside one: @cloudbase/database 1.4.3 sends both without the transaction id
 * (query.js `update`/`remove`), so at the server they are ordinary writes that escape the transaction and its
 * rollback, indistinguishable from any other invocation's. The guard is therefore here, on the product's
 * source: no transaction body writes through `where()`, on the transaction handle or on the database.
 * Helpers a body calls are not followed; `Tx` (server/core/transaction.ts) offers no `where` at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { filesUnder } from '../helpers/files';

const SERVER = path.resolve(__dirname, '../../server');

/** Calls whose function argument is a transaction body. */
const TRANSACTION_RUNNERS = new Set(['runTransaction', 'transactWithBackoff']);

const sourceFiles = (dir: string): string[] => filesUnder(dir, '.ts');

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Whether a call chain such as `x.collection(c).where(q).limit(n)` passes through `.where(`. */
function chainHasWhere(node: ts.Expression): boolean {
  let current: ts.Expression = node;
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current)) {
    if (ts.isCallExpression(current)) {
      if (calleeName(current) === 'where') return true;
      current = current.expression;
    } else {
      current = current.expression;
    }
  }
  return false;
}

/** `where(...)...update(...)` and `where(...)...remove(...)` calls under `body`, as file:line strings. */
function whereWrites(body: ts.Node, file: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if ((method === 'update' || method === 'remove') && chainHasWhere(node.expression.expression)) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        found.push(`${path.relative(SERVER, file.fileName)}:${line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** Every transaction body in the file: function arguments of runTransaction-like calls. */
function transactionBodies(file: ts.SourceFile): ts.Node[] {
  const bodies: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && TRANSACTION_RUNNERS.has(calleeName(node) ?? '')) {
      for (const arg of node.arguments) if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) || ts.isIdentifier(arg)) bodies.push(arg);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return bodies;
}

/** A named body (`runTransaction(db, body)`) is looked up in the same file. */
function resolveBody(node: ts.Node, file: ts.SourceFile): ts.Node | undefined {
  if (!ts.isIdentifier(node)) return node;
  let found: ts.Node | undefined;
  const visit = (candidate: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(candidate) && ts.isIdentifier(candidate.name) && candidate.name.text === node.text && candidate.initializer)
      found = candidate.initializer;
    else if (ts.isFunctionDeclaration(candidate) && candidate.name?.text === node.text) found = candidate;
    else ts.forEachChild(candidate, visit);
  };
  visit(file);
  return found;
}

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function violations(file: ts.SourceFile): string[] {
  return transactionBodies(file).flatMap((body) => {
    const resolved = resolveBody(body, file);
    return resolved ? whereWrites(resolved, file) : [];
  });
}

describe('transaction bodies', () => {
  it('never write through where(): the write would run outside the transaction', () => {
    const files = sourceFiles(SERVER).map((fileName) => parse(fileName, fs.readFileSync(fileName, 'utf8')));
    // The scan reaches the product's transactions (a scan that found none would pass vacuously).
    expect(files.flatMap(transactionBodies).length).toBeGreaterThanOrEqual(10);
    expect(files.flatMap(violations)).toEqual([]);
  });

  it('finds a where() write in a transaction body, on the handle or on the database, inline or named', () => {
    const sample = parse(
      path.join(SERVER, 'sample.ts'),
      [
        'await runTransaction(db, async (tx) => {',
        '  await tx.collection("a").doc("1").update({ data: { n: 1 } });',
        '  await (tx as any).collection("a").where({ n: 1 }).update({ data: { n: 2 } });',
        '  await db.collection("b").where({ n: 1 }).limit(5).remove();',
        '});',
        'const body = async (tx) => { await tx.collection("c").where({}).update({ data: {} }); };',
        'await transactWithBackoff(db, body);',
        'await db.collection("d").where({ n: 1 }).update({ data: { n: 2 } });',
      ].join('\n'),
    );
    expect(violations(sample)).toEqual(['sample.ts:3', 'sample.ts:4', 'sample.ts:6']);
  });
});
