import type { Prisma } from '../../src/generated/sqlite/client.ts';
import { addDays, fromShanghai } from '../../src/domain/calendar/shanghai-time.ts';
import { dateOnly } from '../../src/domain/import/date-only.ts';
import { makeIdNumber } from '../../src/domain/import/id-number.ts';
import { hashIdNumber, maskIdNumber } from '../../src/domain/pii.ts';
import { DEMO_IDENTITIES } from './demo-identities.ts';
import { address, chineseName, englishName, mobileNumber, REGIONS, type Region } from './people.ts';
import { BRANCHES } from './products.ts';
import type { Rng } from './prng.ts';

/** A generated customer with what later steps need (region for plates, the row itself). */
export interface DemoCustomer {
  row: Prisma.CustomerCreateManyInput & { id: string; name: string; phone: string };
  region: Region;
  /** The full ID number: only for documenting the demo identities, never stored. */
  idNumber: string;
}

const AGENT_NAMES = [
  '李建国', '王海燕', '张志强', '刘秀兰', '陈国华', '杨丽娟', '赵卫东', '黄晓梅', '周建军', '吴桂英',
  '徐明辉', '孙丽萍', '马俊杰', '朱红梅', '胡志刚', '郭雪芳', '何永强', '高玉兰', '林晓东', '罗春燕',
];

/** 业务员: A0001 … A0020; the last four have left (their policies need reassigning). */
export function buildAgents(rng: Rng, today: string, phones: Set<string>): Prisma.AgentCreateManyInput[] {
  return AGENT_NAMES.map((name, i) => {
    const left = i >= 16;
    return {
      id: rng.id(), code: `A${String(i + 1).padStart(4, '0')}`, name, phone: mobileNumber(rng, phones),
      status: left ? 'left' : 'active', leftAt: left ? dateOnly(addDays(today, -rng.int(30, 400))) : null,
      branch: BRANCHES[i % BRANCHES.length],
    };
  });
}

function birthdayFor(rng: Rng, today: string): string {
  const age = rng.weighted([[rng.int(18, 29), 2], [rng.int(30, 45), 4], [rng.int(46, 60), 3], [rng.int(61, 80), 1]] as const);
  return addDays(`${Number(today.slice(0, 4)) - age}-01-01`, rng.int(0, 364));
}

/** The documented demo identities first, then `count` generated customers (C000101 …). */
export function buildCustomers(rng: Rng, opts: { secret: string; today: string; count: number; phones: Set<string> }): DemoCustomer[] {
  const out: DemoCustomer[] = [];
  const add = (c: {
    code: string; name: string; gender: 'M' | 'F'; birthday: string; region: Region; idSeq: number; phone: string;
    language: string; vipTier: string; lunarBirthday: boolean; greetingConsent: boolean; marketingConsent: boolean; optedOut: boolean;
  }) => {
    // The sequence's last digit carries the sex (odd = male, GB 11643).
    const seq = c.idSeq - (c.idSeq % 2) + (c.gender === 'M' ? 1 : 0);
    const idNumber = makeIdNumber(c.region.code, c.birthday, seq);
    const since = addDays(opts.today, -rng.int(30, 3000));
    out.push({
      region: c.region,
      idNumber,
      row: {
        id: rng.id(), code: c.code, name: c.name, gender: c.gender, birthday: dateOnly(c.birthday), lunarBirthday: c.lunarBirthday,
        phone: c.phone, idHash: hashIdNumber(idNumber, opts.secret), idMasked: maskIdNumber(idNumber), language: c.language,
        vipTier: c.vipTier, greetingConsent: c.greetingConsent, marketingConsent: c.marketingConsent,
        optedOutAt: c.optedOut ? fromShanghai(addDays(opts.today, -rng.int(5, 200)), '20:15') : null,
        address: address(rng, c.region), createdAt: fromShanghai(since, '10:30'),
      },
    });
  };
  for (const d of DEMO_IDENTITIES) {
    opts.phones.add(d.phone);
    add({ ...d, region: REGIONS.find((r) => r.code === d.region)!, marketingConsent: false, optedOut: false });
  }
  for (let i = 0; i < opts.count; i++) {
    const gender = rng.chance(0.5) ? 'M' : 'F';
    const english = rng.chance(0.06);
    const birthday = birthdayFor(rng, opts.today);
    const older = birthday < `${Number(opts.today.slice(0, 4)) - 55}`;
    add({
      code: `C${String(101 + i).padStart(6, '0')}`,
      name: english ? englishName(rng, gender) : chineseName(rng, gender),
      gender, birthday, region: rng.pick(REGIONS), idSeq: rng.int(0, 999), phone: mobileNumber(rng, opts.phones),
      language: english ? 'en' : 'zh',
      vipTier: rng.weighted([['standard', 70], ['silver', 15], ['gold', 10], ['platinum', 5]] as const),
      // Older customers more often keep the lunar birthday (农历生日).
      lunarBirthday: !english && rng.chance(older ? 0.35 : 0.06),
      greetingConsent: !rng.chance(0.05),
      marketingConsent: rng.chance(0.4),
      optedOut: rng.chance(0.01),
    });
  }
  return out;
}
