import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { AnxinError } from '../../core/errors.ts';
import { describeIssues, kbEntrySchema, kbFileSchema, kbSynonymsSchema } from './schema.ts';
import { tidyChinese } from './text.ts';
import type { KbEntry, KbSynonyms } from './types.ts';

/** The file in the knowledge-base folder that holds synonyms instead of entries. */
export const SYNONYMS_FILE = 'synonyms.yaml';

function invalid(message: string, details: Record<string, unknown>): AnxinError {
  return new AnxinError('kb_invalid', message, details);
}

async function parseYaml(dir: string, file: string): Promise<unknown> {
  const raw = await readFile(path.join(dir, file), 'utf8');
  try {
    return parse(raw, { prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
      // The first line of a pretty yaml error is the useful part; the rest is a source excerpt.
      throw invalid(`kb/${file}: YAML syntax error${where}: ${err.message.split('\n')[0]}`, { file });
    }
    throw err;
  }
}

/**
 * Reads and validates every `*.yaml` / `*.yml` in `dir`. Files are read in name order so entry order is stable.
 * Throws `AnxinError('kb_invalid')` naming the file and the entry (id, or position when the id itself is bad).
 */
export async function readKnowledgeFiles(dir: string): Promise<{ entries: KbEntry[]; synonyms: KbSynonyms }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch (err) {
    throw invalid(`knowledge base folder ${dir} cannot be read: ${(err as Error).message}`, { dir });
  }
  const entries: KbEntry[] = [];
  const seen = new Map<string, string>();
  let synonyms: KbSynonyms = { zh: [], en: [], words: [] };

  for (const file of names) {
    const doc = await parseYaml(dir, file);
    if (file === SYNONYMS_FILE) {
      const parsed = kbSynonymsSchema.safeParse(doc ?? {});
      if (!parsed.success) throw invalid(`kb/${file}: ${describeIssues(parsed.error)}`, { file });
      synonyms = parsed.data;
      continue;
    }
    const shape = kbFileSchema.safeParse(doc);
    if (!shape.success) {
      throw invalid(`kb/${file}: ${describeIssues(shape.error)} (expected "entries:" followed by a list)`, { file });
    }
    shape.data.entries.forEach((raw, index) => {
      const rawId = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
      const label = typeof rawId === 'string' && rawId ? `entry "${rawId}"` : `entry #${index + 1}`;
      const parsed = kbEntrySchema.safeParse(raw);
      if (!parsed.success) {
        throw invalid(`kb/${file}: ${label}: ${describeIssues(parsed.error)}`, { file, entry: rawId ?? index + 1 });
      }
      const e = parsed.data;
      const earlier = seen.get(e.id);
      if (earlier) {
        throw invalid(`kb/${file}: ${label}: id is already used in kb/${earlier}`, { file, entry: e.id });
      }
      seen.set(e.id, file);
      entries.push({
        id: e.id,
        lines: [...new Set(e.lines)],
        tags: e.tags,
        // Staff may fold long Chinese lines in YAML; folding inserts spaces between Chinese characters.
        zh: {
          question: tidyChinese(e.zh.question),
          alternatives: e.zh.alternatives.map(tidyChinese),
          answer: tidyChinese(e.zh.answer),
        },
        en: e.en,
        source: file,
      });
    });
  }
  if (entries.length === 0) throw invalid(`knowledge base folder ${dir} has no entries`, { dir });
  return { entries, synonyms };
}
