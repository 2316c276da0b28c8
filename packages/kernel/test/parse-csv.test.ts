import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from '../src/text/parse-csv';

/** Rows of `text` fed to the reader in chunks of `size` characters (chunk edges fall anywhere). */
async function rowsOf(text: string, size = text.length || 1): Promise<string[][]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out: string[][] = [];
  for await (const rows of parseCsv(chunks())) out.push(...rows);
  return out;
}

describe('CSV reader of imports', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, trims, skips empty lines, drops a BOM', async () => {
    const text = '\uFEFF姓名, 手机 ,备注\r\n"王芳",13800138000,"说""好的"", 明天\r\n再联系"\r\n\r\n  李雷 ,, \r\n';
    for (const size of [1, 2, 3, 7, 1000]) {
      expect(await rowsOf(text, size)).toEqual([
        ['姓名', '手机', '备注'],
        ['王芳', '13800138000', '说"好的", 明天\r\n再联系'],
        ['李雷', '', ''],
      ]);
    }
    expect(await rowsOf('a,b\rc,d\re')).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(await rowsOf('')).toEqual([]);
  });

  it('names the line of an unclosed quote or of text after a closing quote', async () => {
    await expect(rowsOf('name,note\n张三,ok\n李四,"not closed\nstill open')).rejects.toMatchObject({ code: 'unclosed_quote', line: 3 });
    await expect(rowsOf('name\n"closed"x\n')).rejects.toMatchObject({ code: 'invalid_quote', line: 2 });
    await expect(rowsOf('name\nab"c\n')).rejects.toBeInstanceOf(CsvError);
  });

  it('reads 10,000 generated files as csv-parse does (same line ending within a file)', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['a', 'b', '张', ' ', ',', '\n', '"x"', '"a,b"', '"q""q"', '"l\nl"', '', '  ', 'x y', '"', 'z"'];
    for (let t = 0; t < 10_000; t++) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      if (random() < 0.5) text = text.replace(/\n/g, '\r\n');
      let expected: string[][] | 'error';
      try {
        expected = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
      } catch {
        expected = 'error';
      }
      const actual = await rowsOf(text, 1 + Math.floor(random() * 5)).catch(() => 'error' as const);
      expect(actual, JSON.stringify(text)).toEqual(expected);
    }
  });
});
