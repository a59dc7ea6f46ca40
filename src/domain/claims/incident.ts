/**
 * What the kind of incident means for a first notice of loss: the safety advice to give before anything else
 * (water: shut the main valve and cut the power in wet rooms; fire: get out and call 119; a motor accident with
 * injuries: 120/122, hazard lights, warning triangle) and which photos help the claims handler for this line and
 * incident. Keyword rules on what the customer said, like the line rules in lines.ts.
 */
import { asLine, isTheft } from './lines.ts';

/** Situations where the customer must hear safety advice first (a theft: call 110 and keep the scene as it is). */
export type Hazard = 'water' | 'fire' | 'autoInjury' | 'theft';

const WATER = /水管|爆管|管子爆|漏水|渗水|跑水|泡了|泡坏|被泡|水泡|淹了|被淹|水浸|进水|积水|漏到|burst pipe|pipe burst|leak|flood|water damage|soaked/i;
const FIRE = /着火|起火|火灾|失火|烧了|烧毁|烧坏|冒烟|fire|smoke|burn(ed|t|ing)/i;
const HURT = /受伤|伤了|伤到|流血|骨折|昏迷|送医|救护车|injur|hurt|bleeding|ambulance|unconscious/i;
const CAR = /车祸|追尾|撞车|被撞|撞了|剐蹭|翻车|car|crash|collision|rear-ended/i;
const NO_ONE_HURT = /没人受伤|无人受伤|没有人受伤|没受伤|没有受伤|都没事|no one (was )?(hurt|injured)|nobody (was )?(hurt|injured)/i;

/**
 * The hazard to warn about, from the line and what was said (the description and, for motor, the injuries answer),
 * or null. Fire comes first; water damage matters at home (not a flooded car, which has its own advice); a theft not
 * yet reported to the police (`policeReport` other than 'yes') gets "call 110 now".
 */
export function hazardOf(line: string | undefined, description = '', injuries?: string, policeReport?: string): Hazard | null {
  if (FIRE.test(description)) return 'fire';
  if (isTheft(description) && policeReport !== 'yes') return 'theft';
  const l = line ? asLine(line) : undefined;
  // Before the policy is known the line is unknown: a car accident is recognised from the words.
  if (l === 'auto' || (!l && CAR.test(description))) {
    const hurt = (injuries && injuries !== 'none' && !NO_ONE_HURT.test(injuries)) || (HURT.test(description) && !NO_ONE_HURT.test(description));
    return hurt ? 'autoInjury' : null;
  }
  return WATER.test(description) ? 'water' : null;
}

/** Catalog key of the photo tips for this line and incident (`claim:photos.tips.*`). */
export function photoTipsKey(line: string, description = ''): string {
  const l = asLine(line) ?? 'life';
  if (l === 'property') {
    if (FIRE.test(description)) return 'claim:photos.tips.fire';
    if (WATER.test(description)) return 'claim:photos.tips.water';
    if (isTheft(description)) return 'claim:photos.tips.theft';
  }
  return `claim:photos.tips.${l}`;
}
