/**
 * Well-known people in the demo data set, for trying the chat, the CLI and the staff tools. They are always
 * present (whatever the size of the generated data), with the same phone, ID number and policies. Policy numbers
 * of 1-year products carry the year they took effect, which is relative to the seeding date: use `anxin customer
 * show <phone>` to see them.
 */
export interface DemoIdentity {
  code: string;
  name: string;
  gender: 'M' | 'F';
  birthday: string;
  /** GB/T 2260 county code the ID number starts with. */
  region: string;
  /** Sequence digits of the ID number (the check character is computed). */
  idSeq: number;
  phone: string;
  language: 'zh' | 'en';
  vipTier: 'standard' | 'silver' | 'gold' | 'platinum';
  lunarBirthday: boolean;
  greetingConsent: boolean;
  story: string;
}

export const DEMO_IDENTITIES: DemoIdentity[] = [
  {
    code: 'C000001', name: '张伟', gender: 'M', birthday: '1985-03-07', region: '310104', idSeq: 123, phone: '13800138000',
    language: 'zh', vipTier: 'gold', lunarBirthday: false, greetingConsent: true,
    story: 'LF2024000001 安心终身寿险 (active, annual, agent A0001); 安心百万医疗; 机动车商业保险 沪A12345 with a claim in review',
  },
  {
    code: 'C000002', name: '李娜', gender: 'F', birthday: '1990-08-21', region: '110108', idSeq: 246, phone: '13900139000',
    language: 'zh', vipTier: 'silver', lunarBirthday: false, greetingConsent: true,
    story: 'a new 安心重大疾病保险 bought 5 days ago, still in its cooling-off period (犹豫期); a 境外旅行险',
  },
  {
    code: 'C000003', name: '王芳', gender: 'F', birthday: '1962-11-02', region: '440305', idSeq: 368, phone: '13700137000',
    language: 'zh', vipTier: 'platinum', lunarBirthday: true, greetingConsent: true,
    story: 'lunar birthday; LF2021000003 安心终身寿险 lapsed (unpaid), its agent A0018 has left; 家庭财产险',
  },
  {
    code: 'C000004', name: 'David Wang', gender: 'M', birthday: '1992-04-15', region: '310115', idSeq: 457, phone: '13600136000',
    language: 'en', vipTier: 'standard', lunarBirthday: false, greetingConsent: true,
    story: 'prefers English; 境外旅行险 for a current trip, 安心意外险; an open complaint about a slow claim',
  },
  {
    code: 'C000005', name: '陈静', gender: 'F', birthday: '1979-12-25', region: '330106', idSeq: 582, phone: '13500135000',
    language: 'zh', vipTier: 'standard', lunarBirthday: false, greetingConsent: false,
    story: 'no greeting consent (never greeted); 家庭财产险 and 安心意外险 with a policy-service request',
  },
];
