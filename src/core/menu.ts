import { t, type Lang } from '../i18n/index.ts';
import type { OutboundMessage } from './channel.ts';
import type { Responder } from './turn.ts';

/** The menu of what Anxin does, with the main flows as buttons. */
export function menuReply(lang: Lang): OutboundMessage {
  return {
    text: `${t(lang, 'common:menu.title')}\n${t(lang, 'common:menu.items')}`,
    choices: ['claim', 'claimStatus', 'complaint', 'service', 'human'].map((k) => ({
      label: t(lang, `common:choices.${k}`),
      value: t(lang, `common:choices.${k}`),
    })),
  };
}

/** The simplest responder: always the menu. Used until a richer core is wired in, and in pipeline tests. */
export const menuResponder: Responder = async (ctx) => ({ replies: [menuReply(ctx.lang)] });
