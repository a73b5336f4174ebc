/** One-line JSON logs on stdout/stderr, quiet when LOG_LEVEL=silent (tests). */
export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export function createLogger(level: 'silent' | 'info'): Logger {
  const write = (stream: NodeJS.WriteStream, lvl: string, message: string, meta?: Record<string, unknown>) =>
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...meta })}\n`);
  return {
    info: (m, meta) => level !== 'silent' && write(process.stdout, 'info', m, meta),
    // Errors are written even when silent: an unexpected error must never vanish.
    error: (m, meta) => write(process.stderr, 'error', m, meta),
  };
}
