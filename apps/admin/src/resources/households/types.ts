import type { Sex } from '@bao-phu/domain';
import type { EnrollmentSummary } from '../enrollments/types';
import type { HamletRef } from '../persons/types';

export interface HouseholdMember {
  id: string;
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  enrollments: Pick<EnrollmentSummary, 'id' | 'scheme' | 'status' | 'startDate' | 'paymentMode' | 'memberOrder'>[];
}

/** The selection of HouseholdFields. */
export interface HouseholdRecord {
  id: string;
  code: string;
  hamlet: HamletRef;
  members: HouseholdMember[];
}
