import { afterEach, describe, expect, it, vi } from 'vitest';
import { SendQueue } from '../../../adapters/wechat/send-queue.ts';

/** A send whose completion the test controls. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SendQueue', () => {
  it('sends one at a time, in order, and resolves each caller with its own result', async () => {
    const q = new SendQueue({ perMinute: 600_000, jitterMs: 0 });
    let inFlight = 0;
    let maxInFlight = 0;
    const order: number[] = [];
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        q.run(async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await Promise.resolve();
          order.push(n);
          inFlight--;
          return `sent ${n}`;
        }),
      ),
    );
    expect(results).toEqual(['sent 1', 'sent 2', 'sent 3', 'sent 4', 'sent 5']);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(maxInFlight).toBe(1);
  });

  it('rejects the caller of a failed send and goes on with the next', async () => {
    const q = new SendQueue({ perMinute: 600_000, jitterMs: 0 });
    const a = q.run(async () => {
      throw new Error('ECONNRESET');
    });
    const b = q.run(async () => 'ok');
    await expect(a).rejects.toThrow('ECONNRESET');
    await expect(b).resolves.toBe('ok');
  });

  it('lets a live conversation reply go ahead of a queued broadcast', async () => {
    const q = new SendQueue({ perMinute: 600_000, jitterMs: 0 });
    const first = gate();
    const order: string[] = [];
    const busy = q.run(async () => {
      await first.opened;
      order.push('first');
    });
    const broadcast = ['b1', 'b2'].map((b) => q.run(async () => void order.push(b)));
    const reply = q.run(async () => void order.push('reply'), 1);
    first.open();
    await Promise.all([busy, reply, ...broadcast]);
    expect(order).toEqual(['first', 'reply', 'b1', 'b2']);
  });

  it('spaces sends by 60 000 / perMinute ms plus the jitter, never closer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const q = new SendQueue({ perMinute: 60, jitterMs: 400, random: () => 0.5 });
    const sentAt: number[] = [];
    const start = Date.now();
    const all = Promise.all([1, 2, 3].map(() => q.run(async () => void sentAt.push(Date.now() - start))));
    await vi.advanceTimersByTimeAsync(10_000);
    await all;
    // The first waits its jitter (200 ms); each next one a full second after the previous plus its own jitter.
    expect(sentAt).toEqual([200, 1400, 2600]);
  });

  it('fails the sends still waiting when stopped; the one in progress finishes', async () => {
    const q = new SendQueue({ perMinute: 600_000, jitterMs: 0 });
    const first = gate();
    const inProgress = q.run(async () => {
      await first.opened;
      return 'done';
    });
    const waiting = q.run(async () => 'never');
    await Promise.resolve();
    q.stop();
    first.open();
    await expect(inProgress).resolves.toBe('done');
    await expect(waiting).rejects.toThrow(/stopped before sending/);
    await expect(q.run(async () => 'late')).rejects.toThrow(/stopped/);
  });

  it('reports a send that hangs as failed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const q = new SendQueue({ perMinute: 600_000, jitterMs: 0, sendTimeoutMs: 5_000 });
    const hung = q.run(() => new Promise<never>(() => {}));
    const check = expect(hung).rejects.toThrow(/timed out after 5000 ms/);
    await vi.advanceTimersByTimeAsync(5_001);
    await check;
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new SendQueue({ perMinute: 0, jitterMs: 0 })).toThrow(RangeError);
  });
});
