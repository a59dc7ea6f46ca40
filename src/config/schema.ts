import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected HH:MM (24-hour clock)' });

/**
 * Every environment variable Anxin reads, with what it expects. `.env.example` documents the same list.
 * Empty strings count as unset.
 */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, { message: 'expected file:./path/to.db (SQLite) or postgresql://user@host:5432/db' })
    .default('file:./data/anxin.db'),
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ANXIN_TIMEZONE: z.string().default('Asia/Shanghai'),
  /** Secret mixed into ID-number hashes; change it once, before importing real data. */
  ANXIN_ID_SECRET: z.string().min(16, { message: 'expected at least 16 characters' }).default('anxin-demo-secret-change-me'),
  ANXIN_SEED_DEMO: bool.default(true),
  ANXIN_ATTACHMENT_DIR: z.string().default('./data/attachments'),
  ANXIN_KB_DIR: z.string().default('./kb'),
  ANXIN_DIALOG_TIMEOUT_MINUTES: z.coerce.number({ message: 'expected minutes' }).int().positive().default(30),
  /**
   * How long a successful identity verification holds (minutes): after this a linked identity is asked to verify
   * again before any personal data is shown (a web visitor's id lives in a browser anyone may use later).
   */
  ANXIN_VERIFY_TTL_MINUTES: z.coerce.number({ message: 'expected minutes' }).int().positive().default(1440),
  ANXIN_BUSINESS_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected HH:MM-HH:MM, e.g. 09:00-18:00' })
    .default('09:00-18:00'),
  ANXIN_BUSINESS_DAYS: z.enum(['workdays', 'all']).default('workdays'),
  ANXIN_QUIET_START: hhmm.default('21:00'),
  ANXIN_QUIET_END: hhmm.default('08:00'),
  ANXIN_HOLIDAYS_DIR: z.string().default('./config/holidays'),
  ANXIN_TEMPLATES_DIR: z.string().default('./templates'),
  ANXIN_CALLBACK_NO_ANSWER_HOURS: z.coerce.number().positive().default(48),
  /** A message a crash left unanswered is answered at restart up to this age; older ones get an apology and a handoff. */
  ANXIN_RECOVERY_MAX_AGE_MINUTES: z.coerce.number({ message: 'expected minutes' }).int().positive().default(30),
  ANXIN_JOBS_ENABLED: bool.default(true),

  /**
   * Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated IPs/CIDRs, or a hop count). Unset:
   * the socket address is the client's. Behind a proxy set it, or every visitor shares the proxy's address and the
   * per-address rate limits and identity-check counters would treat them as one.
   */
  ANXIN_TRUST_PROXY: z
    .string()
    .regex(/^(?:\d+|[0-9A-Fa-f:./]+(?:\s*,\s*[0-9A-Fa-f:./]+)*)$/, { message: 'expected proxy addresses/CIDRs (comma-separated) or a hop count' })
    .optional(),
  /** Host names the staff page and API answer to (DNS-rebinding guard), comma-separated; ANXIN_PUBLIC_HOST is added. */
  ANXIN_STAFF_HOSTS: z.string().default('localhost,127.0.0.1,[::1]'),
  /** The host name the public chat is served under (e.g. kefu.example.com), if any. */
  ANXIN_PUBLIC_HOST: z.string().regex(/^[A-Za-z0-9.-]+$/, { message: 'expected a host name without scheme or port' }).optional(),
  /** Web chat messages (and photos) a minute from one web identity. */
  ANXIN_RATE_PER_USER: z.coerce.number({ message: 'expected a number' }).int().positive().default(30),
  /** Web chat messages a minute from one network address (polling may use four times this). */
  ANXIN_RATE_PER_ADDRESS: z.coerce.number({ message: 'expected a number' }).int().positive().default(300),
  /** Photo uploads a minute from one network address. */
  ANXIN_UPLOADS_PER_ADDRESS: z.coerce.number({ message: 'expected a number' }).int().positive().default(30),

  WECHAT_ENABLED: bool.default(false),
  /** wechat4u (free web protocol) or service (wechaty-puppet-service with a token). */
  WECHATY_PUPPET: z.enum(['wechaty-puppet-wechat4u', 'wechaty-puppet-service', 'wechaty-puppet-mock']).default('wechaty-puppet-wechat4u'),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  WECHAT_ACCEPT_FRIENDS: bool.default(true),
  /** Messages per minute per WeChat account. Conservative by default: bursts get accounts restricted. */
  WECHAT_SEND_PER_MINUTE: z.coerce.number().positive().default(20),
  WECHAT_SEND_JITTER_MS: z.coerce.number().int().min(0).default(1500),

  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, { message: 'expected a bot token starting with xoxb-' }).optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, { message: 'expected an app-level token starting with xapp-' }).optional(),
  SLACK_API_URL: z.string().url().optional(),
  SLACK_CHANNEL_GENERAL: z.string().optional(),
  SLACK_CHANNEL_CLAIMS: z.string().optional(),
  SLACK_CHANNEL_COMPLAINTS: z.string().optional(),
  SLACK_CHANNEL_SERVICE: z.string().optional(),
  SLACK_CHANNEL_COMPLIANCE: z.string().optional(),
});

export type Config = z.infer<typeof configSchema>;
