import { z } from 'zod';
import { KB_LINES } from './types.ts';

const text = z.string().trim().min(1, 'must not be empty');

/** One language side; `alternatives` may be omitted. Unknown keys are errors so typos like `answr` are caught. */
const kbTextSchema = z.strictObject({
  question: text,
  alternatives: z.array(text).default([]),
  answer: text,
});

/** One entry as written in a `kb/*.yaml` file. */
export const kbEntrySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (lowercase letters, digits and hyphens)'),
  lines: z.array(z.enum(KB_LINES)).min(1, 'must name at least one line of business'),
  tags: z.array(z.union([text, z.number().transform(String)])).default([]),
  zh: kbTextSchema,
  en: kbTextSchema,
});

/** A knowledge-base file: `entries:` followed by a list. */
export const kbFileSchema = z.strictObject({
  entries: z.array(z.unknown()).min(1, 'must contain at least one entry'),
});

const group = z.array(z.union([text, z.number().transform(String)])).min(2, 'a synonym group needs at least two words');

/** `kb/synonyms.yaml`. Every section is optional. */
export const kbSynonymsSchema = z.strictObject({
  zh: z.array(group).default([]),
  en: z.array(group).default([]),
  words: z.array(z.union([text, z.number().transform(String)])).default([]),
});

/** Formats zod issues as `path: message; path: message` for error messages staff can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
