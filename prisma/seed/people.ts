import type { Rng } from './prng.ts';

/** Surnames weighted roughly by frequency (王李张刘陈 cover about a third of the population). */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 25], ['赵', 20], ['吴', 19], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 12], ['朱', 11], ['胡', 11], ['郭', 10], ['何', 9], ['高', 9], ['林', 9], ['罗', 8],
  ['郑', 8], ['梁', 7], ['谢', 6], ['宋', 6], ['唐', 6], ['许', 5], ['韩', 5], ['冯', 5], ['邓', 5], ['曹', 5],
  ['彭', 4], ['曾', 4], ['肖', 4], ['田', 4], ['董', 4], ['袁', 3], ['潘', 3], ['于', 3], ['蒋', 3], ['蔡', 3],
  ['欧阳', 1], ['司马', 1],
];
const MALE_CHARS = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林峰建国志文博晨阳';
const FEMALE_CHARS = '芳娜敏静丽艳娟霞秀英玲桂兰萍红燕琳颖婷雪慧佳欣怡倩洁琴云莉梅晶悦彤雯';

/** English given names for the customers who prefer English (returnees, Hong Kong-educated, ...). */
const EN_MALE = ['David', 'Michael', 'Kevin', 'Jason', 'Eric', 'Andy', 'Tony', 'Leo', 'Peter', 'Frank'];
const EN_FEMALE = ['Emily', 'Grace', 'Linda', 'Cindy', 'Amy', 'Vivian', 'Helen', 'Sophie', 'Iris', 'Joyce'];
const PINYIN: Record<string, string> = {
  王: 'Wang', 李: 'Li', 张: 'Zhang', 刘: 'Liu', 陈: 'Chen', 杨: 'Yang', 黄: 'Huang', 赵: 'Zhao', 吴: 'Wu', 周: 'Zhou',
  徐: 'Xu', 孙: 'Sun', 马: 'Ma', 朱: 'Zhu', 胡: 'Hu', 郭: 'Guo', 何: 'He', 高: 'Gao', 林: 'Lin', 罗: 'Luo',
};

/** A county-level region (GB/T 2260 code), its city, and streets for addresses. */
export interface Region {
  code: string;
  city: string;
  district: string;
  streets: string[];
  plate: string;
}

export const REGIONS: Region[] = [
  { code: '310104', city: '上海市', district: '徐汇区', streets: ['漕溪北路', '肇嘉浜路', '天钥桥路'], plate: '沪A' },
  { code: '310115', city: '上海市', district: '浦东新区', streets: ['世纪大道', '张杨路', '锦绣路'], plate: '沪B' },
  { code: '110101', city: '北京市', district: '东城区', streets: ['东直门内大街', '安定门外大街', '崇文门外大街'], plate: '京N' },
  { code: '110108', city: '北京市', district: '海淀区', streets: ['中关村大街', '学院路', '西三环北路'], plate: '京Q' },
  { code: '440305', city: '广东省深圳市', district: '南山区', streets: ['深南大道', '科技园路', '南海大道'], plate: '粤B' },
  { code: '440106', city: '广东省广州市', district: '天河区', streets: ['天河路', '体育西路', '珠江新城华夏路'], plate: '粤A' },
  { code: '330106', city: '浙江省杭州市', district: '西湖区', streets: ['文三路', '天目山路', '教工路'], plate: '浙A' },
  { code: '320102', city: '江苏省南京市', district: '玄武区', streets: ['中山路', '北京东路', '珠江路'], plate: '苏A' },
  { code: '510107', city: '四川省成都市', district: '武侯区', streets: ['人民南路', '科华北路', '武侯祠大街'], plate: '川A' },
  { code: '420106', city: '湖北省武汉市', district: '武昌区', streets: ['中南路', '中北路', '武珞路'], plate: '鄂A' },
  { code: '610113', city: '陕西省西安市', district: '雁塔区', streets: ['长安南路', '小寨东路', '高新路'], plate: '陕A' },
  { code: '370202', city: '山东省青岛市', district: '市南区', streets: ['香港中路', '东海西路', '中山路'], plate: '鲁B' },
  { code: '500103', city: '重庆市', district: '渝中区', streets: ['解放碑民族路', '中山三路', '上清寺路'], plate: '渝A' },
  { code: '350203', city: '福建省厦门市', district: '思明区', streets: ['湖滨南路', '厦禾路', '鹭江道'], plate: '闽D' },
];

/** A Chinese full name: surname + one or two given-name characters. */
export function chineseName(rng: Rng, gender: 'M' | 'F'): string {
  const chars = gender === 'M' ? MALE_CHARS : FEMALE_CHARS;
  const given = rng.chance(0.65) ? rng.pick([...chars]) + rng.pick([...chars]) : rng.pick([...chars]);
  return rng.weighted(SURNAMES) + given;
}

/** "David Wang" for an English-speaking customer. */
export function englishName(rng: Rng, gender: 'M' | 'F'): string {
  const surname = rng.pick(Object.values(PINYIN));
  return `${rng.pick(gender === 'M' ? EN_MALE : EN_FEMALE)} ${surname}`;
}

/** A mainland mobile number not in `taken` (and never one of the documented demo numbers). */
export function mobileNumber(rng: Rng, taken: Set<string>): string {
  const prefixes = ['130', '131', '132', '133', '135', '136', '137', '139', '150', '151', '152', '158', '159', '176', '177', '180', '181', '186', '187', '188', '189', '199'];
  for (;;) {
    const n = rng.pick(prefixes) + String(rng.int(0, 99_999_999)).padStart(8, '0');
    if (!taken.has(n)) {
      taken.add(n);
      return n;
    }
  }
}

export function address(rng: Rng, r: Region): string {
  return `${r.city}${r.district}${rng.pick(r.streets)}${rng.int(1, 999)}号${rng.int(1, 30)}${String(rng.int(1, 4)).padStart(2, '0')}室`;
}

/** A licence plate of the region, e.g. 沪A·3K7Q2 → stored without the dot: 沪A3K7Q2. New-energy plates have 6. */
export function plateNumber(rng: Rng, r: Region, taken: Set<string>): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  for (;;) {
    const ev = rng.chance(0.2);
    let tail = ev ? rng.pick(['D', 'F']) : '';
    while (tail.length < (ev ? 6 : 5)) tail += rng.chance(0.3) ? rng.pick([...letters]) : String(rng.int(0, 9));
    const p = r.plate + tail;
    if (!taken.has(p)) {
      taken.add(p);
      return p;
    }
  }
}
