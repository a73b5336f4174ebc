import fs from 'node:fs';

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
