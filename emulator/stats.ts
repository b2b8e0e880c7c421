/**
 * The local cloud's `/stats` page: protocol actions served since start (or the last counter reset) and the
 * queries served by a scan of a large collection, each with the index that would serve it. HTML for a
 * browser; JSON with `?format=json` (or `Accept: application/json`).
 */
import type http from 'node:http';
import type { DatabaseService, UnindexedQuery } from './db';

/** One line for the log: which collection, how large, the query's shape and the index to declare. */
export function unindexedWarning(query: UnindexedQuery): string {
  const index = query.index
    ? `declare the index ${query.index.name} ${JSON.stringify(query.index.keys)} in database/collections.json`
    : 'no field of the filter can be indexed';
  return `unindexed query on ${query.collection} (${query.documents.toLocaleString('en')} documents) served by a scan: ${query.shape}; ${index}`;
}

const escape = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function sendStats(res: http.ServerResponse, url: URL, database: DatabaseService, actions: { snapshot(): Record<string, number> }): void {
  const unindexed = database.unindexedQueries();
  const counts = actions.snapshot();
  const wantsJson = url.searchParams.get('format') === 'json' || /application\/json/.test(String(res.req?.headers.accept ?? ''));
  if (wantsJson) {
    const text = JSON.stringify({ unindexedQueries: unindexed, actions: counts });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
    return;
  }
  const rows = unindexed
    .map(
      (q) =>
        `<tr><td>${escape(q.collection)}</td><td>${q.documents.toLocaleString('en')}</td><td><code>${escape(q.shape)}</code></td><td>${q.index ? `<code>${escape(q.index.name)}</code> <code>${escape(JSON.stringify(q.index.keys))}</code>` : '-'}</td><td>${q.count}</td><td>${escape(q.firstAt)}</td></tr>`,
    )
    .join('\n');
  const actionRows = Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, n]) => `<tr><td>${escape(action)}</td><td>${n}</td></tr>`)
    .join('\n');
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>local cloud stats</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}</style></head>
<body><h1>Local cloud</h1>
<h2>Unindexed queries (${unindexed.length})</h2>
<p>Queries on collections above the threshold served by a scan, once per shape; CloudBase would need the index shown.</p>
<table><tr><th>collection</th><th>documents</th><th>shape</th><th>index that would serve it</th><th>seen</th><th>first</th></tr>
${rows || '<tr><td colspan="6">none</td></tr>'}
</table>
<h2>Actions served</h2>
<table><tr><th>action</th><th>count</th></tr>
${actionRows || '<tr><td colspan="2">none</td></tr>'}
</table></body></html>
`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page), 'cache-control': 'no-store' });
  res.end(page);
}
