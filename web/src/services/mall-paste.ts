/**
 * Rows for a bulk fulfilment (批量发货), parsed from what Excel puts on the clipboard: one line per row,
 * cells separated by tabs. Columns: order number or employee number, then carrier and tracking number (or
 * only the tracking number). A header line is skipped. The server matches the rows (points.fulfilOrders with
 * dryRun); this only splits them and checks the contract's limits, so the preview can say which line is wrong.
 */
import { BULK_FULFIL_LIMITS } from '../../../typings/functions/points';

export interface PastedRow {
  /** 1-based line of the paste. */
  line: number;
  orderId?: string;
  employeeNo?: string;
  carrier: string;
  trackingNo: string;
}

export interface PasteProblem {
  line: number;
  text: string;
  reason: string;
}

export interface ParsedPaste {
  rows: PastedRow[];
  problems: PasteProblem[];
}

/** Order numbers as the server makes them (server/points/mall/orders.ts orderId) and the export lists them. */
const ORDER_NUMBER = /^o:[0-9a-f]{32}$/;
const HEADER = /订单|工号|快递|单号|物流/;

function cellsOf(line: string): string[] {
  const cells = line.includes('\t') ? line.split('\t') : line.split(/,|，/);
  const trimmed = cells.map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed;
}

export function parseFulfilPaste(text: string): ParsedPaste {
  const rows: PastedRow[] = [];
  const problems: PasteProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = cellsOf(raw);
    const [key = '', ...rest] = cells;
    if (rows.length === 0 && problems.length === 0 && !ORDER_NUMBER.test(key) && HEADER.test(raw)) return;
    const problem = (reason: string) => problems.push({ line, text: raw, reason });
    if (cells.length < 2) return problem('至少需要两列：订单号或工号、快递单号');
    const trackingNo = rest[rest.length - 1] ?? '';
    const carrier = rest.length >= 2 ? (rest[rest.length - 2] ?? '') : '';
    if (trackingNo === '') return problem('缺少快递单号');
    if (trackingNo.length > BULK_FULFIL_LIMITS.trackingNo) return problem(`快递单号不能超过 ${BULK_FULFIL_LIMITS.trackingNo} 个字符`);
    if (carrier.length > BULK_FULFIL_LIMITS.carrier) return problem(`快递公司不能超过 ${BULK_FULFIL_LIMITS.carrier} 个字符`);
    if (ORDER_NUMBER.test(key)) return rows.push({ line, orderId: key, carrier, trackingNo });
    if (key === '') return problem('缺少订单号或工号');
    if (key.length > BULK_FULFIL_LIMITS.employeeNo) return problem(`工号不能超过 ${BULK_FULFIL_LIMITS.employeeNo} 个字符`);
    return rows.push({ line, employeeNo: key, carrier, trackingNo });
  });
  if (rows.length > BULK_FULFIL_LIMITS.rows) {
    for (const row of rows.splice(BULK_FULFIL_LIMITS.rows))
      problems.push({ line: row.line, text: '', reason: `一次最多发放 ${BULK_FULFIL_LIMITS.rows} 行，请分批粘贴` });
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}
