/** What Excel puts on the clipboard, split into bulk fulfilment rows (web/src/services/mall-paste.ts). */
import { BULK_FULFIL_LIMITS } from '../../../../typings/functions/points';
import { parseFulfilPaste } from '../../../../web/src/services/mall-paste';

const ORDER = `o:${'a1'.repeat(16)}`;

it('reads order numbers and employee numbers with carrier and tracking number, skipping a header and blank lines', () => {
  const text = ['订单号\t快递公司\t快递单号', `${ORDER}\t顺丰\tSF1001`, '', 'E1002\t中通\tZT2002', 'E1003\tYT3003', '"E1004"\t"圆通"\t"YT4004"\t'].join('\r\n');
  expect(parseFulfilPaste(text)).toEqual({
    rows: [
      { line: 2, orderId: ORDER, carrier: '顺丰', trackingNo: 'SF1001' },
      { line: 4, employeeNo: 'E1002', carrier: '中通', trackingNo: 'ZT2002' },
      { line: 5, employeeNo: 'E1003', carrier: '', trackingNo: 'YT3003' },
      { line: 6, employeeNo: 'E1004', carrier: '圆通', trackingNo: 'YT4004' },
    ],
    problems: [],
  });
});

it('names the lines it cannot use, with the contract limits', () => {
  const text = [
    'E1\t顺丰\tSF1',
    'E2',
    `E3\t顺丰\t${'9'.repeat(BULK_FULFIL_LIMITS.trackingNo + 1)}`,
    `${'E'.repeat(BULK_FULFIL_LIMITS.employeeNo + 1)}\tSF4`,
    '\t顺丰\tSF5',
  ].join('\n');
  const { rows, problems } = parseFulfilPaste(text);
  expect(rows.map((row) => row.line)).toEqual([1]);
  expect(problems.map((problem) => [problem.line, problem.reason])).toEqual([
    [2, '至少需要两列：订单号或工号、快递单号'],
    [3, `快递单号不能超过 ${BULK_FULFIL_LIMITS.trackingNo} 个字符`],
    [4, `工号不能超过 ${BULK_FULFIL_LIMITS.employeeNo} 个字符`],
    [5, '缺少订单号或工号'],
  ]);
});

it(`keeps at most ${BULK_FULFIL_LIMITS.rows} rows and reports the rest`, () => {
  const text = Array.from({ length: BULK_FULFIL_LIMITS.rows + 3 }, (_, i) => `E${i}\tSF${i}`).join('\n');
  const { rows, problems } = parseFulfilPaste(text);
  expect(rows).toHaveLength(BULK_FULFIL_LIMITS.rows);
  expect(problems).toHaveLength(3);
  expect(problems[0]).toMatchObject({ line: BULK_FULFIL_LIMITS.rows + 1 });
});
