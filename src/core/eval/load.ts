/** Reads corpus files: YAML → validated {@link Conversation}, with errors that name the file and the field. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { AnxinError } from '../errors.ts';
import { conversationSchema, type Conversation } from './schema.ts';

/** A file that is not a valid conversation; `problems` are "field: what is wrong" lines. */
export class CorpusFileError extends AnxinError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super('eval_bad_file', `${file}: ${problems.join('; ')}`);
  }
}

/** "turns[2].reply[0]" from a zod issue path. */
function fieldName(p: readonly PropertyKey[]): string {
  return p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') || '(file)';
}

const describeIssues = (issues: z.core.$ZodIssue[]) => issues.map((i) => `${fieldName(i.path)}: ${i.message}`);

/** Parses and validates one conversation file. Throws {@link CorpusFileError}. */
export function loadConversation(file: string): Conversation {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CorpusFileError(file, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  const parsed = conversationSchema.safeParse(raw);
  if (!parsed.success) throw new CorpusFileError(file, describeIssues(parsed.error.issues));
  const id = path.basename(file).replace(/\.ya?ml$/, '');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new CorpusFileError(file, [`file name: "${id}" is not kebab-case ASCII`]);
  return { ...parsed.data, id, group: path.basename(path.dirname(file)), file };
}

/** Every `.yaml` file under `dir` (recursively), sorted by path. */
export function corpusFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new AnxinError('eval_no_dir', `no such folder: ${dir}`);
  if (!statSync(dir).isDirectory()) return [dir];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...corpusFiles(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** Loads a folder (or one file); bad files are returned as errors, not thrown, so one typo does not hide the rest. */
export function loadCorpus(dir: string): { conversations: Conversation[]; errors: CorpusFileError[] } {
  const conversations: Conversation[] = [];
  const errors: CorpusFileError[] = [];
  for (const f of corpusFiles(dir)) {
    try {
      conversations.push(loadConversation(f));
    } catch (e) {
      if (e instanceof CorpusFileError) errors.push(e);
      else throw e;
    }
  }
  return { conversations, errors };
}
