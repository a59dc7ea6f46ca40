/**
 * The NLP.js baseline (issue 3): `@nlpjs/basic` + `@nlpjs/lang-zh` trained on the same training data, with the
 * `other` examples as NLP.js's out-of-scope `None` intent (and None mapped back to `other`). The language is passed
 * explicitly (the same detector Anxin uses) because NLP.js's own guess is unreliable on short chat messages.
 */
import { detectLanguage } from './language.ts';
import { INTENTS, type Example, type Intent } from './types.ts';

export interface BaselineClassifier {
  classify(text: string): Promise<Intent>;
}

/** Runs `fn` with NLP.js's console chatter ("Compiling dictionary", training progress) and pino warnings muted. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  const emitWarning = process.emitWarning;
  console.log = () => {};
  process.emitWarning = (() => {}) as typeof process.emitWarning;
  try {
    return await fn();
  } finally {
    console.log = log;
    process.emitWarning = emitWarning;
  }
}

/** Trains the baseline; takes a few seconds (NLP.js compiles its Chinese dictionary on first use). */
export async function trainNlpjsBaseline(examples: Example[]): Promise<BaselineClassifier> {
  return quietly(async () => {
    const { containerBootstrap, Nlp, LangEn } = await import('@nlpjs/basic');
    const { LangZh } = await import('@nlpjs/lang-zh');
    const container = await containerBootstrap();
    // Its training warnings ("contains only stop words") go through the container's logger.
    const silent = () => {};
    container.register('logger', { trace: silent, debug: silent, info: silent, log: silent, warn: silent, error: silent, fatal: silent }, true);
    container.use(LangEn);
    container.use(LangZh);
    const nlp = new Nlp({ container, languages: ['zh', 'en'], autoSave: false, autoLoad: false, nlu: { log: false } });
    for (const e of examples) nlp.addDocument(detectLanguage(e.text), e.text, e.intent === 'other' ? 'None' : e.intent);
    await nlp.train();
    return {
      async classify(text: string): Promise<Intent> {
        const r = await quietly(() => nlp.process(detectLanguage(text), text));
        return (INTENTS as readonly string[]).includes(r.intent) ? (r.intent as Intent) : 'other';
      },
    };
  });
}
