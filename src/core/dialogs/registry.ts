import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FlowDefinition } from './types.ts';

/**
 * Loads every flow in src/core/dialogs/flows/ (each file exports `flow: FlowDefinition`), keyed by id.
 * A new flow is a new file; nothing else to edit.
 */
export async function loadFlows(dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'flows')): Promise<Map<string, FlowDefinition>> {
  const flows = new Map<string, FlowDefinition>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { flow?: FlowDefinition };
    if (mod.flow) {
      if (flows.has(mod.flow.id)) throw new Error(`two flows claim id ${mod.flow.id} (${f})`);
      flows.set(mod.flow.id, mod.flow);
    }
  }
  return flows;
}
