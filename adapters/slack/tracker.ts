/**
 * Keeps the Slack adapter's background work (Bolt processing after the HTTP ack, card posting on events) in one
 * place, so shutdown can wait for it and tests can await `idle()` instead of sleeping.
 */
export class WorkTracker {
  private readonly pending = new Set<Promise<unknown>>();

  /** Tracks a promise until it settles; errors are the caller's to handle (the returned promise is the original). */
  track<T>(p: Promise<T>): Promise<T> {
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return p;
  }

  /** Resolves once nothing tracked is running, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
