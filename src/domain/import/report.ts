import { t, type Lang } from '../../i18n/index.ts';
import type { ColumnSpec } from './columns.ts';
import type { ImportResult, Reason, RowProblem } from './types.ts';

// Messages that already include the value.
const SELF_DESCRIBING = new Set(['column_count']);

/** `birthday: is not a real date (got "1990-02-30")`. */
export function formatReason(lang: Lang, r: Reason): string {
  const text = t(lang, `import:reason.${r.code}`, { arg: r.arg, value: r.value });
  const got = r.value !== undefined && !SELF_DESCRIBING.has(r.code) ? t(lang, 'import:got', { value: r.value }) : '';
  return `${r.column ? `${r.column}: ` : ''}${text}${got}`;
}

/** `line 5: birthday: is not a real date (got "1990-02-30"); phone: …` — one line per rejected row. */
export function formatProblem(lang: Lang, p: RowProblem): string {
  return `${t(lang, 'import:rowLine', { line: p.line })}${p.reasons.map((r) => formatReason(lang, r)).join(t(lang, 'import:separator'))}`;
}

/** The run's one-line summary. */
export function formatSummary(lang: Lang, r: ImportResult): string {
  return t(lang, r.dryRun ? 'import:summaryDry' : 'import:summary', {
    kind: t(lang, `import:kinds.${r.kind}`),
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    failed: r.failed,
  });
}

/** Explains a rejected header (AnxinError `import_header` details) and lists the columns the file may have. */
export function formatHeaderProblems(
  lang: Lang,
  details: { missing?: string[]; unknown?: string[]; duplicate?: string[]; notUtf8?: boolean },
  columns: ColumnSpec[],
): string {
  const lines = [t(lang, 'import:header.title')];
  const list = (xs: string[]) =>
    xs.map((x) => (x.includes('|') ? t(lang, 'import:header.either', { a: x.split('|')[0], b: x.split('|')[1] }) : x)).join(', ');
  if (details.missing?.length) lines.push(`  ${t(lang, 'import:header.missing', { list: list(details.missing) })}`);
  if (details.unknown?.length) lines.push(`  ${t(lang, 'import:header.unknown', { list: list(details.unknown) })}`);
  if (details.duplicate?.length) lines.push(`  ${t(lang, 'import:header.duplicate', { list: list(details.duplicate) })}`);
  if (details.notUtf8) lines.push(`  ${t(lang, 'import:header.notUtf8')}`);
  lines.push(`  ${t(lang, 'import:header.expected', { list: columns.map((c) => (c.required ? `${c.column}*` : c.column)).join(', ') })}`);
  return lines.join('\n');
}
