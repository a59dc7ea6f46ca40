import type { Prisma } from '../../src/generated/sqlite/client.ts';
import { addDays, shanghaiDate } from '../../src/domain/calendar/shanghai-time.ts';
import { buildActivity, type Activity, type PolicyInfo } from './build-activity.ts';
import { buildConversations, type DemoConversations } from './build-conversations.ts';
import { buildAgents, buildCustomers, type DemoCustomer } from './build-people.ts';
import { materialise, policyNumber, premiumFor, sumInsuredFor, type DemoStatus, type Frequency, type PolicyPlan } from './build-policies.ts';
import { demoScripts } from './demo-scripts.ts';
import { plateNumber } from './people.ts';
import { createRng, type Rng } from './prng.ts';
import { PRODUCTS, product } from './products.ts';

/** Options of the demo data set. */
export interface DemoOptions {
  /** ID-number HMAC secret (config ANXIN_ID_SECRET), so demo customers can be found by ID number. */
  secret: string;
  /** "Today" for the data: policies, payments and deadlines are laid out around it. */
  now: Date;
  /** Customers in total, including the documented demo identities (default 300). */
  customers?: number;
}

/** Every row of the demo data set, ready for `createMany`. */
export interface DemoData extends Activity, DemoConversations {
  agents: Prisma.AgentCreateManyInput[];
  customers: Prisma.CustomerCreateManyInput[];
  policies: Prisma.PolicyCreateManyInput[];
  payments: Prisma.PaymentCreateManyInput[];
  /** Full ID numbers of the customers by code, for documentation and tests only (never stored). */
  idNumbers: Map<string, string>;
}

const SEED = 20_240_315;

/** Builds the demo data set. Pure: the same options give the same rows (ids included). */
export function buildDemoData(opts: DemoOptions): DemoData {
  const rng = createRng(SEED);
  const today = shanghaiDate(opts.now);
  const phones = new Set<string>();
  const agents = buildAgents(rng, today, phones);
  const customers = buildCustomers(rng, { secret: opts.secret, today, count: Math.max(0, (opts.customers ?? 300) - 5), phones });
  const agentId = (code: string) => agents.find((a) => a.code === code)!.id!;
  const byCode = (code: string) => customers.find((c) => c.row.code === code)!;
  const plates = new Set<string>(['沪A12345']);
  const seqs = new Map<string, number>();
  const nextNumber = (name: string, effective: string) => {
    const key = policyNumber(product(name), effective, 0);
    const seq = (seqs.get(key) ?? 99) + 1;
    seqs.set(key, seq);
    return policyNumber(product(name), effective, seq);
  };

  const plans: PolicyPlan[] = [];
  const fixed = (code: string, name: string, seq: number, effective: string, status: DemoStatus, frequency: Frequency, premium: number, sumInsured: number, agent: string | null, extra: Partial<PolicyPlan> = {}) => {
    const c = byCode(code).row;
    plans.push({
      id: rng.id(), number: policyNumber(product(name), effective, seq), product: product(name), holderId: c.id, insuredId: c.id,
      agentId: agent ? agentId(agent) : null, effective, status, frequency, premium, sumInsured, ...extra,
    });
    return plans[plans.length - 1];
  };
  fixed('C000001', '安心终身寿险', 1, '2024-03-15', 'active', 'annual', 12000, 1_000_000, 'A0001');
  fixed('C000001', '安心百万医疗', 1, addDays(today, -120), 'active', 'annual', 1260, 3_000_000, 'A0001');
  const zwAuto = fixed('C000001', '机动车商业保险', 1, addDays(today, -150), 'active', 'single', 4860, 2_000_000, 'A0001', { plate: '沪A12345' });
  fixed('C000002', '安心重大疾病保险', 2, addDays(today, -5), 'active', 'annual', 6800, 500_000, 'A0002');
  fixed('C000002', '境外旅行险', 1, addDays(today, -40), 'active', 'single', 198, 500_000, null, { travelDays: 8 });
  fixed('C000003', '安心终身寿险', 3, '2021-05-20', 'lapsed', 'annual', 8000, 600_000, 'A0018');
  fixed('C000003', '家庭财产险', 1, addDays(today, -60), 'active', 'single', 380, 500_000, 'A0018');
  fixed('C000004', '境外旅行险', 2, addDays(today, -2), 'active', 'single', 268, 800_000, null, { travelDays: 14 });
  const davidAc = fixed('C000004', '安心意外险', 1, addDays(today, -90), 'active', 'annual', 298, 500_000, 'A0003');
  const cjProperty = fixed('C000005', '家庭财产险', 2, addDays(today, -200), 'active', 'annual', 420, 600_000, 'A0004');
  fixed('C000005', '安心意外险', 2, addDays(today, -30), 'active', 'annual', 198, 300_000, 'A0004');

  for (const c of customers.slice(5)) {
    const n = rng.weighted([[1, 50], [2, 35], [3, 12], [4, 3]] as const);
    for (let i = 0; i < n; i++) plans.push(randomPlan(rng, today, c, customers, agents, plates, nextNumber));
  }

  const policies: Prisma.PolicyCreateManyInput[] = [];
  const payments: Prisma.PaymentCreateManyInput[] = [];
  for (const plan of plans) {
    const m = materialise(rng, plan, today);
    policies.push(m.policy);
    payments.push(...m.payments);
  }
  const custById = new Map(customers.map((c) => [c.row.id, c.row]));
  const info = (p: Prisma.PolicyCreateManyInput): PolicyInfo => ({
    id: p.id!, number: p.number, line: p.line, product: p.product, status: p.status!, holderId: p.holderId,
    holderName: custById.get(p.holderId)!.name, holderPhone: custById.get(p.holderId)!.phone, plate: p.plate ?? null,
    effective: (p.effectiveDate as Date).toISOString().slice(0, 10),
  });
  const infoOf = (plan: PolicyPlan) => info(policies.find((p) => p.id === plan.id)!);
  const activity = buildActivity(rng, today, policies.map(info), { claimOn: infoOf(zwAuto), complaintBy: infoOf(davidAc), serviceOn: infoOf(cjProperty) });
  const conversations = buildConversations(rng, today, demoScripts(byCode, activity.claims[0].number, plans));
  return {
    agents,
    customers: customers.map((c) => c.row),
    policies,
    payments,
    ...activity,
    ...conversations,
    idNumbers: new Map(customers.map((c) => [c.row.code!, c.idNumber])),
  };
}

