/** CSV import of customers, agents and policies (`anxin import`). */
export { importCsv, importCsvFile, type ImportOptions } from './run-import.ts';
export { formatHeaderProblems, formatProblem, formatReason, formatSummary } from './report.ts';
export { IMPORT_KINDS, type ImportKind, type ImportResult, type Reason, type RowProblem } from './types.ts';
export { customerColumns } from './customer-rows.ts';
export { agentColumns } from './agent-rows.ts';
export { policyColumns } from './policy-rows.ts';
export { checkIdNumber, idCheckChar, makeIdNumber } from './id-number.ts';
export type { CsvEncoding } from './csv-records.ts';
