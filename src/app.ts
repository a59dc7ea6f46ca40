import type { FastifyInstance } from 'fastify';
import { WebChatAdapter } from '../adapters/web/adapter.ts';
import type { Config } from './config/schema.ts';
import type { ChannelAdapter } from './core/channel.ts';
import { systemClock, type Clock } from './core/clock.ts';
import { AdapterRegistry, createDelivery, type Delivery } from './core/delivery.ts';
import { AnxinEvents } from './core/events.ts';
import { createLogger, type Logger } from './core/logger.ts';
import { createCoreServices, type CoreServices } from './core/core-services.ts';
import { createDialogEngine } from './core/dialogs/engine.ts';
import { createWaitingRoom } from './core/dialogs/waiting-room.ts';
import { createPipeline, type Pipeline } from './core/pipeline.ts';
import type { CoreDeps, Responder } from './core/turn.ts';
import type { Db } from './db/client.ts';
import { buildServer, type RouteModule } from './web/server.ts';

export interface BuildAppOptions {
  db: Db;
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Channel adapters besides the built-in web chat. */
  adapters?: ChannelAdapter[];
  /** The conversational core; defaults to the dialog engine. */
  responder?: Responder;
  /** Pre-built core services (tests share one NLU per process); built from config when absent. */
  services?: Partial<CoreServices>;
  /** Extra HTTP routes (staff page, Slack receiver). */
  routes?: RouteModule[];
}

export interface AnxinApp extends CoreDeps {
  services: CoreServices;
  adapters: AdapterRegistry;
  delivery: Delivery;
  pipeline: Pipeline;
  server: FastifyInstance;
  /** Starts listening on config.PORT; returns the bound URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Wires everything from what is passed in; nothing global, so tests build as many apps as they like. */
export async function buildApp(opts: BuildAppOptions): Promise<AnxinApp> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(opts.config.LOG_LEVEL);
  const events = new AnxinEvents((event, err) => logger.error({ err, event }, 'event listener failed'));
  const core: CoreDeps = { db: opts.db, config: opts.config, clock, logger, events };
  const adapters = new AdapterRegistry();
  adapters.register(new WebChatAdapter());
  for (const a of opts.adapters ?? []) adapters.register(a);
  const delivery = createDelivery({ ...core, adapters });
  const services = await createCoreServices(opts.config, events, opts.services);
  const responder = opts.responder ?? createDialogEngine({ nlu: services.nlu, flows: services.flows, extras: { kb: services.kb, calendar: services.calendar } });
  const waiting = opts.responder ? undefined : createWaitingRoom({ nlu: services.nlu, bot: responder, calendar: services.calendar });
  const pipeline = createPipeline({ ...core, delivery, responder, waiting });
  const server = await buildServer({ ...core, pipeline, routes: opts.routes });
  return {
    ...core,
    services,
    adapters,
    delivery,
    pipeline,
    server,
    async listen(port = opts.config.PORT, host = opts.config.HOST) {
      return server.listen({ port, host });
    },
    async close() {
      await server.close();
    },
  };
}
