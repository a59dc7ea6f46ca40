import { loadConfig } from '../../src/config/load.ts';
import { createCoreServices, type CoreServices } from '../../src/core/core-services.ts';

let cached: Promise<CoreServices> | undefined;

/** NLU, flows, knowledge base and calendar built once per test worker (training the NLU takes a moment). */
export function sharedServices(): Promise<CoreServices> {
  cached ??= createCoreServices(loadConfig({ LOG_LEVEL: 'silent' }));
  return cached;
}
