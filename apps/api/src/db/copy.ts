import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';

/** Lines per chunk written to the COPY stream (about 60 KB of dues). */
const LINES_PER_CHUNK = 1_000;

const copyable = new WeakMap<DataSource, Promise<boolean>>();

/**
 * Whether the database takes `COPY … FROM STDIN`: a PostgreSQL server does; PGlite behind its
 * socket does not (the copy sub-protocol ends the session), so callers fall back to an INSERT.
 */
export function canCopyFromStdin(em: EntityManager): Promise<boolean> {
  let known = copyable.get(em.connection);
  if (!known) {
    // Asked on the transaction's own connection: on PGlite the pool has one, which it holds.
    known = em.query('SELECT version() AS v').then(([{ v }]: { v: string }[]) => !v.includes('PGlite'));
    copyable.set(em.connection, known);
    known.catch(() => copyable.delete(em.connection)); // asked again next time
  }
  return known;
}

/**
 * Writes rows with `COPY … FROM STDIN` (text format) on the connection of `em`'s transaction: the
 * fastest way into PostgreSQL, and triggers, constraints and the statement's transition table work
 * as for an INSERT. `lines` are the rows, each already in COPY's text format and ending with a
 * newline: the caller escapes its values (numbers and ISO dates need none).
 */
export async function copyRows(em: EntityManager, copySql: string, lines: Iterable<string>): Promise<void> {
  if (!em.queryRunner) throw new Error('copyRows needs the EntityManager of a transaction');
  const client = (await em.queryRunner.connect()) as PoolClient;
  await pipeline(Readable.from(chunks(lines)), client.query(copyFrom(copySql)));
}

function* chunks(lines: Iterable<string>): Generator<string> {
  let part: string[] = [];
  for (const line of lines) {
    part.push(line);
    if (part.length === LINES_PER_CHUNK) {
      yield part.join('');
      part = [];
    }
  }
  if (part.length) yield part.join('');
}
