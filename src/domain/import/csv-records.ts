import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One parsed CSV record with the line it starts on (header = line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A stretch of the file the parser could not read (e.g. an unclosed quote); reported as a bad row. */
export interface CsvSyntaxError {
  line: number;
  message: string;
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
  parser.on('skip', (err: Error & { lines?: number }) => {
    opts.syntaxErrors.push({ line: err.lines ?? 0, message: err.message });
  });
  const encoding = opts.encoding ?? 'utf8';
  const source = encoding === 'utf8' ? input : input.pipe(decoder(encoding));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);

  // csv-parse reports the line a record *ends* on; a record starts after the previous one plus any skipped lines.
  let prevEnd = 0;
  let prevSkipped = 0;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; empty_lines: number; comment_lines: number };
  }>) {
    const skipped = info.empty_lines + info.comment_lines;
    const line = prevEnd + 1 + (skipped - prevSkipped);
    prevEnd = info.lines;
    prevSkipped = skipped;
    // Rows of empty cells are skipped here, not by csv-parse, which would not count them as lines.
    if (record.every((c) => c === '')) continue;
    yield { line, cells: record };
  }
}
