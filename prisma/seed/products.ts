import type { Line } from '../../src/domain/numbers.ts';

/** A demo product: what it is called, how long it runs, how it is paid, and plausible premium / cover ranges. */
export interface Product {
  name: string;
  line: Line;
  /** Policy term in years (`null` = whole life); 0 = days (travel). */
  termYears: number | null;
  /** Years of premium payment for long-term products. */
  payYears?: number;
  frequencies: Array<'single' | 'annual' | 'semiannual' | 'quarterly' | 'monthly'>;
  premium: [number, number];
  sumInsured: [number, number];
  /** Long-term life/health (term > 1 year) has a cooling-off period (犹豫期) of at least 15 days. */
  coolingOff: boolean;
  weight: number;
}

export const PRODUCTS: Product[] = [
  { name: '安心终身寿险', line: 'life', termYears: null, payYears: 20, frequencies: ['annual', 'monthly'], premium: [3000, 30000], sumInsured: [200000, 2000000], coolingOff: true, weight: 8 },
  { name: '安心定期寿险（20年）', line: 'life', termYears: 20, payYears: 20, frequencies: ['annual'], premium: [800, 5000], sumInsured: [500000, 3000000], coolingOff: true, weight: 5 },
  { name: '安心鑫享年金保险', line: 'life', termYears: 30, payYears: 10, frequencies: ['annual'], premium: [10000, 100000], sumInsured: [100000, 1000000], coolingOff: true, weight: 4 },
  { name: '安心两全保险', line: 'life', termYears: 25, payYears: 10, frequencies: ['annual', 'semiannual'], premium: [5000, 20000], sumInsured: [100000, 500000], coolingOff: true, weight: 3 },
  { name: '安心百万医疗', line: 'health', termYears: 1, frequencies: ['annual', 'monthly'], premium: [200, 2500], sumInsured: [2000000, 6000000], coolingOff: false, weight: 10 },
  { name: '安心重大疾病保险', line: 'health', termYears: null, payYears: 20, frequencies: ['annual', 'quarterly'], premium: [2000, 15000], sumInsured: [300000, 1000000], coolingOff: true, weight: 7 },
  { name: '安心防癌医疗险', line: 'health', termYears: 1, frequencies: ['annual'], premium: [150, 1200], sumInsured: [1000000, 4000000], coolingOff: false, weight: 3 },
  { name: '安心意外险', line: 'accident', termYears: 1, frequencies: ['annual'], premium: [100, 600], sumInsured: [200000, 1000000], coolingOff: false, weight: 8 },
  { name: '安心综合意外保障', line: 'accident', termYears: 1, frequencies: ['annual', 'monthly'], premium: [200, 900], sumInsured: [500000, 1500000], coolingOff: false, weight: 4 },
  { name: '机动车商业保险', line: 'auto', termYears: 1, frequencies: ['single'], premium: [2500, 9000], sumInsured: [1000000, 3000000], coolingOff: false, weight: 8 },
  { name: '机动车交通事故责任强制保险', line: 'auto', termYears: 1, frequencies: ['single'], premium: [665, 1100], sumInsured: [200000, 200000], coolingOff: false, weight: 4 },
  { name: '家庭财产险', line: 'property', termYears: 1, frequencies: ['single', 'annual'], premium: [150, 800], sumInsured: [300000, 1000000], coolingOff: false, weight: 5 },
  { name: '安心家财综合险', line: 'property', termYears: 1, frequencies: ['annual'], premium: [300, 1500], sumInsured: [500000, 2000000], coolingOff: false, weight: 2 },
  { name: '境外旅行险', line: 'travel', termYears: 0, frequencies: ['single'], premium: [80, 600], sumInsured: [300000, 1000000], coolingOff: false, weight: 4 },
  { name: '国内旅行意外险', line: 'travel', termYears: 0, frequencies: ['single'], premium: [20, 120], sumInsured: [100000, 300000], coolingOff: false, weight: 2 },
];

export const product = (name: string): Product => {
  const p = PRODUCTS.find((x) => x.name === name);
  if (!p) throw new Error(`unknown demo product ${name}`);
  return p;
};

export const BRANCHES = ['上海分公司', '北京分公司', '深圳分公司', '广州分公司', '杭州中心支公司', '南京中心支公司', '成都分公司'];

/** Months between instalments. */
export const MONTHS: Record<string, number> = { annual: 12, semiannual: 6, quarterly: 3, monthly: 1 };
