import type { PolicyRole } from './facts.ts';
import type { PolicyTopic } from './topics.ts';

/**
 * What an insured-only person (被保险人 who is not the 投保人) may be told about a policy. Premiums, payments,
 * arrears, the cooling-off right and surrender are the policyholder's: the contract's rights to cancel, surrender
 * and reinstate are the holder's (Insurance Law arts. 15, 37, 47), and what the holder pays is the holder's
 * personal financial information (Personal Information Protection Law art. 28). The insured may know that they are
 * covered, by what, until when, whether the policy is in force, and who services it. README, "What a customer can
 * ask about their own policies", says the same.
 */
export const INSURED_MAY_SEE: ReadonlySet<PolicyTopic> = new Set<PolicyTopic>(['expiry', 'coverage', 'status', 'agent', 'open']);

/** The asked topics split into those this role may be told and those withheld. */
export function allowedTopics(role: PolicyRole, topics: PolicyTopic[]): { shown: PolicyTopic[]; withheld: PolicyTopic[] } {
  if (role === 'holder') return { shown: topics, withheld: [] };
  return { shown: topics.filter((x) => INSURED_MAY_SEE.has(x)), withheld: topics.filter((x) => !INSURED_MAY_SEE.has(x)) };
}
