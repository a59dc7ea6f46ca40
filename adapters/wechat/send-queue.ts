import PQueue from 'p-queue';

export interface SendQueueOptions {
  /** Ceiling on messages per minute for the account (WECHAT_SEND_PER_MINUTE). */
  perMinute: number;
  /** Up to this many milliseconds of random extra pause between sends (WECHAT_SEND_JITTER_MS). */
  jitterMs: number;
  /** A send that takes longer than this is reported as failed (delivery retries it). */
  sendTimeoutMs?: number;
  /** Random source in [0, 1); tests and benches may pin it. */
  random?: () => number;
}

interface Waiting {
  started: boolean;
  reject: (err: Error) => void;
}

/**
 * One account's outbound queue. WeChat restricts accounts that send in bursts, so sends go one at a time, evenly
 * spaced: p-queue (strict sliding window, one send per `60 000 / perMinute` ms) enforces the ceiling, and each send
 * waits an extra random pause of up to `jitterMs` after the spacing, so pacing is never mechanical and never faster
 * than configured. `run` resolves when the send itself has completed, and rejects when it failed.
 */
export class SendQueue {
  private readonly queue: PQueue;
  private readonly spacingMs: number;
  private readonly waiting = new Set<Waiting>();
  private lastSendAt = 0;
  private stopped = false;

  constructor(private readonly opts: SendQueueOptions) {
    if (!(opts.perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.spacingMs = 60_000 / opts.perMinute;
    this.queue = new PQueue({ concurrency: 1, intervalCap: 1, interval: Math.max(1, Math.ceil(this.spacingMs)), strict: true });
  }

  /** Sends waiting for their turn. */
  get size(): number {
    return this.queue.size + this.queue.pending;
  }

  /**
   * Queues one send; resolves with its result once it has actually been sent. A higher `priority` goes ahead of
   * sends already waiting (replies in a live conversation before a broadcast), never faster than the rate.
   */
  run<T>(send: () => Promise<T>, priority = 0): Promise<T> {
    if (this.stopped) return Promise.reject(new Error('WeChat send queue is stopped'));
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = { started: false, reject };
      this.waiting.add(entry);
      this.queue
        .add(async () => {
          entry.started = true;
          this.waiting.delete(entry);
          const jitter = this.opts.jitterMs > 0 ? Math.floor((this.opts.random ?? Math.random)() * (this.opts.jitterMs + 1)) : 0;
          const wait = Math.max(0, this.lastSendAt + this.spacingMs - Date.now()) + jitter;
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          this.lastSendAt = Date.now();
          return withTimeout(send(), this.opts.sendTimeoutMs ?? 60_000);
        }, { priority })
        .then((v) => resolve(v as T), reject);
    });
  }

  /** Resolves when every queued send has been attempted. */
  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }

  /**
   * Stops accepting sends and fails the ones still waiting, so their callers record them as failed (and retry them
   * after a restart) instead of waiting forever. A send already in progress finishes.
   */
  stop(): void {
    this.stopped = true;
    this.queue.clear();
    for (const w of this.waiting) if (!w.started) w.reject(new Error('WeChat adapter stopped before sending'));
    this.waiting.clear();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`WeChat send timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
