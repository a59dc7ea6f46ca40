import { pino, type Logger } from 'pino';
import { maskLogArgs, maskLogValue } from './log-masking.ts';

export type { Logger };

/**
 * The app logger. Personal data never reaches logs in clear, whatever a caller passes: known fields are redacted,
 * every string field and the message are masked by the one masking function (`maskText`: phones however written,
 * ID numbers, bank cards, e-mail, street addresses), URLs lose their query strings, and errors are logged as
 * masked plain objects — a database error with its reason only, never the values of the failed query
 * (see log-masking.ts).
 */
export function createLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: ['phone', 'idNumber', '*.phone', '*.idNumber', 'bankCard', '*.bankCard'], censor: '[masked]' },
      // Child-logger bindings (component, ids) are set by code, not by customers, and are not passed through here.
      formatters: { log: (obj) => maskLogValue(obj) as Record<string, unknown> },
      // Errors are already plain, masked objects (safeError); pino's own serializer would rename their type.
      serializers: { err: (v: unknown) => v },
      hooks: {
        logMethod(args, method) {
          method.apply(this, maskLogArgs(args) as Parameters<typeof method>);
        },
      },
      base: undefined,
    },
    destination as pino.DestinationStream | undefined,
  );
}
