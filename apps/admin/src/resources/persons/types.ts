import type { Sex, SupportCategory } from '@bao-phu/domain';
import type { EnrollmentSummary } from '../enrollments/types';
import type { OrgUnitRef } from '../org-units/types';

/** A hamlet as a person's record names it: its commune, for "Ấp 1 — Xã Hòa Long". */
export interface HamletRef extends OrgUnitRef {
  parent: OrgUnitRef | null;
}

/** The selection of PersonFields (list rows, references, mutation results). */
export interface PersonRecord {
  id: string;
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  /** As the API sends it: masked ("087•••••1234") when `personalDataMasked`. */
  citizenId: string;
  phone: string | null;
  personalDataMasked: boolean;
  siCode: string | null;
  supportCategory: SupportCategory;
  supportFrom: string | null;
  supportTo: string | null;
  hamlet: HamletRef;
  household: { id: string; code: string } | null;
  /** The ids the forms edit (see personsDescriptor.toRecord). */
  hamletId: string;
  householdId: string | null;
}

/** The selection of PersonDetailFields (show and edit pages). */
export interface PersonDetail extends PersonRecord {
  /** Province, base office, commune of the hamlet: the province code decides provincial support. */
  hamlet: HamletRef & { ancestors?: OrgUnitRef[] };
  enrollments?: EnrollmentSummary[];
}
