import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One parsed CSV record with the line it starts on (header = line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A stretch of the file the parser could not read (e.g. bad quoting); reported as a bad row. */
export interface CsvSyntaxError {
  line: number;
  /** csv-parse's error code, e.g. CSV_INVALID_CLOSING_QUOTE, CSV_QUOTE_NOT_CLOSED. */
  code: string;
  message: string;
  /** For an unclosed quote: the last line swallowed by it (everything from `line` to here was not read). */
  toLine?: number;
}

/** Encodings an import file may use: Excel on Chinese Windows saves "CSV" as GBK. */
export type CsvEncoding = 'utf8' | 'gbk' | 'gb18030';

/** Decodes GBK / GB18030 chunks to UTF-8 text, keeping multi-byte characters split across chunks intact. */
function decoder(encoding: 'gbk' | 'gb18030'): Transform {
  const d = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, d.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, d.decode());
    },
  });
}

/**
 * Streams the records of a CSV file. Cells are trimmed; blank lines and rows of empty cells (Excel leaves them at
 * the end) are skipped; a UTF-8 BOM is dropped. Records with a different number of cells than the header are
 * passed through so the caller can report them; records the parser cannot read at all go to `syntaxErrors`.
 */
export async function* readCsvRecords(
  input: Readable,
  opts: { encoding?: CsvEncoding; syntaxErrors: CsvSyntaxError[] },
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    info: true,
  });
  const errors: CsvSyntaxError[] = [];
  parser.on('skip', (err: Error & { lines?: number; code?: string }) => {
    errors.push({ line: err.lines ?? 0, code: err.code ?? 'CSV_ERROR', message: err.message });
  });
  const encoding = opts.encoding ?? 'utf8';
  const source = encoding === 'utf8' ? input : input.pipe(decoder(encoding));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);

  // csv-parse reports the line a record *ends* on, but counts a CRLF inside a quoted cell as two lines. Correct
  // for that, then step back over the line breaks inside the record's own cells to find the line it starts on.
  let crlfInCells = 0;
  let lastEnd = 1;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    let breaks = 0;
    for (const cell of record) {
      if (!cell.includes('\n') && !cell.includes('\r')) continue;
      crlfInCells += cell.split('\r\n').length - 1;
      breaks += cell.split(/\r\n|\r|\n/).length - 1;
    }
    const line = info.lines - crlfInCells - breaks;
    lastEnd = line + breaks;
    // Rows of empty cells are skipped here, not by csv-parse, which would not count them as lines.
    if (record.every((c) => c === '')) continue;
    yield { line, cells: record };
  }
  // csv-parse reports an unclosed quote at the end of the file; it opened after the last record read. When a bad
  // closing quote started it, that line is already reported: widen it to everything that was swallowed.
  for (const e of errors) {
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const from = Math.min(lastEnd + 1, e.line);
      const earlier = opts.syntaxErrors.find((x) => x.line >= from);
      if (earlier) earlier.toLine = e.line;
      else opts.syntaxErrors.push({ ...e, line: from, toLine: e.line });
    } else if (!opts.syntaxErrors.some((x) => x.line === e.line)) opts.syntaxErrors.push(e);
  }
}
