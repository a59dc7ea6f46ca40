import { pino, type Logger } from 'pino';
import { maskText } from '../domain/pii.ts';

export type { Logger };

/**
 * The app logger. Personal data never reaches logs in clear: known fields are redacted and free text is masked
 * (ID numbers, bank cards, mobile numbers) by the `text` serializer.
 */
export function createLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: ['phone', 'idNumber', '*.phone', '*.idNumber', 'bankCard', '*.bankCard'], censor: '[masked]' },
      serializers: { text: (v: unknown) => (typeof v === 'string' ? maskText(v) : v) },
      base: undefined,
    },
    destination as pino.DestinationStream | undefined,
  );
}
