import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parseRosterFile, RosterFileError, type RosterParseResult } from '../../../server/roster';
import { csv, HEADER } from './helpers';

const FIXTURES = path.join(__dirname, '../../fixtures/roster');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** The realistic fixture: 12 people, two of them with a bad row (an impossible date, a short mobile). */
const EXPECTED_FIXTURE: RosterParseResult = {
  rows: [
    {
      row: 2,
      employeeNo: '00127',
      name: '王芳',
      departmentPath: ['总部', '人力资源部', '培训中心'],
      jobLevel: 'middle_senior_manager',
      hireDate: '2015-03-09',
      mobile: '13812345678',
    },
    {
      row: 3,
      employeeNo: '00128',
      name: '李强',
      departmentPath: ['总部', '人力资源部', '培训中心'],
      jobLevel: 'individual',
      hireDate: '2021-07-01',
      mobile: null,
    },
    {
      row: 4,
      employeeNo: '00131',
      name: '张敏',
      departmentPath: ['总部', '人力资源部'],
      jobLevel: 'first_line_manager',
      hireDate: '2018-11-20',
      mobile: '13912345678',
    },
    {
      row: 5,
      employeeNo: 'E2041',
      name: '刘洋',
      departmentPath: ['华东分公司', '销售一部'],
      jobLevel: 'first_line_manager',
      hireDate: '2019-04-15',
      mobile: '15900001111',
    },
    {
      row: 6,
      employeeNo: 'E2042',
      name: '陈静',
      departmentPath: ['华东分公司', '销售一部'],
      jobLevel: 'individual',
      hireDate: '2024-10-08',
      mobile: '18600002222',
    },
    { row: 7, employeeNo: 'E2043', name: '杨磊', departmentPath: ['华东分公司', '销售二部'], jobLevel: 'individual', hireDate: '2022-05-16', mobile: null },
    {
      row: 8,
      employeeNo: 'E2044',
      name: '黄娟',
      departmentPath: ['华东分公司', '客户服务部'],
      jobLevel: 'individual',
      hireDate: '2023-02-01',
      mobile: '17700003333',
    },
    {
      row: 9,
      employeeNo: 'S3001',
      name: '赵一鸣',
      departmentPath: ['华南分公司', '销售部'],
      jobLevel: 'middle_senior_manager',
      hireDate: '2012-06-30',
      mobile: '13500004444',
    },
    {
      row: 10,
      employeeNo: 'S3002',
      name: '吴欣怡',
      departmentPath: ['华南分公司', '销售部', '广州销售组'],
      jobLevel: 'first_line_manager',
      hireDate: '2020-01-06',
      mobile: null,
    },
    {
      row: 11,
      employeeNo: 'S3003',
      name: '周子涵',
      departmentPath: ['华南分公司', '销售部', '广州销售组'],
      jobLevel: 'individual',
      hireDate: '2024-09-02',
      mobile: '18800005555',
    },
  ],
  rejected: [
    { row: 12, employeeNo: 'S3004', reason: '入职日期无法识别：2023/13/1（应为 2024-03-01 或 2024/3/1 这样的日期）' },
    { row: 13, employeeNo: 'S3005', reason: '手机号不正确：1360000666（应为 11 位中国大陆手机号）' },
  ],
};

async function fileError(buffer: Buffer, fileName: string): Promise<string> {
  const error = await parseRosterFile(buffer, fileName).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RosterFileError);
  return (error as RosterFileError).message;
}

async function rejectionOf(line: string): Promise<{ reason: string; employeeNo?: string }> {
  const result = await parseRosterFile(csv(HEADER, line), 'roster.csv');
  expect(result.rows).toEqual([]);
  expect(result.rejected).toHaveLength(1);
  expect(result.rejected[0]?.row).toBe(2);
  return result.rejected[0] as { reason: string; employeeNo?: string };
}

describe('parseRosterFile: encodings', () => {
  it('reads the UTF-8 fixture with a BOM', async () => {
    expect(await parseRosterFile(fixture('roster-utf8-bom.csv'), 'roster-utf8-bom.csv')).toEqual(EXPECTED_FIXTURE);
  });

  it('reads the same roster saved by Chinese Excel in GBK', async () => {
    const gbk = fixture('roster-gbk.csv');
    // The fixture really is GBK: it is not valid UTF-8.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(await parseRosterFile(gbk, 'roster-gbk.csv')).toEqual(EXPECTED_FIXTURE);
  });

  it('reads UTF-8 without a BOM', async () => {
    expect(await parseRosterFile(fixture('roster-utf8-bom.csv').subarray(3), 'roster.CSV')).toEqual(EXPECTED_FIXTURE);
  });

  it('reads Excel\'s tab-separated UTF-16 "Unicode text"', async () => {
    const text = fixture('roster-utf8-bom.csv').subarray(3).toString('utf8').replace(/,/g, '\t');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await parseRosterFile(utf16, 'roster.txt')).toEqual(EXPECTED_FIXTURE);
  });
});

