import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvEncoding, type CsvSyntaxError } from '../../../src/domain/import/csv-records.ts';

async function read(data: string | Buffer, encoding?: CsvEncoding) {
  const syntaxErrors: CsvSyntaxError[] = [];
  const records = [];
  // Small chunks so multi-byte characters and records straddle chunk boundaries.
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const chunks = Array.from({ length: Math.ceil(buf.length / 7) }, (_, i) => buf.subarray(i * 7, i * 7 + 7));
  for await (const r of readCsvRecords(Readable.from(chunks), { encoding, syntaxErrors })) records.push(r);
  return { records, syntaxErrors };
}

describe('reading CSV records', () => {
  it('numbers records by the line they start on, across blank lines, empty rows and quoted line breaks', async () => {
    const { records } = await read('\uFEFFa,b\n1,2\n\n"x\ny",3\n,\n  \n 4 , 5 \n6,7\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['x\ny', '3'] },
      { line: 8, cells: ['4', '5'] },
      { line: 9, cells: ['6', '7'] },
    ]);
  });

  it('counts Windows line endings inside quoted cells once', async () => {
    const { records } = await read('a,b\r\n1,2\r\n\r\n"x\r\ny\r\nz",3\r\n4,5\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 7]);
  });

  it('passes rows with the wrong number of cells through and reports bad quoting with its line', async () => {
    const { records, syntaxErrors } = await read('a,b\n1\n2,3,4\n5,x"y\n6,7\n');
    expect(records.map((r) => [r.line, r.cells.length])).toEqual([[1, 2], [2, 1], [3, 3], [5, 2]]);
    expect(syntaxErrors).toEqual([expect.objectContaining({ line: 4, code: 'INVALID_OPENING_QUOTE' })]);
  });

  it('says which lines a quote that never closes swallowed', async () => {
    const bad = await read('a,b\n1,2\n5,"bad"x\n6,7\n8,9\n');
    expect(bad.records.map((r) => r.line)).toEqual([1, 2]);
    expect(bad.syntaxErrors).toEqual([expect.objectContaining({ line: 3, code: 'CSV_INVALID_CLOSING_QUOTE', toLine: 5 })]);
    const open = await read('a,b\n1,2\n"never closed,3\n4,5\n');
    expect(open.syntaxErrors).toEqual([expect.objectContaining({ line: 3, code: 'CSV_QUOTE_NOT_CLOSED', toLine: 4 })]);
  });

  it('decodes GBK files (what Excel on Chinese Windows saves)', async () => {
    // "name\n张伟\n" in GBK.
    const gbk = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xd5, 0xc5, 0xce, 0xb0, 0x0a]);
    expect((await read(gbk, 'gbk')).records[1].cells).toEqual(['张伟']);
    expect((await read(gbk)).records[1].cells[0]).toContain('\uFFFD');
  });
});
