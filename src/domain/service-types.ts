/** The 保全 (policy administration) operations Anxin handles; shared by the NLU and the service-request domain. */
export const SERVICE_TYPES = [
  'change_phone',
  'change_address',
  'change_beneficiary',
  'change_bank',
  'surrender',
  'reinstatement',
  'reissue',
  'payment_frequency',
  'policy_loan',
  'survival_benefit',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
