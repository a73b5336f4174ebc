import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, startEmbeddedDatabase } from '../src/db/embedded';
import { openDatabase } from '../src/db/open';
import { createLogger } from '../src/log';
import { prepareDatabase } from '../src/seed/prepare';

// The embedded database is what `pnpm start` uses on a fresh machine; these run whatever
// TEST_DATABASE_URL says.
const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baophu-data-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('embedded database in DATA_DIR', () => {
  it('keeps its data across a restart and does not seed twice', async () => {
    const dir = tempDataDir();
    const logger = createLogger('silent');
    const first = await openDatabase(null, dir);
    await prepareDatabase(first.ds, { seed: 'demo', referenceUnits: 'all', adminUsername: null, adminPassword: null }, logger);
    await first.ds.query(`UPDATE org_unit SET name = 'BHXH cơ sở Hoa Long (đã sửa)' WHERE code = 'BHXH-HOALONG'`);
    const [{ n: units }] = await first.ds.query('SELECT count(*)::int AS n FROM org_unit');
    await first.close();

    const second = await openDatabase(null, dir);
    try {
      await prepareDatabase(second.ds, { seed: 'demo', referenceUnits: 'all', adminUsername: null, adminPassword: null }, logger);
      const [{ n }] = await second.ds.query('SELECT count(*)::int AS n FROM org_unit');
      expect(n).toBe(units);
      const [{ name }] = await second.ds.query(`SELECT name FROM org_unit WHERE code = 'BHXH-HOALONG'`);
      expect(name).toBe('BHXH cơ sở Hoa Long (đã sửa)');
    } finally {
      await second.close();
    }
  }, 120_000);

  it('refuses a second opener of the same folder with a clear message, and frees it on close', async () => {
    const dir = tempDataDir();
    const first = await startEmbeddedDatabase(dir);
    try {
      const second = startEmbeddedDatabase(dir);
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/in use by another Bao Phủ process/);
    } finally {
      await first.close();
    }
    const again = await startEmbeddedDatabase(dir);
    await again.close();
  });

  it('refuses a folder locked by another live process', async () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'bao-phu.lock'), String(process.ppid));
    await expect(startEmbeddedDatabase(dir)).rejects.toThrow(`pid ${process.ppid}`);
  });

  it('takes over a lock left by a process that is gone (a crash)', async () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'bao-phu.lock'), '2147483646');
    const db = await startEmbeddedDatabase(dir);
    expect(fs.readFileSync(path.join(dir, 'bao-phu.lock'), 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(path.join(dir, 'bao-phu.lock'))).toBe(false);
  });
});
