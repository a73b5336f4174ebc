import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type ImportKind = 'persons' | 'enrollments' | 'payments' | 'targets' | 'statistics' | 'reasons';
export type ImportStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One uploaded file and what became of its rows. */
@Entity({ name: 'import_job' })
@Check('ck_import_job_status', `status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')`)
export class ImportJobEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 10 })
  status: ImportStatus;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  /** Check every row, write nothing. */
  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun: boolean;

  /** Import the valid rows even when others are rejected (default: all or nothing). */
  @Column({ name: 'keep_valid', type: 'boolean', default: false })
  keepValid: boolean;

  @Column({ name: 'total_rows', type: 'int', default: 0 })
  totalRows: number;

  @Column({ name: 'accepted_rows', type: 'int', default: 0 })
  acceptedRows: number;

  @Column({ name: 'rejected_rows', type: 'int', default: 0 })
  rejectedRows: number;

  /** Rows written to the database (0 after a dry run or an all-or-nothing refusal). */
  @Column({ name: 'imported_rows', type: 'int', default: 0 })
  importedRows: number;

  /** [{ line, message: { vi, en } }], the first 1,000; line 0 is the file itself. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors: { line: number; message: { vi: string; en: string } }[];

  @Index()
  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
