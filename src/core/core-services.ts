import { existsSync } from 'node:fs';
import type { Config } from '../config/schema.ts';
import { createWorkCalendar, type WorkCalendar } from '../domain/calendar/index.ts';
import { loadKnowledgeBase, type KnowledgeBase } from '../domain/kb/index.ts';
import { loadFlows } from './dialogs/registry.ts';
import type { FlowDefinition } from './dialogs/types.ts';
import type { AnxinEvents } from './events.ts';
import { createNlu } from './nlu/index.ts';
import type { Nlu } from './nlu/types.ts';

/** The conversational core's collaborators: NLU, flows, knowledge base, working-day calendar. */
export interface CoreServices {
  nlu: Nlu;
  flows: Map<string, FlowDefinition>;
  kb?: KnowledgeBase;
  calendar: WorkCalendar;
}

/**
 * Builds the core's services from configuration. Missing holiday data for a year raises a staff alert (the
 * calendar then falls back to Monday–Friday).
 */
export async function createCoreServices(config: Config, events?: AnxinEvents, reuse: Partial<CoreServices> = {}): Promise<CoreServices> {
  const nlu = reuse.nlu ?? createNlu();
  const flows = reuse.flows ?? (await loadFlows());
  const kb = reuse.kb ?? (existsSync(config.ANXIN_KB_DIR) ? await loadKnowledgeBase(config.ANXIN_KB_DIR) : undefined);
  const calendar =
    reuse.calendar ??
    createWorkCalendar({
      overridesDir: config.ANXIN_HOLIDAYS_DIR,
      onMissingYear: (year) =>
        events?.emit('staff.alert', {
          kind: 'calendar_missing',
          text: `No public-holiday data for ${year}: working days fall back to Monday–Friday. Add config/holidays/${year}.json from the official notice.`,
        }),
    });
  return { nlu, flows, kb, calendar };
}
