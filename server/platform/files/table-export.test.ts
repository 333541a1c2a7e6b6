import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { escapeFormula, toCsv, toXlsx, type ExportColumn } from './table-export.js';

type Row = { name: string; idNumber: string; count: number | null };
const columns: ExportColumn<Row>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '身份证号', value: (r) => r.idNumber },
  { header: '数量', value: (r) => r.count },
];
const rows: Row[] = [
  { name: '=HYPERLINK("http://x","点我")', idNumber: '43990119800101001X', count: 3 },
  { name: '张三, "老张"\n第二行', idNumber: '439901198001010028', count: null },
];

describe('table export', () => {
  it('prefixes every text a spreadsheet would treat as a formula or control sequence', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r', '\0']) expect(escapeFormula(`${lead}1`)).toBe(`'${lead}1`);
    expect(escapeFormula('1+1')).toBe('1+1');
    expect(escapeFormula('张三')).toBe('张三');
  });

  it('writes CSV as UTF-8 with a BOM, quoted where needed, formulas escaped', () => {
    const bytes = toCsv(columns, rows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe([
      '姓名,身份证号,数量',
      `"'=HYPERLINK(""http://x"",""点我"")",43990119800101001X,3`,
      '"张三, ""老张""\n第二行",439901198001010028,',
      '',
    ].join('\r\n'));
  });

  it('writes xlsx with text cells that keep every digit and are never formulas', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(columns, rows, '名册')) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('名册')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '数量']);
    const first = sheet.getRow(2);
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(1).value).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(first.getCell(2).value).toBe('43990119800101001X');
    expect(sheet.getRow(3).getCell(2).value).toBe('439901198001010028');
    expect(first.getCell(3).value).toBe(3);
    expect(first.getCell(2).numFmt).toBe('@');
  });
});
