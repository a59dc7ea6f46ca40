/** The conversation corpus: format, loader, runner. See test/conversations/README.md. */
export { conversationSchema, DEFAULT_NOW, type Conversation, type ConversationSpec, type TurnSpec } from './schema.ts';
export { CorpusFileError, corpusFiles, loadConversation, loadCorpus } from './load.ts';
export { createEvalContext, runConversation, type EvalContext } from './run.ts';
export { runCorpus, type CorpusRun } from './corpus.ts';
export { describeCheck, failures, type Check, type ConversationResult } from './result.ts';
