/**
 * Structured one-line logs on stderr. Refused input and storage failures are logged here, never swallowed.
 * `GLOSSA_LOG=silent` quiets info lines (benchmarks); warnings and errors always print.
 */
type Fields = Record<string, unknown>;

function write(level: 'info' | 'warn' | 'error', message: string, fields?: Fields): void {
  if (level === 'info' && process.env.GLOSSA_LOG === 'silent') return;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}

/** The server's logger. */
export const log = {
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};
