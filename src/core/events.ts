import { EventEmitter } from 'node:events';

/** Events the core raises for staff-facing channels (Slack, the staff page) and jobs. Payloads are ids + plain data. */
export interface AnxinEventMap {
  /** A new staff escalation was stored. */
  'escalation.created': { escalationId: string; conversationId: string; queue: string };
  /** An escalation changed (taken, resolved, handed back). */
  'escalation.updated': { escalationId: string; conversationId: string; status: string; actor?: string };
  /** A customer wrote in a conversation that has an open escalation (mirrored to the staff room). */
  'conversation.customer-message': { conversationId: string; messageId: string };
  /** The bot sent or failed to send a message. */
  'message.delivered': { messageId: string; conversationId: string; status: 'sent' | 'failed'; error?: string };
  /** Something staff should know (job summaries, calendar data missing, ...). */
  'staff.alert': { kind: string; text: string };
}

export type AnxinEventName = keyof AnxinEventMap;

/** A typed event bus; one per app instance (never global). Listener errors are isolated from the emitter. */
export class AnxinEvents {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onListenerError: (event: string, err: unknown) => void = () => {}) {
    this.emitter.setMaxListeners(50);
  }

  on<K extends AnxinEventName>(event: K, listener: (payload: AnxinEventMap[K]) => void | Promise<void>): () => void {
    const wrapped = (payload: AnxinEventMap[K]) => {
      try {
        const r = listener(payload);
        if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e) => this.onListenerError(event, e));
      } catch (e) {
        this.onListenerError(event, e);
      }
    };
    this.emitter.on(event, wrapped);
    return () => this.emitter.off(event, wrapped);
  }

  emit<K extends AnxinEventName>(event: K, payload: AnxinEventMap[K]): void {
    this.emitter.emit(event, payload);
  }
}
