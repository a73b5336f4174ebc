import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, localize, type LocalizedText } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import type { Logger } from '../../log';
import { recordAudit } from '../audit/audit.service';
import { catchUpRollups, deferRollups } from '../reports/rollup-catch-up';
import { forbidden, requireActor, type Actor } from '../auth/actor';
import type { RoleName } from '../auth/user.entity';
import { FileFormatError } from './csv';
import { ImportJobEntity, type ImportKind } from './import-job.entity';
import { IMPORTER_FACTORIES } from './importers';
import { FORMULA_RE } from './persons-import';
import { readRows } from './rows';

export const MAX_ROWS = 200_000;
const BATCH = 2_000;
const MAX_ERRORS = 1_000;
const ANALYZE_AFTER_ROWS = 1_000;
const ANALYZED_TABLES: Partial<Record<ImportKind, string>> = {
  persons: 'person, household',
  enrollments: 'enrollment, contribution_due',
  payments: 'payment, payment_allocation, contribution_due',
  targets: 'target, target_revision',
  statistics: 'unit_statistic',
  reasons: 'due_list_entry, follow_up',
};
const IMPORTERS: Partial<Record<ImportKind, readonly RoleName[]>> = { persons: ['ADMIN', 'BASE_STAFF'], enrollments: ['ADMIN', 'BASE_STAFF'], payments: ['ADMIN', 'BASE_STAFF'],
  targets: ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'],
  statistics: ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'],
  reasons: ['ADMIN', 'BASE_STAFF', 'COLLECTOR'],
};

/** Thrown inside the import transaction to roll it back on purpose (dry run, refused file). */
class RollBack extends Error {}

interface Progress {
  totalRows: number;
  acceptedRows: number;
  rejectedRows: number;
}

export interface StartImport {
  kind: ImportKind;
  file: string;
  fileName: string;
  dryRun: boolean;
  keepValid: boolean;
}

/**
 * File imports: the upload is saved to a temporary file, then read as a stream in the background
 * inside one transaction, so a refused file leaves nothing behind; progress is kept in memory
 * while the job runs (the transaction hides its rows) and stored when it ends.
 */
