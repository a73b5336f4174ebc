/**
 * The national data generator: `pnpm bench:generate --size S|M|L [--seed N] [--database URL]`.
 *
 *   S  one province (Đồng Tháp): 200,000 voluntary SI participants
 *   M  one region (the Mekong delta, 5 provinces): 1,000,000
 *   L  the nation (34 provinces): 3,000,000
 *
 * Every size has the real units (34 provinces, 3,321 communes), about 350 base offices and
 * 100,000 synthetic hamlets; household HI members are a quarter of the VSI participants; 12 months
 * of dues and payments up to today. What is made and how: lib/national.ts, lib/national-units.ts,
 * lib/national-people.ts. The database (default baophu_gen_<size> on BENCH_DATABASE_URL's server)
 * is created; an existing one is replaced only when this generator made it.
 *
 * Options: --today YYYY-MM-DD (the day the data stops at; default today in Vietnam),
 * --rollups chunks-sum|chunks|rebuild (how the rollups are built; default chunks-sum: rollup_compute of chunks of hamlets,
 * on one connection beside the COPY as they are written and on two afterwards, then the levels above summed set-based;
 * chunks: the same hamlet rows, then rollup_rederive of the country (the same rows, slower); rebuild: rollup_rebuild()),
 * --json FILE (write the result).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { DEFAULT_SEED, defaultUrl, generateNational, MACHINE, SIZES, type Size } from './lib/national';
import { fmtMs } from './lib/report';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: pnpm bench:generate --size S|M|L [--seed N] [--database postgres://…/name] [--today YYYY-MM-DD] [--rollups chunks-sum|chunks|rebuild] [--json FILE]');
  process.exit(2);
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  let size: Size | null = null;
  let seed = DEFAULT_SEED;
  let url: string | null = null;
  let today: string | undefined;
  let rollups: 'chunks' | 'chunks-sum' | 'rebuild' = 'chunks-sum';
  let json: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].includes('=') ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    const value = () => inline ?? args[++i] ?? usage(`${flag} needs a value`);
    switch (flag) {
      case '--size': {
        const v = value().toUpperCase();
        if (!(v in SIZES)) usage(`unknown size ${v}`);
        size = v as Size;
        break;
      }
      case '--seed':
        seed = Number(value());
        if (!Number.isInteger(seed)) usage('--seed must be an integer');
        break;
      case '--database':
        url = value();
        break;
      case '--today':
        today = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) usage('--today is YYYY-MM-DD');
        break;
      case '--rollups': {
        const v = value();
        if (v !== 'chunks' && v !== 'chunks-sum' && v !== 'rebuild') usage('--rollups is chunks, chunks-sum or rebuild');
        rollups = v;
        break;
      }
      case '--json':
        json = value();
        break;
      case '--help':
      case '-h':
        usage();
      // eslint-disable-next-line no-fallthrough
      default:
        usage(`unknown option ${args[i]}`);
    }
  }
  if (!size) usage('--size is required');
  const target = url ?? defaultUrl(size);
  console.error(`machine: ${MACHINE()}, Node ${process.version}`);
  const result = await generateNational({ size, seed, url: target, today, rollups, log: (m) => console.error(m) });
  console.log(`\n${size} (${SIZES[size].label}), seed ${seed}, up to ${result.today}: ${fmtMs(result.totalMs)} ms (${(result.totalMs / 60_000).toFixed(1)} min)\n`);
  console.log('phase'.padEnd(62) + 'ms'.padStart(10));
  for (const [name, ms] of Object.entries(result.phasesMs)) console.log(name.padEnd(62) + fmtMs(ms).padStart(10));
  console.log(`\n${'rows'.padEnd(62)}${'count'.padStart(12)}`);
  for (const [name, n] of Object.entries(result.rows)) console.log(name.padEnd(62) + n.toLocaleString('en-US').padStart(12));
  if (json) fs.writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
