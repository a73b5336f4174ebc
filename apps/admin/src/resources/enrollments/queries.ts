import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PaymentMode, Scheme } from '@bao-phu/domain';
import type { ResourceDescriptor } from '../../providers/dataProvider';
import type { EnrollmentSummary, PaymentRecord } from './types';

/**
 * Enrollments are read one by one (`enrollment(id)`), each with its dues and payments; there is no
 * list of them and no page of their own: they are shown on the person's page.
 */

export const ENROLLMENT_SUMMARY_FIELDS = gql`
  fragment EnrollmentSummaryFields on Enrollment {
    id
    scheme
    status
    startDate
    endDate
    declaredMonthlyIncome
    paymentMode
    memberOrder
    collectionOrganization {
      id
      name
    }
  }
`;

export const ENROLLMENT_FIELDS = gql`
  fragment EnrollmentFields on Enrollment {
    ...EnrollmentSummaryFields
    dues {
      id
      periodStart
      periodEnd
      dueDate
      months
      gross
      support
      payable
      paid
      status
    }
    payments {
      id
      amount
      paidOn
      receiptNo
    }
  }
  ${ENROLLMENT_SUMMARY_FIELDS}
`;

export const enrollmentsDescriptor: ResourceDescriptor = {
  one: 'enrollment',
  fields: ENROLLMENT_FIELDS,
  sortFields: [],
};

export interface EnrollInput {
  personId: string;
  scheme: Scheme;
  startDate: string;
  paymentMode: PaymentMode;
  declaredMonthlyIncome?: number | null;
  collectionOrganizationId?: string | null;
  years?: number | null;
  /** The door-to-door visit it comes from: credited to its campaign and member. */
  visitId?: string | null;
}

export const ENROLL: TypedDocumentNode<{ enroll: EnrollmentSummary }, { input: EnrollInput }> = gql`
  mutation Enroll($input: EnrollInput!) {
    enroll(input: $input) {
      ...EnrollmentSummaryFields
    }
  }
  ${ENROLLMENT_SUMMARY_FIELDS}
`;

export interface RecordPaymentInput {
  enrollmentId: string;
  amount: number;
  paidOn: string;
  receiptNo?: string | null;
  /** One per opening of the payment dialog: a second click or a retry is not a second payment. */
  idempotencyKey: string;
}

export const RECORD_PAYMENT: TypedDocumentNode<{ recordPayment: PaymentRecord }, { input: RecordPaymentInput }> = gql`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      amount
      paidOn
      receiptNo
    }
  }
`;

export type EnrollmentEndStatus = 'STOPPED' | 'DECEASED';

export const END_ENROLLMENT: TypedDocumentNode<
  { endEnrollment: EnrollmentSummary },
  { id: string; status: EnrollmentEndStatus; endDate: string }
> = gql`
  mutation EndEnrollment($id: ID!, $status: EnrollmentEndStatus!, $endDate: Date!) {
    endEnrollment(id: $id, status: $status, endDate: $endDate) {
      ...EnrollmentSummaryFields
    }
  }
  ${ENROLLMENT_SUMMARY_FIELDS}
`;
