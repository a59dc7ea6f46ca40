import type { Line } from '../numbers.ts';
import { LINES } from '../numbers.ts';

/**
 * What a first notice of loss asks per line of business, beyond time, place and what happened. Claims handlers
 * need injuries whenever people may be hurt, the other party and the traffic police's involvement for motor
 * accidents (交警责任认定), a police report for thefts (公安报案回执), and the hospital for medical claims.
 */
export interface LineRules {
  /** Ask whether anyone was hurt: always, only when the description sounds like an accident, or never. */
  injuries: 'always' | 'if_accident' | 'never';
  /** Ask about the other party (对方车辆/第三者). */
  otherParties: boolean;
  /** Ask whether the police (traffic police for motor) were called: always, only for thefts, or never. */
  policeReport: 'always' | 'if_theft' | 'never';
  /** Ask which hospital treated the patient. */
  hospital: boolean;
  /**
   * Scene photos: requested (asked for plainly, as motor handlers rely on them, but "稍后补充" still reports the
   * claim) or optional (offered). No line makes a photo a condition of reporting: a burst pipe at night or a
   * hospital stay must be reportable at once, and photos can follow.
   */
  photos: 'requested' | 'optional';
}

export const LINE_RULES: Record<Line, LineRules> = {
  auto: { injuries: 'always', otherParties: true, policeReport: 'always', hospital: false, photos: 'requested' },
  accident: { injuries: 'always', otherParties: false, policeReport: 'never', hospital: true, photos: 'optional' },
  health: { injuries: 'if_accident', otherParties: false, policeReport: 'never', hospital: true, photos: 'optional' },
  property: { injuries: 'never', otherParties: false, policeReport: 'if_theft', hospital: false, photos: 'optional' },
  travel: { injuries: 'if_accident', otherParties: false, policeReport: 'if_theft', hospital: false, photos: 'optional' },
  life: { injuries: 'never', otherParties: false, policeReport: 'never', hospital: false, photos: 'optional' },
};

const ACCIDENT_WORDS = /受伤|伤到|摔|撞|车祸|骨折|意外|烫伤|烧伤|划伤|咬伤|injur|accident|fell|fall|crash|hurt|broke|burn|bitten/i;
const THEFT_WORDS = /进了?小偷|进了?贼|遭贼|遭了贼|被盗|盗窃|被偷|偷走|失窃|入室|撬门|撬锁|抢劫|被抢|扒窃|stolen|stole|theft|steal|burglar|burgled|robbed|robbery|broke in|break-?in/i;

/** A known line, or `undefined` for values the core system may send that Anxin does not know. */
export function asLine(value: string): Line | undefined {
  return (LINES as string[]).includes(value) ? (value as Line) : undefined;
}

const rulesOf = (line: string): LineRules => LINE_RULES[asLine(line) ?? 'life'];

/** Whether to ask about injuries for this line, given what the customer said happened. */
export function needsInjuries(line: string, description = ''): boolean {
  const r = rulesOf(line).injuries;
  return r === 'always' || (r === 'if_accident' && ACCIDENT_WORDS.test(description));
}

/** Whether to ask about the police (交警 for motor; 公安 for thefts). */
export function needsPoliceReport(line: string, description = ''): boolean {
  const r = rulesOf(line).policeReport;
  return r === 'always' || (r === 'if_theft' && THEFT_WORDS.test(description));
}

export const needsOtherParties = (line: string) => rulesOf(line).otherParties;
export const needsHospital = (line: string) => rulesOf(line).hospital;
export const photosOptional = (line: string) => rulesOf(line).photos === 'optional';
/** True when the incident is a theft (the police report is then a required document). */
export const isTheft = (description = '') => THEFT_WORDS.test(description);

/** Catalog key (namespace `claim`) of the documents list for a line. */
export const documentsKey = (line: string) => `claim:documents.${asLine(line) ?? 'life'}`;
/** Catalog key of the next steps for a line. */
export const nextStepsKey = (line: string) => `claim:nextSteps.${asLine(line) ?? 'life'}`;
/** Catalog key naming the line ("车险", "motor"). */
export const lineNameKey = (line: string) => `claim:line.${asLine(line) ?? 'life'}`;
