import type { ChannelAdapter, SendResult } from '../../src/core/channel.ts';

/**
 * The browser chat channel. Replies to a turn travel back in the HTTP response; anything the bot or staff send later
 * (staff replies, greetings) stays on the message row and the page fetches it by polling, so `send` only confirms.
 */
export class WebChatAdapter implements ChannelAdapter {
  readonly channel = 'web';
  async send(): Promise<SendResult> {
    return {};
  }
}
