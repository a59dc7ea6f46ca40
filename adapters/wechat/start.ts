import qrcodeTerminal from 'qrcode-terminal';
import { ScanStatus, WechatyBuilder, type WechatyOptions } from 'wechaty';
import type { AdapterRegistry } from '../../src/core/delivery.ts';
import { WeChatAdapter, type WeChatAdapterOptions, type WeChatAppDeps } from './adapter.ts';
import { wechatyOptionsFromConfig } from './puppet.ts';

export interface StartWeChatOptions extends WeChatAdapterOptions {
  /** A ready puppet instance (tests pass a `PuppetMock`); otherwise the puppet named by WECHATY_PUPPET. */
  puppet?: WechatyOptions['puppet'];
  /** Draws the login QR code; defaults to a small QR code on the terminal (stdout). */
  printQr?: (qrcode: string) => void;
}

export interface WeChatHandle {
  adapter: WeChatAdapter;
  /** Stops the send queue (waiting sends are recorded as failed, to be retried) and the Wechaty instance. */
  stop(): Promise<void>;
}

const printQrOnTerminal = (qrcode: string) => qrcodeTerminal.generate(qrcode, { small: true });

/**
 * Connects a WeChat account: builds Wechaty with the configured (or given) puppet, registers the adapter in
 * `app.adapters`, wires login / logout / scan / error / message / friendship events, and starts Wechaty.
 * The web-protocol puppet shows a new QR code after a logout and the service puppet reconnects by itself; both are
 * logged, and on every login the sends that failed while the account was away are offered to delivery again.
 */
export async function startWeChat(app: WeChatAppDeps & { adapters: AdapterRegistry }, opts: StartWeChatOptions = {}): Promise<WeChatHandle> {
  const { logger } = app;
  const bot = WechatyBuilder.build(opts.puppet ? { puppet: opts.puppet } : wechatyOptionsFromConfig(app.config));
  const adapter = new WeChatAdapter(bot, app, opts);
  const printQr = opts.printQr ?? printQrOnTerminal;
  let stopping = false;

  bot.on('scan', (qrcode, status) => {
    if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
      // The value is the login URL itself; any QR tool renders it. It is not sent to a third-party image service.
      logger.info({ qrcode, status: ScanStatus[status] }, 'WeChat: scan the QR code with the service account to log in');
      printQr(qrcode);
    } else {
      logger.info({ status: ScanStatus[status] }, 'WeChat: login QR code status');
    }
  });
  bot.on('login', (user) => {
    logger.info({ account: user.name(), accountId: user.id }, 'WeChat: logged in');
    // Messages that failed while the account was logged out are due again now rather than at their next backoff.
    void app.delivery?.retryDue().catch((err) => logger.error({ err }, 'WeChat: retry after login failed'));
  });
  bot.on('logout', (user, reason) => {
    logger.warn({ account: user.name(), accountId: user.id, reason }, 'WeChat: logged out; sends fail (and are retried) until the account logs in again');
  });
  bot.on('ready', () => logger.info('WeChat: contacts loaded'));
  bot.on('error', (err) => logger.error({ err }, 'WeChat: puppet error'));
  bot.on('stop', () => {
    if (!stopping) logger.warn('WeChat: Wechaty stopped unexpectedly');
  });
  bot.on('message', (msg) => void adapter.onMessage(msg));
  bot.on('friendship', (f) => void adapter.onFriendship(f));

  app.adapters.register(adapter);
  await bot.start();
  logger.info({ puppet: opts.puppet ? 'injected' : app.config.WECHATY_PUPPET }, 'WeChat: started');

  return {
    adapter,
    async stop() {
      stopping = true;
      await adapter.stop();
      await bot.stop();
    },
  };
}