describe('parseRosterFile: headers', () => {
  it('accepts English headers in any order, extra columns, and template decorations', async () => {
    const result = await parseRosterFile(
      csv('Name,Employee No,备注,Job Level,Hire Date,Department', '王芳,00127,借调,individual,2020-01-02,总部/财务部'),
      'roster.csv',
    );
    expect(result.rows).toEqual([
      { row: 2, employeeNo: '00127', name: '王芳', departmentPath: ['总部', '财务部'], jobLevel: 'individual', hireDate: '2020-01-02' },
    ]);
    const decorated = await parseRosterFile(csv('工号*,姓名*,部门（路径）,职级,入职日期(YYYY-MM-DD),手机号码', 'A1,李四,总部,员工,2020-01-02,'), 'r.csv');
    expect(decorated.rows[0]).toMatchObject({ employeeNo: 'A1', departmentPath: ['总部'], mobile: null });
  });

  it('finds the header below a title row and keeps spreadsheet row numbers', async () => {
    const result = await parseRosterFile(csv('员工花名册,,,,,', HEADER, 'A1,李四,总部,员工,2020-01-02,'), 'r.csv');
    expect(result.rows.map((r) => r.row)).toEqual([3]);
  });

  it('fails the whole file when required columns are missing, naming them', async () => {
    expect(await fileError(csv('工号,姓名,部门', 'A1,李四,总部'), 'r.csv')).toBe(
      '缺少必需的列：职级、入职日期。表头应包含 工号、姓名、部门、职级、入职日期，手机可选',
    );
    expect(await fileError(csv('编号,名字,部门,职级,入职日期', 'A1,李四,总部,员工,2020-01-01'), 'r.csv')).toMatch(/^缺少必需的列：工号、姓名。/);
  });

  it('fails on a column given twice', async () => {
    expect(await fileError(csv('工号,姓名,部门,职级,入职日期,员工编号', 'A1,李四,总部,员工,2020-01-02,A2'), 'r.csv')).toBe(
      '表头中“工号”列出现了多次，请只保留一列',
    );
  });

  it('fails on an empty file and on a file with only a header', async () => {
    expect(await fileError(Buffer.alloc(0), 'r.csv')).toBe('文件是空的：缺少表头行，请使用花名册模板');
    expect(await fileError(csv(HEADER, ',,,,,', ''), 'r.csv')).toBe('文件中没有员工数据');
  });
});

describe('parseRosterFile: file-level limits and formats', () => {
  it('refuses an oversized file before reading it', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 0x41);
    expect(await fileError(big, 'r.csv')).toBe('文件过大（最大 5 MB），请拆分后分批导入');
    await expect(parseRosterFile(csv(HEADER, 'A1,李四,总部,员工,2020-01-02,'), 'r.csv', { maxBytes: 10 })).rejects.toThrow('文件过大');
  });

  it('refuses more data rows than the limit', async () => {
    const lines = [HEADER, 'A1,李四,总部,员工,2020-01-02,', 'A2,王五,总部,员工,2020-01-02,', 'A3,赵六,总部,员工,2020-01-02,'];
    await expect(parseRosterFile(csv(...lines), 'r.csv', { maxRows: 2 })).rejects.toThrow('文件行数过多（最多 2 行员工数据），请拆分后分批导入');
    expect((await parseRosterFile(csv(...lines), 'r.csv', { maxRows: 3 })).rows).toHaveLength(3);
  });

  it('refuses unknown types and legacy .xls', async () => {
    expect(await fileError(csv(HEADER), 'roster.pdf')).toBe('不支持的文件类型：roster.pdf，请上传 CSV 或 Excel（.xlsx）文件');
    expect(await fileError(csv(HEADER), 'roster.xls')).toBe('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入');
  });

  it('refuses a corrupt .xlsx', async () => {
    expect(await fileError(Buffer.from('not a zip file at all'), 'roster.xlsx')).toBe('无法读取该 Excel 文件，请确认文件未损坏且为 .xlsx 格式');
  });

  it('refuses malformed CSV with the line where it broke', async () => {
    expect(await fileError(csv(HEADER, 'A1,李四,总部,员工,2020-01-02,', 'A2,"王五,总部,员工,2020-01-02,'), 'r.csv')).toMatch(
      /^CSV 文件格式错误：第 \d+ 行附近无法解析/,
    );
  });
});

