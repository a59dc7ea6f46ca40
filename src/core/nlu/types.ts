/**
 * The NLU contract. Dialogs, the pipeline and the evaluation tools code against these names: keep them stable.
 * See issue 3, "Intents — a fixed contract".
 */
export const INTENTS = [
  'inquiry',
  'claim_report',
  'claim_status',
  'complaint',
  'complaint_status',
  'policy_service',
  'whistleblow',
  'human_agent',
  'unsubscribe',
  'greeting',
  'other',
] as const;

/** One of the eleven intents every message is classified into. */
export type Intent = (typeof INTENTS)[number];

/** The 保全 (policy administration) operations recognised in text. */
export { SERVICE_TYPES, type ServiceType } from '../../domain/service-types.ts';

/** Entities found in one message. Every field is optional: absent means "not mentioned". */
export interface Entities {
  /** e.g. LF2024000123, upper-cased. */
  policyNumber?: string;
  /** 报案号, BA + 14 digits. */
  claimNumber?: string;
  /** 投诉编号, TS + 14 digits. */
  complaintNumber?: string;
  /** 保全受理号, BQ + 14 digits. */
  serviceNumber?: string;
  /** Mainland mobile, 11 digits without country code or separators. */
  phone?: string;
  /** 18-character resident ID, only when the GB 11643 checksum (and date/region) is valid; X upper-cased. */
  idNumber?: string;
  /** Licence plate without separator, upper-cased, e.g. 京A12345, 粤BD12345. */
  plate?: string;
  /** Amounts of money in yuan, in order of appearance. */
  amounts?: number[];
  /**
   * A date/time resolved in Asia/Shanghai. `iso` is always `YYYY-MM-DDTHH:mm:00+08:00` (00:00 for day precision);
   * `text` is the matched span.
   */
  datetime?: { iso: string; text: string; precision: 'day' | 'hour' | 'minute' };
  /** The 保全 operation named in the text (set whenever a keyword matches, whatever the intent). */
  serviceType?: string;
  /** True when the message negates something (没有, 不要, no, don't …), e.g. "没有人受伤". */
  negation?: boolean;
}

/** What the NLU says about one message. */
export interface NluResult {
  intent: Intent;
  /** 0..1, calibrated: below ~0.55 the dialog should offer `alternatives` as choices. */
  confidence: number;
  /** The next likeliest intents, descending (at most three). */
  alternatives: Array<{ intent: Intent; confidence: number }>;
  entities: Entities;
  /** The language the customer wrote in (mixed text → zh when Han characters dominate). */
  language: 'zh' | 'en';
  /**
   * negative = angry/frustrated (the dialog may offer a human), i.e. `anger` is not `none`. Naming a topic is not a
   * feeling: "投诉", "I want to check my complaint" or a calm "我的理赔怎么还没到账呀" are neutral.
   */
  sentiment: 'negative' | 'neutral' | 'positive';
  /**
   * How angry the message reads (always set by {@link Nlu.classify}; optional so that hand-built results stay valid):
   * `upset` = frustrated or impatient (apologise, offer a human); `angry` = insults, accusations of cheating,
   * threats of media or courts (empathy and a person or supervisor at once, no scripted questions).
   */
  anger?: 'none' | 'upset' | 'angry';
  /** True when the customer asks for a supervisor/manager/boss (叫你们领导来, 找你们老板, "get me your manager"). */
  supervisor?: boolean;
}

/** A trained intent classifier plus entity extraction. */
export interface Nlu {
  /** Classifies one message; `now` (default: the current time) anchors relative dates. */
  classify(text: string, opts?: { now?: Date }): NluResult;
}

/** One labelled utterance, the line format of train.jsonl / eval.jsonl. */
export interface Example {
  text: string;
  intent: Intent;
}
