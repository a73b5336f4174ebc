import { gql } from '@apollo/client';
import { TOKEN_STORAGE_KEY } from '../providers/session';

export type ImportKind = 'persons' | 'enrollments' | 'payments' | 'targets' | 'statistics';

/** The columns of each kind, exactly as the API reads them (README "Imports"). */
export const IMPORT_KINDS: { kind: ImportKind; columns: string }[] = [
  { kind: 'persons', columns: 'citizenId, fullName, dateOfBirth, sex, hamletCode, phone, householdCode, supportCategory' },
  { kind: 'enrollments', columns: 'citizenId, scheme, startDate, declaredMonthlyIncome, paymentMode, collectionOrganizationCode, campaignCode' },
  { kind: 'payments', columns: 'citizenId, scheme, amount, paidOn, receiptNo' },
  { kind: 'targets', columns: 'unitCode, year, scheme, metric, value' },
  { kind: 'statistics', columns: 'unitCode, year, metric, value' },
];

export interface ImportJob {
  id: string;
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  fileName: string;
  dryRun: boolean;
  keepValid: boolean;
  totalRows: number;
  acceptedRows: number;
  rejectedRows: number;
  importedRows: number;
  errors: { line: number; message: string; messageEn: string }[];
}

export const IMPORT_JOB = gql`
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      id
      status
      fileName
      dryRun
      keepValid
      totalRows
      acceptedRows
      rejectedRows
      importedRows
      errors {
        line
        message
        messageEn
      }
    }
  }
`;

export const isFinished = (job: Pick<ImportJob, 'status'> | null | undefined) => job?.status === 'SUCCEEDED' || job?.status === 'FAILED';

/**
 * Uploads a file to POST /api/imports/{kind} (multipart, as the API expects) and returns the
 * import id; throws an Error carrying the server's message in the user's language.
 */
export async function uploadImport(kind: ImportKind, file: File, options: { dryRun: boolean; keepValid: boolean }, locale: string): Promise<string> {
  const form = new FormData();
  if (options.dryRun) form.set('dryRun', 'true');
  if (options.keepValid) form.set('keepValid', 'true');
  form.set('file', file, file.name);
  const token = localStorage.getItem(TOKEN_STORAGE_KEY);
  const res = await fetch(`/api/imports/${kind}`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await res.json().catch(() => null)) as { importId?: string; error?: { message?: { vi: string; en: string } } } | null;
  if (res.status === 202 && body?.importId) return body.importId;
  const message = body?.error?.message;
  throw new Error(message ? (locale === 'en' ? message.en : message.vi) : `HTTP ${res.status}`);
}
