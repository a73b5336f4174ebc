import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// No imports of the API here: the browser tests (test/e2e) use this too, without loading the API.

/**
 * A lock file between the test processes: resolves with its release once this process holds it,
 * or with null as soon as `ready()` says another process made what was wanted. A lock left by a
 * process that died (its pid gone) is taken over.
 */
export async function seedingLock(lockFile: string, ready: () => boolean): Promise<(() => void) | null> {
  for (;;) {
    if (ready()) return null;
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = 0;
    let since = Date.now();
    try {
      holder = Number(fs.readFileSync(lockFile, 'utf8')) || 0;
      since = fs.statSync(lockFile).mtimeMs;
    } catch {
      continue; // released in between: try again
    }
    // Its holder died, or it is older than any seeding (15 minutes): take it over.
    if ((holder && !alive(holder)) || Date.now() - since > 15 * 60_000) fs.rmSync(lockFile, { force: true });
    else await new Promise((r) => setTimeout(r, 250));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A digest of the files under `dirs` (each name relative to its dir, and the contents), in a stable
 * order: the key of a seeded copy, which a change of code or reference data must renew.
 */
export function treeDigest(dirs: string[], skip: (name: string) => boolean = () => false): string {
  const hash = createHash('sha256');
  const walk = (root: string, dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(root, full);
      else if (!skip(entry.name)) {
        // Relative names: two checkouts of the same code share the seeded copy.
        hash.update(path.relative(root, full));
        hash.update(fs.readFileSync(full));
      }
    }
  };
  for (const dir of dirs) if (fs.existsSync(dir)) walk(dir, dir);
  return hash.digest('hex');
}
