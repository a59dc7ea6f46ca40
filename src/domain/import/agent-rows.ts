import { choice, code, mobile, text, ymd } from './fields.ts';
import { parseCells, type ColumnSpec } from './columns.ts';
import type { Parsed, Reason } from './types.ts';

/** An agents.csv row after validation. */
export interface AgentFields {
  code: string;
  name: string;
  phone: string;
  status: 'active' | 'left';
  leftAt: string;
  branch: string;
}

export const AGENT_STATUSES = choice<AgentFields['status']>({ active: 'active', left: 'left', 在职: 'active', 离职: 'left' });

/** agents.csv columns, in the documented order. */
export function agentColumns(): ColumnSpec[] {
  return [
    { column: 'code', key: 'code', required: true, schema: code(32) },
    { column: 'name', key: 'name', required: true, schema: text(50) },
    { column: 'phone', key: 'phone', schema: mobile, pii: 'phone' },
    { column: 'status', key: 'status', schema: AGENT_STATUSES },
    { column: 'left_at', key: 'leftAt', schema: ymd },
    { column: 'branch', key: 'branch', schema: text(100) },
  ];
}

/** Validates one agents.csv row; a leaving date only makes sense for an agent who has left (and implies it). */
export function validateAgentRow(
  specs: ColumnSpec[],
  cells: Record<string, string | undefined>,
  today: string,
): { value: Parsed<AgentFields>; reasons: Reason[] } {
  const { value: raw, reasons } = parseCells(specs, cells);
  const v = raw as Parsed<AgentFields>;
  if (v.leftAt) {
    if (v.leftAt > today) reasons.push({ column: 'left_at', code: 'date_future', value: v.leftAt });
    if (v.status === 'active') reasons.push({ column: 'left_at', code: 'left_at_active', value: v.leftAt });
    // A leaving date alone says the agent has left.
    else if (v.status == null) v.status = 'left';
  }
  return { value: v, reasons };
}
