import type { Command } from 'commander';
import { shanghaiDate, shanghaiTime } from '../domain/calendar/shanghai-time.ts';
import { AnxinError } from '../core/errors.ts';
import { getCustomerView, type CustomerMatch, type CustomerView } from '../domain/customer-view.ts';
import { t, type Lang } from '../i18n/index.ts';
import { cliLang, fail, withDatabase } from './db.ts';
import { terminalSafe, terminalSafeJson } from './terminal-text.ts';

/** Terminal width of a string: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

function cut(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** A plain-text table with aligned columns (CJK-aware); long cells are cut at `max` columns, control characters escaped. */
export function renderTable(head: string[], rows: string[][], max = 40, indent = '  '): string {
  const cells = [head, ...rows].map((r) => r.map((c) => cut(terminalSafe(c, { singleLine: true }), max)));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells
    .map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - displayWidth(c)))).join('  ').trimEnd())
    .join('\n');
}

/** `2026-11-29 14:03` in Asia/Shanghai. */
export function shanghaiMinute(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const { hour, minute } = shanghaiTime(d);
  return `${shanghaiDate(d)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The single customer view as readable text (everything already masked by getCustomerView). */
export function renderCustomerView(lang: Lang, v: CustomerView): string {
  const L = (k: string, vars = {}) => t(lang, `import:view.${k}`, vars);
  const yn = (b: boolean) => L(b ? 'yes' : 'no');
  const c = v.customer;
  const out: string[] = [L('title', { name: c.name, code: c.code ?? L('noCode') })];
  const pairs: Array<[string, string]> = [
    [L('phone'), c.phone || '-'], [L('idNumber'), c.idNumber || '-'], [L('gender'), c.gender],
    [L('birthday'), c.birthday ? `${c.birthday}${c.lunarBirthday ? ` (${L('lunar')})` : ''}` : '-'],
    [L('language'), c.language], [L('vip'), c.vipTier], [L('greeting'), yn(c.greetingConsent)],
    [L('marketing'), yn(c.marketingConsent)], [L('optedOut'), yn(c.optedOut)], [L('address'), c.address || '-'],
    [L('since'), c.since.slice(0, 10)],
  ];
  out.push(...pairs.map(([k, val]) => `  ${k}: ${val}`));
  const section = (title: string, body: string | null) => out.push('', title, body ?? `  ${L('none')}`);

  const col = (k: string) => L(`col.${k}`);
  section(
    L('policies', { count: v.policies.length }),
    v.policies.length
      ? renderTable(
          ['number', 'product', 'line', 'role', 'status', 'effective', 'coolingOff', 'premium', 'frequency', 'nextDue', 'agent'].map(col),
          v.policies.map((p) => [
            p.number, p.product, p.line, L(`roles.${p.role}`), p.status, p.effectiveDate ?? '', p.coolingOffEnd ?? '', p.premium ?? '',
            p.paymentFrequency, p.nextDueDate ?? '', p.agent ? `${p.agent.code} ${p.agent.name}${p.agent.status === 'left' ? L('agentLeft') : ''}` : '',
          ]),
        )
      : null,
  );
  for (const p of v.policies.filter((x) => x.payments.length)) {
    const shown = p.payments.slice(0, 6).map((x) => `${x.dueDate} ${x.amount} ${x.status}`);
    out.push(`  ${p.number} ${L('payments')}: ${shown.join(' · ')}${p.payments.length > 6 ? ` … (+${p.payments.length - 6})` : ''}`);
  }
  section(L('claims', { count: v.claims.length }), v.claims.length
    ? renderTable(['claim', 'policy', 'status', 'reported', 'description'].map(col), v.claims.map((x) => [x.number, x.policyNumber, x.status, shanghaiMinute(x.reportedAt), x.description]))
    : null);
  section(L('complaints', { count: v.complaints.length }), v.complaints.length
    ? renderTable(['complaint', 'category', 'status', 'received', 'acceptBy', 'decideBy', 'summary'].map(col), v.complaints.map((x) => [
        x.number, x.category, x.status, shanghaiMinute(x.receivedAt), shanghaiMinute(x.acceptanceDeadline), shanghaiMinute(x.decisionDeadline), x.subject,
      ]))
    : null);
  section(L('serviceRequests', { count: v.serviceRequests.length }), v.serviceRequests.length
    ? renderTable(['request', 'type', 'status', 'policy', 'created'].map(col), v.serviceRequests.map((x) => [x.number, x.type, x.status, x.policyNumber ?? '', shanghaiMinute(x.createdAt)]))
    : null);
  section(L('interactions', { count: v.interactions.length }), v.interactions.length
    ? renderTable(['time', 'kind', 'channel', 'summary'].map(col), v.interactions.map((x) => [shanghaiMinute(x.at), x.kind, x.channel ?? '', x.summary]), 60)
    : null);
  section(L('conversations', { count: v.conversations.length }), v.conversations.length
    ? renderTable(['conversation', 'channel', 'owner', 'messages', 'last'].map(col), v.conversations.map((x) => [x.id, x.channel, x.owner, String(x.messages), shanghaiMinute(x.lastMessageAt)]))
    : null);
  return terminalSafe(out.join('\n'));
}

/** The message for a failed lookup (not found / several customers), or null for other errors. */
export function lookupError(lang: Lang, err: unknown): string | null {
  if (!(err instanceof AnxinError)) return null;
  const d = (err.details ?? {}) as { by?: string; key?: string; matches?: CustomerMatch[] };
  const by = t(lang, `import:view.by.${d.by}`);
  if (err.code === 'customer_not_found') return t(lang, 'import:view.notFound', { by, key: d.key });
  if (err.code === 'customer_ambiguous') {
    const list = (d.matches ?? []).map((m) => `${m.name} (${m.code ?? m.id})`).join(', ');
    return t(lang, 'import:view.ambiguous', { count: d.matches?.length, by, key: d.key, list });
  }
  if (err.code === 'customer_lookup_secret') return t(lang, 'import:view.needSecret');
  return null;
}

/** `anxin customer show <phone|policy-no|customer-code|id-number> [--json]` */
export function register(program: Command): void {
  const customer = program.command('customer').description('customers: the single customer view');
  customer
    .command('show')
    .description('profile (masked), policies, payments, claims, complaints, service requests, interactions, conversations')
    .argument('<key>', 'mobile number, policy number, customer code or ID number')
    .option('--json', 'print JSON instead of text')
    .option('--lang <lang>', 'zh or en')
    .action(async (key: string, o: { json?: boolean; lang?: string }) => {
      const lang = cliLang(o.lang);
      await withDatabase(async (db, config) => {
        try {
          const view = await getCustomerView(db, key, { secret: config.ANXIN_ID_SECRET });
          console.log(o.json ? terminalSafeJson(JSON.stringify(view, null, 2)) : renderCustomerView(lang, view));
        } catch (err) {
          const message = lookupError(lang, err);
          if (message === null) throw err;
          fail(message);
        }
      });
    });
}
