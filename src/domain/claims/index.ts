/** Claims: first notice of loss (报案), report numbers, per-line questions and documents, photos, status. */
export * from './attachments.ts';
export * from './claim-number.ts';
export * from './incident.ts';
export * from './lines.ts';
export * from './policy-lookup.ts';
export * from './report.ts';
export * from './status.ts';
export * from './line-hints.ts';
