/** Checks a conversation's final `expect` block against the records it left. */
import type { Db } from '../../db/client.ts';
import { comparable, fieldMatches } from './match.ts';
import { newRecords, newUnanswered, type Baseline, type FlatRecord } from './records.ts';
import type { Check } from './result.ts';
import type { ExpectBlock, RecordExpect, RecordKind } from './schema.ts';

const KINDS: RecordKind[] = ['claim', 'complaint', 'serviceRequest', 'whistleblow', 'escalation'];

/** Short text of a record for failure messages: the fields the expectation named. */
function brief(r: FlatRecord, fields: string[]): string {
  return `{${fields.map((f) => `${f}: ${JSON.stringify(comparable(r[f]))}`).join(', ')}}`;
}

function checkRecords(kind: RecordKind, expected: RecordExpect, rows: FlatRecord[]): Check[] {
  const what = `expect.${kind}`;
  if (expected === 'none') return [{ ok: rows.length === 0, what: `${what}: none`, detail: rows.length ? `${rows.length} stored: ${rows.map((r) => JSON.stringify(r.number ?? r.id)).join(', ')}` : undefined }];
  if (expected === 'any') return [{ ok: rows.length > 0, what: `${what}: any`, detail: rows.length ? undefined : 'none stored' }];
  const fields = Object.keys(expected);
  if (!rows.length) return [{ ok: false, what: `${what} ${JSON.stringify(expected)}`, detail: 'none stored' }];
  // Some stored record must meet every field; report against the closest one.
  const scored = rows.map((r) => ({ r, misses: fields.filter((f) => !fieldMatches(r[f], expected[f])) })).sort((a, b) => a.misses.length - b.misses.length);
  const best = scored[0];
  return fields.map((f) => {
    const ok = !best.misses.includes(f);
    const unknown = !(f in best.r);
    return {
      ok,
      what: `${what}.${f} = ${JSON.stringify(expected[f])}`,
      detail: ok ? undefined : unknown ? `no such field on ${kind} (fields: ${Object.keys(best.r).join(', ')})` : `stored ${JSON.stringify(comparable(best.r[f]))}${rows.length > 1 ? ` (closest of ${rows.length}: ${brief(best.r, fields)})` : ''}`,
    };
  });
}

/** Every check of the `expect` block. `conversationId` is undefined when no turn reached the app. */
export async function checkExpect(
  db: Db,
  baseline: Baseline,
  expect: ExpectBlock,
  who: { channel: string; externalUserId: string; conversationId?: string },
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const kind of KINDS) {
    const e = expect[kind];
    if (e !== undefined) checks.push(...checkRecords(kind, e, await newRecords(db, baseline, kind)));
  }
  if (expect.optOut !== undefined) {
    const identity = await db.channelIdentity.findUnique({ where: { channel_externalUserId: { channel: who.channel, externalUserId: who.externalUserId } } });
    const out = Boolean(identity?.optedOutAt);
    checks.push({ ok: out === expect.optOut, what: `expect.optOut: ${expect.optOut}`, detail: out === expect.optOut ? undefined : out ? 'opted out' : 'not opted out' });
  }
  if (expect.unanswered !== undefined) {
    const { count, lookedIn } = await newUnanswered(db, baseline);
    const ok = expect.unanswered === 'any' ? count > 0 : count === 0;
    checks.push({ ok, what: `expect.unanswered: ${expect.unanswered}`, detail: ok ? undefined : `${count} recorded (looked in ${lookedIn})` });
  }
  return checks;
}
