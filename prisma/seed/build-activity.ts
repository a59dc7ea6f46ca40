import type { Prisma } from '../../src/generated/sqlite/client.ts';
import { addDays, fromShanghai, shanghaiDate } from '../../src/domain/calendar/shanghai-time.ts';
import { createWorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { complaintDeadlines } from '../../src/domain/complaints/deadlines.ts';
import { formatRef } from '../../src/domain/numbers.ts';
import type { Rng } from './prng.ts';

/** The demo's claims, complaints, policy services and interaction timeline. */
export interface Activity {
  claims: Prisma.ClaimCreateManyInput[];
  complaints: Prisma.ComplaintCreateManyInput[];
  serviceRequests: Prisma.ServiceRequestCreateManyInput[];
  interactions: Prisma.InteractionCreateManyInput[];
}

/** What activity generation needs to know about a policy. */
export interface PolicyInfo {
  id: string;
  number: string;
  line: string;
  product: string;
  status: string;
  holderId: string;
  holderName: string;
  holderPhone: string;
  plate: string | null;
  effective: string;
}

const CLAIM_STORIES: Record<string, string[]> = {
  auto: [
    '在路口等红灯时被后车追尾，后保险杠和尾灯受损，无人员受伤，已报交警。',
    '地下车库倒车时刮擦立柱，右后门凹陷，单方事故。',
    '暴雨天车辆涉水熄火，无法启动，已拖至4S店。',
  ],
  health: ['因急性阑尾炎住院手术，住院5天，自付费用约1.8万元。', '体检发现甲状腺结节，住院行手术治疗。', '肺炎住院治疗一周。'],
  accident: ['下楼梯时摔倒致右脚踝骨折，门诊及住院治疗。', '骑电动车摔伤，左手腕骨裂。'],
  property: ['楼上漏水导致客厅天花板和木地板受损。', '家中被盗，笔记本电脑和现金损失。'],
  travel: ['在日本旅行期间急性肠胃炎就医。', '航班延误超过6小时。', '在泰国行李丢失。'],
  life: ['被保险人身故，家属申请身故保险金。'],
};
const CLAIM_STATUSES = ['reported', 'in_review', 'awaiting_documents', 'approved', 'paid', 'closed', 'rejected'] as const;

const COMPLAINTS = [
  { category: 'claims', subject: '理赔进度慢', request: '尽快审核并赔付', facts: '报案已超过一个月，多次询问都说在审核中。' },
  { category: 'sales_misconduct', subject: '销售时未说明保险责任免除条款', request: '退还已交保费', facts: '业务员当时只说“什么都能赔”，理赔时才知道有免责条款。' },
  { category: 'service_attitude', subject: '客服电话态度差', request: '要求道歉并改进服务', facts: '拨打客服热线咨询续期缴费，坐席不耐烦并挂断电话。' },
  { category: 'fees', subject: '续期保费扣款金额有误', request: '退回多扣金额', facts: '本月银行代扣金额比保单约定多了200元。' },
  { category: 'policy_admin', subject: '地址变更申请一直未办理', request: '尽快办理变更', facts: '两周前提交地址变更，至今保单信息未更新。' },
] as const;

const SERVICE_TYPES = ['change_phone', 'change_address', 'change_beneficiary', 'change_bank', 'reissue', 'payment_frequency', 'survival_benefit'] as const;

const CONSULTATIONS = [
  '咨询续期保费缴费方式', '咨询保单现金价值', '咨询百万医疗险续保条件', '咨询重疾险等待期', '咨询如何变更受益人',
  '咨询车险理赔所需材料', '咨询境外旅行险保障范围', '咨询保单贷款', '咨询发票开具', '咨询犹豫期退保',
];

const at = (rng: Rng, ymd: string) => fromShanghai(ymd, `${String(rng.int(9, 20)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`);

/**
 * Claims on some policies, a few complaints and service requests, and a timeline entry for everything. Reference
 * numbers use sequences from 900001 so they never collide with numbers the running bot hands out.
 */
export function buildActivity(rng: Rng, today: string, policies: PolicyInfo[], fixed: { claimOn?: PolicyInfo; complaintBy?: PolicyInfo; serviceOn?: PolicyInfo }): Activity {
  const cal = createWorkCalendar();
  const out: Activity = { claims: [], complaints: [], serviceRequests: [], interactions: [] };
  const timeline = (customerId: string, kind: string, summary: string, occurredAt: Date, channel: string | null, ref?: [string, string]) =>
    out.interactions.push({ id: rng.id(), customerId, kind, summary, occurredAt, channel, refType: ref?.[0] ?? null, refId: ref?.[1] ?? null });

  for (const p of policies) timeline(p.holderId, 'purchase', `投保 ${p.product}（${p.number}）`, fromShanghai(p.effective, '10:00'), 'agent');

  const claimable = policies.filter((p) => p.status === 'active' && p.line !== 'life');
  const claimOn = [...(fixed.claimOn ? [fixed.claimOn] : []), ...Array.from({ length: 14 }, () => rng.pick(claimable))];
  claimOn.forEach((p, i) => {
    const reportedDay = i === 0 && fixed.claimOn ? addDays(today, -6) : addDays(today, -rng.int(1, 300));
    const reported = at(rng, reportedDay);
    const status = i === 0 && fixed.claimOn ? 'in_review' : rng.pick(CLAIM_STATUSES);
    const id = rng.id();
    const number = formatRef('BA', shanghaiDate(reported), 900_001 + i);
    out.claims.push({
      id, number, policyId: p.id, customerId: p.holderId, line: p.line, incidentAt: at(rng, addDays(reportedDay, -rng.int(0, 3))),
      description: rng.pick(CLAIM_STORIES[p.line] ?? CLAIM_STORIES.health), callbackPhone: p.holderPhone, status,
      amountPaid: status === 'paid' || status === 'closed' ? rng.int(800, 30000) : null,
      closedAt: status === 'closed' || status === 'rejected' ? at(rng, addDays(reportedDay, rng.int(10, 40))) : null,
      createdAt: reported,
    });
    timeline(p.holderId, 'claim_report', `报案 ${number}：${p.product}`, reported, rng.pick(['wechat', 'phone', 'web']), ['Claim', id]);
  });

  const complainants = [...(fixed.complaintBy ? [fixed.complaintBy] : []), ...Array.from({ length: 4 }, () => rng.pick(policies))];
  complainants.forEach((p, i) => {
    const c = COMPLAINTS[i % COMPLAINTS.length];
    const receivedDay = i === 0 ? addDays(today, -3) : addDays(today, -rng.int(5, 120));
    const receivedAt = at(rng, receivedDay);
    const d = complaintDeadlines(cal, { receivedAt, materialsComplete: true });
    const decided = i > 1;
    const id = rng.id();
    const number = formatRef('TS', receivedDay, 900_001 + i);
    out.complaints.push({
      id, number, customerId: p.holderId, complainantName: p.holderName, complainantPhone: p.holderPhone, subject: c.subject,
      policyNumber: p.number, category: c.category, request: c.request, facts: c.facts, status: decided ? 'decided' : 'accepted',
      receivedAt, completeAt: receivedAt, acceptanceDeadline: d.acceptanceDeadline, decisionDeadline: d.decisionDeadline ?? null,
      decidedAt: decided ? at(rng, addDays(receivedDay, rng.int(3, 12))) : null,
      decision: decided ? '经核实，已与客户沟通并按约定处理，客户表示认可。' : null, createdAt: receivedAt,
    });
    timeline(p.holderId, 'complaint', `投诉 ${number}：${c.subject}`, receivedAt, rng.pick(['wechat', 'phone']), ['Complaint', id]);
  });

  const serviceOn = [...(fixed.serviceOn ? [fixed.serviceOn] : []), ...Array.from({ length: 9 }, () => rng.pick(policies))];
  serviceOn.forEach((p, i) => {
    const type = i === 0 ? 'change_address' : rng.pick(SERVICE_TYPES);
    const day = i === 0 ? addDays(today, -2) : addDays(today, -rng.int(1, 200));
    const createdAt = at(rng, day);
    const id = rng.id();
    const number = formatRef('BQ', day, 900_001 + i);
    out.serviceRequests.push({
      id, number, customerId: p.holderId, policyId: p.id, type, details: { requestedVia: 'demo', note: '客户申请' },
      needsStaff: type === 'change_beneficiary' || type === 'survival_benefit', status: i === 0 ? 'open' : rng.pick(['done', 'done', 'in_progress', 'open']),
      createdAt,
    });
    timeline(p.holderId, 'service_request', `保全申请 ${number}：${type}`, createdAt, 'wechat', ['ServiceRequest', id]);
  });

  for (let i = 0; i < Math.round(policies.length / 6); i++) {
    const p = rng.pick(policies);
    timeline(p.holderId, 'consultation', rng.pick(CONSULTATIONS), at(rng, addDays(today, -rng.int(1, 365))), rng.pick(['wechat', 'web', 'phone']));
  }
  for (let i = 0; i < Math.round(policies.length / 12); i++) {
    const p = rng.pick(policies);
    timeline(p.holderId, 'call', `致电客户：${rng.pick(['续期缴费提醒', '保单回访', '生日关怀', '理赔资料补充'])}`, at(rng, addDays(today, -rng.int(1, 365))), 'phone');
  }
  return out;
}