function randomPlan(
  rng: Rng,
  today: string,
  holder: DemoCustomer,
  customers: DemoCustomer[],
  agents: Prisma.AgentCreateManyInput[],
  plates: Set<string>,
  nextNumber: (name: string, effective: string) => string,
): PolicyPlan {
  const p = rng.weighted(PRODUCTS.map((x) => [x, x.weight] as const));
  const frequency = rng.pick(p.frequencies);
  let effective: string;
  let status: DemoStatus = 'active';
  let travelDays: number | undefined;
  if (p.termYears === 0) {
    travelDays = rng.int(5, 30);
    const when = rng.weighted([['past', 6], ['now', 3], ['future', 1]] as const);
    effective = when === 'past' ? addDays(today, -rng.int(40, 700)) : when === 'now' ? addDays(today, -rng.int(0, 4)) : addDays(today, rng.int(3, 20));
    if (when === 'future') status = 'pending';
  } else if (p.termYears === 1) {
    // Mostly in force; some ran out last year and were not renewed.
    effective = rng.chance(0.85) ? addDays(today, -rng.int(0, 350)) : addDays(today, -rng.int(380, 720));
  } else {
    // Long-term: bought over the last eight years; a few in the last fortnight are still in the cooling-off period.
    effective = rng.chance(0.05) ? addDays(today, -rng.int(0, 12)) : addDays(today, -rng.int(30, 2900));
    status = rng.weighted([['active', 85], ['lapsed', 10], [p.line === 'life' ? 'surrendered' : 'active', 5]] as const);
  }
  const family = p.line !== 'auto' && p.line !== 'property' && rng.chance(0.2);
  const agent = rng.weighted([['active', 85], ['left', 12], ['none', 3]] as const);
  const pool = agents.filter((a) => (agent === 'left' ? a.status === 'left' : a.status === 'active'));
  return {
    id: rng.id(), number: nextNumber(p.name, effective), product: p, holderId: holder.row.id,
    insuredId: family ? rng.pick(customers).row.id : holder.row.id, agentId: agent === 'none' ? null : rng.pick(pool).id!,
    effective, status, frequency, premium: premiumFor(rng, p, frequency), sumInsured: sumInsuredFor(rng, p),
    plate: p.line === 'auto' ? plateNumber(rng, holder.region, plates) : undefined, travelDays,
  };
}
