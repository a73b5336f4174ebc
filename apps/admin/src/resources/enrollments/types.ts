import type { PaymentMode, Scheme } from '@bao-phu/domain';

export type EnrollmentStatus = 'ACTIVE' | 'LAPSED' | 'STOPPED' | 'DECEASED';
export type DueStatus = 'OPEN' | 'PAID' | 'LATE_PAID' | 'WAIVED' | 'CANCELLED';

/** An enrollment as the person's page lists it; dues and payments are read per enrollment. */
export interface EnrollmentSummary {
  id: string;
  scheme: Scheme;
  status: EnrollmentStatus;
  startDate: string;
  endDate: string | null;
  declaredMonthlyIncome: number | null;
  paymentMode: PaymentMode;
  memberOrder: number | null;
  collectionOrganization: { id: string; name: string } | null;
}

export interface ContributionDue {
  id: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  months: number;
  gross: number;
  support: number;
  payable: number;
  paid: number;
  status: DueStatus;
}

export interface PaymentRecord {
  id: string;
  amount: number;
  paidOn: string;
  receiptNo: string | null;
}

/** The selection of EnrollmentFields: an enrollment with its dues (oldest first) and payments. */
export interface EnrollmentRecord extends EnrollmentSummary {
  dues: ContributionDue[];
  payments: PaymentRecord[];
}