export class ImportService {
  private readonly running = new Map<string, Progress>();
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly ds: DataSource,
    private readonly logger: Logger,
  ) {}

  /** Whether an actor may import this kind of file, and the kinds built so far. */
  static canImport(actor: Actor, kind: ImportKind): 'ok' | 'unsupported' | 'forbidden' {
    const roles = IMPORTERS[kind];
    if (!roles) return 'unsupported';
    return roles.includes(actor.role) ? 'ok' : 'forbidden';
  }

  async start(actor: Actor, requestId: string, input: StartImport): Promise<string> {
    const id = randomUUID();
    await this.ds.getRepository(ImportJobEntity).insert({
      id,
      kind: input.kind,
      status: 'PENDING',
      fileName: input.fileName.slice(0, 200),
      dryRun: input.dryRun,
      keepValid: input.keepValid,
      createdBy: actor.id,
      errors: [],
    });
    this.running.set(id, { totalRows: 0, acceptedRows: 0, rejectedRows: 0 });
    this.track(
      this.run(id, actor, requestId, input)
        .catch(async (err) => {
          this.logger.error('import failed', { importId: id, requestId, error: err instanceof Error ? err.stack : String(err) });
          // The job must not stay RUNNING: say it failed, with the request id to find the log.
          const message = localize('common.internal', { requestId });
          await this.ds
            .getRepository(ImportJobEntity)
            .update({ id }, { status: 'FAILED', importedRows: 0, errors: [{ line: 0, message }] as never, finishedAt: new Date() })
            .catch(() => {});
        })
        .finally(() => {
          this.running.delete(id);
          fs.rm(input.file, { force: true }, () => {});
        }),
    );
    return id;
  }

  /** Work started in the background (imports, their rollup catch-up), until it settles. */
  private track(work: Promise<unknown>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  /** Resolves when the imports and catch-ups running now have finished (the server's close waits for it). */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  /** The job with its live progress; only its creator and administrators see it. */
  async job(ctx: RequestContext, id: string): Promise<ImportJobEntity | null> {
    const actor = requireActor(ctx);
    if (!/^[0-9a-f-]{36}$/.test(id)) throw DomainError.badInput('id', 'common.invalidId');
    const job = await ctx.ds.getRepository(ImportJobEntity).findOneBy({ id });
    if (!job) return null;
    if (job.createdBy !== actor.id && actor.role !== 'ADMIN') throw forbidden();
    const live = this.running.get(id);
    return live && (job.status === 'PENDING' || job.status === 'RUNNING') ? Object.assign(job, live) : job;
  }

  private async run(id: string, actor: Actor, requestId: string, input: StartImport): Promise<void> {
    const progress = this.running.get(id)!;
    const errors: { line: number; message: LocalizedText }[] = [];
    const reject = (line: number, message: LocalizedText) => {
      progress.rejectedRows++;
      if (errors.length < MAX_ERRORS) errors.push({ line, message });
    };
    await this.ds.getRepository(ImportJobEntity).update({ id }, { status: 'RUNNING' });
    let imported = 0;
    let fileError: LocalizedText | null = null;
    try {
      await this.ds.transaction(async (em) => {
        // Batches of 2,000 rows look costly enough to the planner to be compiled (JIT), which
        // costs more than their whole run: 15-30 ms a statement, 1.5 s in an import of 100,000.
        await em.query('SET LOCAL jit = off');
        // The report rollups of thousands of hamlets are refreshed after the commit, a few hundred
        // hamlets at a time (below), not in this transaction: refreshing them here doubled an
        // import's time and held the lock every writer's commit takes for all of it.
        await deferRollups(em);
        imported = await this.importRows(em, actor, input, progress, reject);
        // Written whenever rows were: a refused file rolls this event back with its rows.
        if (!input.dryRun && imported > 0) {
          await recordAudit(em, { actor, requestId } as RequestContext, {
            action: `import.${input.kind}`,
            entity: 'import',
            entityId: id,
            scopePath: actor.scopePath,
            after: { fileName: input.fileName, rows: imported, rejected: progress.rejectedRows },
          });
        }
        if (input.dryRun || (!input.keepValid && progress.rejectedRows > 0)) throw new RollBack();
      });
    } catch (err) {
      if (err instanceof RollBack) imported = 0;
      else if (err instanceof FileFormatError) fileError = localize(err.key, err.params);
      else throw err;
    }
    // Many new rows: refresh the planner's statistics so the lists and reports over them stay fast.
    if (imported >= ANALYZE_AFTER_ROWS) await this.ds.query(`ANALYZE ${ANALYZED_TABLES[input.kind] ?? ''}`).catch(() => {});
    // Rows refused by the database checks of a batch come after the others: report in file order.
    errors.sort((a, b) => a.line - b.line);
    if (fileError) errors.unshift({ line: 0, message: fileError });
    const failed = !!fileError || (!input.keepValid && progress.rejectedRows > 0);
    await this.ds.getRepository(ImportJobEntity).update(
      { id },
      {
        status: failed ? 'FAILED' : 'SUCCEEDED',
        totalRows: progress.totalRows,
        acceptedRows: progress.acceptedRows,
        rejectedRows: progress.rejectedRows,
        importedRows: imported,
        errors: errors as never,
        finishedAt: new Date(),
      },
    );

    // The reports catch up with the rows just committed: seconds for 100,000 enrollments, in the
    // background (the job says SUCCEEDED now: its rows are there). Left over if the process stops
    // first: the pairs are committed, and the scheduled catch-up does them.
    if (imported > 0) {
      this.track(catchUpRollups(this.ds, this.logger).catch((err) => this.logger.error('report rollups catch-up failed', { importId: id, error: String(err) })));
    }
  }

  /** Reads the file and writes its rows batch by batch with the importer of its kind. */
  private async importRows(
    em: EntityManager,
    actor: Actor,
    input: StartImport,
    progress: Progress,
    reject: (line: number, message: LocalizedText) => void,
  ): Promise<number> {
    const importer = await IMPORTER_FACTORIES[input.kind]!(em, actor);
    const seen = new Set<string>();
    let index: number[] = [];
    let batch: { line: number; row: unknown }[] = [];
    let imported = 0;
    // One batch's rows are written while the next is read, checked and resolved: the database and
    // Node work at the same time (on one connection the statements still run in file order). A
    // failed write is kept, not left unhandled, and thrown at the next flush or at the end.
    let writing: Promise<unknown> | null = null;
    const settle = async () => {
      const outcome = await writing;
      writing = null;
      if (outcome instanceof Error) throw outcome;
    };
    // All or nothing: once a row is refused nothing will be kept, so stop writing (but go on checking).
    const startWrite = (fresh: unknown[]) => {
      if (input.dryRun || !(input.keepValid || progress.rejectedRows === 0) || !fresh.length) return;
      writing = importer.write(em, fresh, actor).then(
        () => null,
        (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
      );
      imported += fresh.length;
    };
    const rejectResolved = (line: number, message: LocalizedText) => {
      progress.acceptedRows--;
      reject(line, message);
    };
    // With `resolveAhead`, a batch resolved but not written yet: it is written once the next
    // batch's statements are on the connection, so the database writes it while Node resolves the
    // next one (its dues computed, its file read), instead of each waiting for the other.
    let pending: unknown[] | null = null;
    const flush = async () => {
      if (!batch.length) return;
      const rows = batch;
      batch = [];
      if (importer.resolveAhead) {
        const resolving = importer.resolve(em, rows, rejectResolved).then(
          (fresh) => ({ fresh, err: null }),
          (err: unknown) => ({ fresh: [], err }),
        );
        // Its first statement is handed to the connection before the previous batch's write.
        await new Promise((r) => setImmediate(r));
        if (pending) {
          await settle();
          startWrite(pending);
          pending = null;
        }
        const outcome = await resolving;
        if (outcome.err) {
          await settle();
          throw outcome.err;
        }
        pending = outcome.fresh;
        return;
      }
      let fresh: unknown[];
      try {
        fresh = await importer.resolve(em, rows, rejectResolved);
      } catch (err) {
        await settle(); // a failed write aborts the transaction: its error is the one to tell
        throw err;
      }
      await settle();
      startWrite(fresh);
    };
    for await (const item of readRows(input.file, MAX_ROWS)) {
      if ('header' in item) {
        const header = item.header.map((h) => h.trim());
        const missing = importer.columns.filter((c) => !header.includes(c));
        const extra = header.filter((h) => !importer.columns.includes(h));
        if (missing.length || extra.length) {
          throw new FileFormatError('import.columns', {
            missing: missing.join(', ') || '—',
            extra: extra.join(', ') || '—',
            expected: importer.columns.join(', '),
          });
        }
        index = importer.columns.map((c) => header.indexOf(c));
        continue;
      }
      progress.totalRows++;
      const values = Object.fromEntries(importer.columns.map((c, i) => [c, item.values[index[i]] ?? '']));
      const formula = importer.columns.find((c) => FORMULA_RE.test(values[c] ?? ''));
      if (formula) {
        const m = localize('import.formula');
        reject(item.line, { vi: `${formula}: ${m.vi}`, en: `${formula}: ${m.en}` });
        continue;
      }
      const checked = importer.check(values);
      if (!checked.ok) {
        reject(item.line, checked.message);
        continue;
      }
      const key = importer.key(checked.row);
      if (seen.has(key)) {
        reject(item.line, localize(importer.repeatedKey));
        continue;
      }
      seen.add(key);
      progress.acceptedRows++;
      batch.push({ line: item.line, row: checked.row });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await settle();
    if (pending) {
      startWrite(pending);
      await settle();
    }
    if (imported > 0) await importer.finish?.(em);
    return imported;
  }
}