describe('parseRosterFile: rows', () => {
  it('counts rows as a spreadsheet does: blank lines count, a quoted multi-line cell is one row', async () => {
    const result = await parseRosterFile(
      csv(HEADER, 'A1,李四,总部,员工,2020-01-02,', '', '"A2","王\n五",总部,员工,2020-01-02,', 'A3,赵六,总部,员工,bad,'),
      'r.csv',
    );
    expect(result.rows.map((r) => [r.row, r.employeeNo])).toEqual([
      [2, 'A1'],
      [4, 'A2'],
    ]);
    expect(result.rows[1]?.name).toBe('王 五');
    expect(result.rejected).toEqual([{ row: 5, employeeNo: 'A3', reason: expect.stringContaining('入职日期无法识别：bad') }]);
  });

  it('keeps employee numbers as trimmed strings with their leading zeros, folding full-width digits', async () => {
    const result = await parseRosterFile(csv(HEADER, '  000123 ,李四,总部,员工,2020-01-02,', '０４５,王五,总部,员工,2020-01-02,'), 'r.csv');
    expect(result.rows.map((r) => r.employeeNo)).toEqual(['000123', '045']);
  });

  it('reads department paths with ／, \\ and spaces around separators', async () => {
    const result = await parseRosterFile(
      csv(HEADER, 'A1,李四, 总部 ／ 人力资源部 \\ 培训中心 ,员工,2020-01-02,', 'A2,王五,/总部/财务部/,员工,2020-01-02,'),
      'r.csv',
    );
    expect(result.rows.map((r) => r.departmentPath)).toEqual([
      ['总部', '人力资源部', '培训中心'],
      ['总部', '财务部'],
    ]);
  });

  it('omits mobile when the file has no mobile column', async () => {
    const result = await parseRosterFile(csv('工号,姓名,部门,职级,入职日期', 'A1,李四,总部,员工,2020-01-02'), 'r.csv');
    expect(result.rows[0]).not.toHaveProperty('mobile');
  });
});

describe('parseRosterFile: every rejection reason', () => {
  it.each([
    ['missing employee number', ',李四,总部,员工,2020-01-02,', '工号不能为空', undefined],
    ['missing name', 'A1,,总部,员工,2020-01-02,', '姓名不能为空', 'A1'],
    ['missing department', 'A1,李四,,员工,2020-01-02,', '部门不能为空', 'A1'],
    ['missing job level', 'A1,李四,总部,,2020-01-02,', '职级不能为空', 'A1'],
    ['missing hire date', 'A1,李四,总部,员工,,', '入职日期不能为空', 'A1'],
    ['bad employee number', 'A 1,李四,总部,员工,2020-01-02,', '工号只能包含字母、数字、短横线和下划线', undefined],
    ['too-long employee number', `${'1'.repeat(33)},李四,总部,员工,2020-01-02,`, '工号过长（最多 32 个字符）', undefined],
    ['too-long name', `A1,${'名'.repeat(51)},总部,员工,2020-01-02,`, '姓名过长（最多 50 个字符）', 'A1'],
    ['too-long department name', `A1,李四,总部/${'部'.repeat(51)},员工,2020-01-02,`, '部门过长（最多 50 个字符）', 'A1'],
    ['too-deep department', `A1,李四,${Array.from({ length: 11 }, (_, i) => `部${i}`).join('/')},员工,2020-01-02,`, '部门层级过多（最多 10 级）', 'A1'],
    ['empty department level', 'A1,李四,总部//培训中心,员工,2020-01-02,', '部门路径不正确：总部//培训中心（应为“总部/人力资源部/培训中心”这样的层级）', 'A1'],
    ['bad job level', 'A1,李四,总部,实习生,2020-01-02,', '职级无法识别：实习生（应为 员工、一线经理 或 中高层）', 'A1'],
    ['impossible date', 'A1,李四,总部,员工,2023-02-29,', '入职日期无法识别：2023-02-29（应为 2024-03-01 或 2024/3/1 这样的日期）', 'A1'],
    ['ambiguous date', 'A1,李四,总部,员工,3/1/2024,', '入职日期无法识别：3/1/2024（应为 2024-03-01 或 2024/3/1 这样的日期）', 'A1'],
    ['bad mobile', 'A1,李四,总部,员工,2020-01-02,12345678901', '手机号不正确：12345678901（应为 11 位中国大陆手机号）', 'A1'],
  ])('%s', async (_label, line, reason, employeeNo) => {
    const rejection = await rejectionOf(line);
    expect(rejection.reason).toBe(reason);
    expect(rejection.employeeNo).toBe(employeeNo);
  });

  it('lists every problem of a row together', async () => {
    expect((await rejectionOf('A1,,总部,经理,2020-02-30,')).reason).toBe(
      '姓名不能为空；职级无法识别：经理（应为 员工、一线经理 或 中高层）；入职日期无法识别：2020-02-30（应为 2024-03-01 或 2024/3/1 这样的日期）',
    );
  });

  it('rejects every row of a duplicated employee number, also next to an otherwise bad row', async () => {
    const result = await parseRosterFile(
      csv(HEADER, 'A1,李四,总部,员工,2020-01-02,', 'A2,王五,总部,员工,2020-01-02,', 'A1,李四,总部/财务部,员工,2020-01-02,', 'A2,王五,总部,员工,bad,'),
      'r.csv',
    );
    expect(result.rows).toEqual([]);
    expect(result.rejected).toEqual([
      { row: 2, employeeNo: 'A1', reason: '工号 A1 在文件中重复出现（第 2、4 行），请只保留一行' },
      { row: 3, employeeNo: 'A2', reason: '工号 A2 在文件中重复出现（第 3、5 行），请只保留一行' },
      { row: 4, employeeNo: 'A1', reason: '工号 A1 在文件中重复出现（第 2、4 行），请只保留一行' },
      { row: 5, employeeNo: 'A2', reason: expect.stringMatching(/^入职日期无法识别：bad.*；工号 A2 在文件中重复出现（第 3、5 行）/) },
    ]);
  });
});

