import { excelSerialToDate, readHireDate, readJobLevel, readMobile } from '../../../server/roster/fields';

const value = <T>(result: { ok: true; value: T } | { ok: false; reason: string }): T | string => (result.ok ? result.value : `rejected: ${result.reason}`);

describe('hire dates', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024-3-1', '2024-03-01'],
    ['2024.3.1', '2024-03-01'],
    ['2024年3月1日', '2024-03-01'],
    ['２０２４／３／１', '2024-03-01'],
    ['2024/03/01 00:00:00', '2024-03-01'],
    ['20240301', '2024-03-01'],
    ['45352', '2024-03-01'],
    ['2024-02-29', '2024-02-29'],
  ])('reads text %s', (text, expected) => {
    expect(value(readHireDate(text))).toBe(expected);
  });

  it.each(['2023-02-29', '2024-00-10', '2024-13-01', '1899-12-31', '2101-01-01', '3/1/2024', '01/03/2024', 'next monday', '2024-03'])('refuses %s', (text) => {
    expect(value(readHireDate(text))).toMatch(/^rejected: 入职日期无法识别/);
  });

  it('reads Excel date cells by their calendar date, also with floating-point drift or a time of day', () => {
    expect(value(readHireDate(new Date(Date.UTC(2024, 2, 1))))).toBe('2024-03-01');
    expect(value(readHireDate(new Date(Date.UTC(2024, 2, 1) - 1)))).toBe('2024-03-01');
    expect(value(readHireDate(new Date(Date.UTC(2024, 2, 1, 17, 30))))).toBe('2024-03-01');
    expect(value(readHireDate(new Date(Number.NaN)))).toMatch(/^rejected/);
  });

  it('reads numeric cells as day serials or as YYYYMMDD', () => {
    expect(value(readHireDate(45352))).toBe('2024-03-01');
    expect(value(readHireDate(45352.75))).toBe('2024-03-01');
    expect(value(readHireDate(20240301))).toBe('2024-03-01');
    expect(value(readHireDate(-3))).toMatch(/^rejected/);
  });

  // Excel counts 1900-02-29 (serial 60), a day that never existed; serials on either side must land right.
  it('handles the 1900 leap-year quirk of Excel serials', () => {
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(59)).toBe('1900-02-28');
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(0)).toBeNull();
  });
});

describe('job levels', () => {
  it.each([
    ['员工', 'individual'],
    ['个人贡献者', 'individual'],
    ['Individual', 'individual'],
    ['一线经理', 'first_line_manager'],
    ['基层经理', 'first_line_manager'],
    ['first_line_manager', 'first_line_manager'],
    [' 中高层 ', 'middle_senior_manager'],
    ['中高层经理', 'middle_senior_manager'],
    ['middle_senior_manager', 'middle_senior_manager'],
  ])('reads %s', (text, level) => {
    expect(value(readJobLevel(text))).toBe(level);
  });

  it('refuses anything else', () => {
    expect(value(readJobLevel('总监'))).toBe('rejected: 职级无法识别：总监（应为 员工、一线经理 或 中高层）');
  });
});

describe('mobiles', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['', null],
  ])('reads %s', (text, mobile) => {
    expect(value(readMobile(text))).toBe(mobile);
  });

  it('reads a numeric Excel cell', () => {
    expect(value(readMobile(13812345678))).toBe('13812345678');
  });

  it.each(['1381234567', '138123456789', '23812345678', '12812345678', '010-12345678', '+1 415 555 0100'])('refuses %s', (text) => {
    expect(value(readMobile(text))).toMatch(/^rejected: 手机号不正确/);
  });
});
