/** A domain error with a stable string code, turned into a polite reply by the turn's error boundary. */
export class AnxinError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AnxinError';
  }
}
