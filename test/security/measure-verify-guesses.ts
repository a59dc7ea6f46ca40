/**
 * Figures for the issue (not a test): how many identity-check guesses an attacker gets now. A simulated attacker
 * with unlimited fresh chat identities guesses whenever the counters let it (on a refusal it waits exactly until
 * the time given), against the real `lockedAttempt` on a real SQLite file with a controlled clock.
 * `npx tsx test/security/measure-verify-guesses.ts [days]`
 */
import { loadConfig } from '../../src/config/load.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createTestDb } from '../../src/db/test-db.ts';
import { lockedAttempt } from '../../src/domain/verification.ts';

const days = Number(process.argv[2] ?? 7);
const HOUR = 3_600_000;
const config = loadConfig({ LOG_LEVEL: 'silent' });

/** Guesses checked per hour over `days`, for one number; `addressOf(i)` is the address of the i-th guess. */
async function attack(label: string, addressOf: (i: number) => string | undefined, numberOf: (i: number) => string) {
  const tdb = await createTestDb();
  const start = new Date('2026-11-30T02:00:00Z');
  const clock = fixedClock(start);
  const end = start.getTime() + days * 24 * HOUR;
  const checkedAt: number[] = [];
  let i = 0;
  let ids = 0;
  while (clock.now().getTime() < end) {
    const identity = await tdb.db.channelIdentity.create({ data: { channel: 'web', externalUserId: `atk-${ids++}` } });
    const deps = { db: tdb.db, clock, config, inbound: { sourceAddress: addressOf(i) } };
    const r = await lockedAttempt(deps, identity.id, async () => null, { phone: numberOf(i) });
    if (!r.ok && r.reason === 'locked' && r.scope) {
      clock.set(new Date(r.lockedUntil.getTime() + 1));
      continue;
    }
    checkedAt.push(clock.now().getTime() - start.getTime());
    i++;
    clock.advance(1000);
  }
  await tdb.cleanup();
  const within = (ms: number) => checkedAt.filter((t) => t < ms).length;
  const perHour = Array.from({ length: days * 24 }, (_, h) => checkedAt.filter((t) => t >= h * HOUR && t < (h + 1) * HOUR).length);
  console.log(
    JSON.stringify({
      label,
      firstHour: within(HOUR),
      first24h: within(24 * HOUR),
      total: checkedAt.length,
      days,
      maxInAnyClockHour: Math.max(...perHour),
      // One number: ID last 4 has 10^3 × 11 values (0-9 or X last); days for a 50% chance at the long-run rate.
      ...(label.startsWith('one number') ? { daysFor50pct: Math.round(5500 / (checkedAt.length / days)) } : {}),
    }),
  );
}

// One known mobile, every guess from a fresh identity AND a fresh address (a botnet): only the number's counter.
await attack('one number, fresh identity + address each guess', (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, () => '13812345678');
// One address, fresh identity each guess, a different number each time: only the address counter.
await attack('one address, fresh identity + number each guess', () => '198.51.100.7', (i) => `139${String(i).padStart(8, '0')}`);
