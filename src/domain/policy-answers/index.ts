/**
 * Answers about *my* policies and business, read from the database for a verified customer: cooling-off end and
 * rights, sum insured, premiums and the next due date, arrears to reinstate a lapsed policy, what a surrender
 * returns, and open claims, complaints and service requests. General questions go to the knowledge base instead.
 */
export { POLICY_TOPICS, detectLine, detectPolicyTopics, isAboutMyPolicy, questionScope, type LineFilter, type PolicyTopic, type QuestionScope } from './topics.ts';
export { policyFacts, type Arrears, type PolicyFacts, type PolicyRole } from './facts.ts';
export { INSURED_MAY_SEE, allowedTopics } from './access.ts';
export { money, renderPolicyAnswer } from './render.ts';
export { openItems, renderOpenItems, type OpenItem } from './open-items.ts';
export { COOLING_OFF_MAX_FEE, GRACE_DAYS, REINSTATEMENT_YEARS, lapseWindow } from './rules.ts';
export { answerMyQuestion, type MyAnswer } from './answer.ts';
