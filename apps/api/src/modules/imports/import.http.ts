import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import Busboy from 'busboy';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { localize } from '../../common/errors';
import type { MessageKey } from '../../common/messages';
import type { AuthRuntime } from '../auth/auth.service';
import { resolveActor } from '../auth/auth.service';
import type { ImportKind } from './import-job.entity';
import { ImportService } from './import.service';
import { sniffFile } from './rows';

const KINDS: readonly ImportKind[] = ['persons', 'enrollments', 'payments', 'targets', 'statistics', 'reasons'];
/** Files above this are refused while uploading (a province's register fits easily). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

function fail(res: Response, status: number, code: string, key: MessageKey, params: Record<string, string | number> = {}) {
  const message = localize(key, params);
  res.status(status).json({ error: { code, messageKey: key, message } });
}

/**
 * POST /api/imports/{kind}: multipart with one `file` (CSV UTF-8 or XLSX, told apart by content)
 * and optional `dryRun=true`, `keepValid=true`. Saves the upload to a temporary file as it arrives,
 * refuses an Excel 97–2003 (.xls) or password-protected workbook at once (415), names the file by
 * what it holds, starts the job, and answers 202 `{ importId }`; progress and rejected rows come
 * from the `importJob(id)` query.
 */
export function importUploadHandler(ds: DataSource, auth: AuthRuntime, imports: ImportService) {
  return async (req: Request, res: Response) => {
    const resolved = await resolveActor(ds, auth, req.headers.authorization);
    if (resolved === null || typeof resolved === 'string') return fail(res, 401, 'UNAUTHENTICATED', resolved === 'expired' ? 'auth.expired' : 'auth.required');
    const actor = resolved;
    const kind = req.params.kind as ImportKind;
    if (!KINDS.includes(kind)) return fail(res, 404, 'NOT_FOUND', 'import.kind.unknown', { kind: String(req.params.kind), kinds: KINDS.join(', ') });
    const allowed = ImportService.canImport(actor, kind);
    if (allowed === 'unsupported') return fail(res, 501, 'NOT_IMPLEMENTED', 'import.kind.notYet', { kind });
    if (allowed === 'forbidden') return fail(res, 403, 'FORBIDDEN', 'auth.forbidden');
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) return fail(res, 400, 'BAD_USER_INPUT', 'import.multipart');

    const fields: Record<string, string> = {};
    let saved: { file: string; name: string } | null = null;
    let tooLarge = false;
    try {
      const busboy = Busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 10 } });
      const writes: Promise<void>[] = [];
      busboy.on('field', (name, value) => (fields[name] = value));
      busboy.on('file', (name, stream, info) => {
        if (name !== 'file' || saved) {
          stream.resume();
          return;
        }
        // Named for what it holds once it is all here (see below).
        const file = path.join(os.tmpdir(), `baophu-import-${randomUUID()}.upload`);
        saved = { file, name: info.filename || 'import.csv' };
        stream.on('limit', () => (tooLarge = true));
        writes.push(pipeline(stream, fs.createWriteStream(file)));
      });
      await pipeline(req, busboy);
      await Promise.all(writes);
    } catch {
      if (saved) fs.rm((saved as { file: string }).file, { force: true }, () => {});
      return fail(res, 400, 'BAD_USER_INPUT', 'import.multipart');
    }
    const upload = saved as { file: string; name: string } | null;
    if (!upload) return fail(res, 400, 'BAD_USER_INPUT', 'import.noFile');
    const content = tooLarge ? 'other' : sniffFile(upload.file);
    // An .xls is refused whatever it holds, unless it is in fact a workbook of today (a ZIP).
    const oldExcel = content === 'ole2' || (content !== 'zip' && /\.xls$/i.test(upload.name));
    if (tooLarge || oldExcel) {
      fs.rm(upload.file, { force: true }, () => {});
      return tooLarge
        ? fail(res, 413, 'BAD_USER_INPUT', 'import.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 })
        : fail(res, 415, 'BAD_USER_INPUT', 'import.xls');
    }
    // .xlsx for a ZIP, or for a file its sender called .xlsx (then refused as a damaged workbook,
    // not read as CSV); .csv for the rest.
    const file = upload.file.replace(/\.upload$/, content === 'zip' || /\.xlsx$/i.test(upload.name) ? '.xlsx' : '.csv');
    try {
      await fs.promises.rename(upload.file, file);
    } catch (err) {
      fs.rm(upload.file, { force: true }, () => {});
      throw err;
    }
    const importId = await imports.start(actor, String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 64), {
      kind,
      file,
      fileName: upload.name,
      dryRun: fields.dryRun === 'true',
      keepValid: fields.keepValid === 'true',
    });
    res.status(202).json({ importId });
  };
}