describe('parseRosterFile: Excel', () => {
  async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    fill(book.addWorksheet('花名册'));
    book.addWorksheet('说明').addRow(['工号', '姓名']);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads the first sheet: date cells, day serials, numbers, rich text and formulas', async () => {
    const buffer = await workbook((sheet) => {
      sheet.addRow(['员工花名册']);
      sheet.addRow(['工号', '姓名', '部门', '职级', '入职日期', '手机']);
      sheet.addRow(['00127', '王芳', '总部/人力资源部/培训中心', '中高层', new Date(Date.UTC(2015, 2, 9)), 13812345678]);
      sheet.addRow([2042, { richText: [{ text: '陈' }, { text: '静', font: { bold: true } }] }, '华东分公司／销售一部', '一线经理', 45352, '']);
      sheet.addRow([]);
      sheet.addRow(['E2043', '杨磊', { formula: '"华东分公司"&"/销售二部"', result: '华东分公司/销售二部' }, '员工', '2022/5/16', null]);
      sheet.addRow(['E2044', '黄娟', '华东分公司/客户服务部', '员工', 'someday', null]);
      sheet.getCell('E3').numFmt = 'yyyy/m/d';
    });
    const result = await parseRosterFile(buffer, '花名册.xlsx');
    expect(result.rows).toEqual([
      {
        row: 3,
        employeeNo: '00127',
        name: '王芳',
        departmentPath: ['总部', '人力资源部', '培训中心'],
        jobLevel: 'middle_senior_manager',
        hireDate: '2015-03-09',
        mobile: '13812345678',
      },
      {
        row: 4,
        employeeNo: '2042',
        name: '陈静',
        departmentPath: ['华东分公司', '销售一部'],
        jobLevel: 'first_line_manager',
        hireDate: '2024-03-01',
        mobile: null,
      },
      { row: 6, employeeNo: 'E2043', name: '杨磊', departmentPath: ['华东分公司', '销售二部'], jobLevel: 'individual', hireDate: '2022-05-16', mobile: null },
    ]);
    expect(result.rejected).toEqual([{ row: 7, employeeNo: 'E2044', reason: expect.stringContaining('入职日期无法识别：someday') }]);
  });

  it('fails an Excel file with missing columns like a CSV', async () => {
    const buffer = await workbook((sheet) => {
      sheet.addRow(['工号', '姓名', '部门', '入职日期']);
      sheet.addRow(['A1', '李四', '总部', '2020-01-02']);
    });
    expect(await fileError(buffer, 'r.xlsx')).toMatch(/^缺少必需的列：职级。/);
  });
});
