/**
 * Turns a database error into the one AppError (STYLE.md §6), the same on both dialects:
 * unique violation -> `conflict`, missing referenced record -> `not-found`, a value a check
 * refuses -> `invalid-signal` (hash columns) or `bad-usage`. Messages name the table and
 * constraint or column, never the values (which may be evidence paths).
 */
import { AppError } from '../domain/app-error.js';

type Violation = 'unique' | 'foreign-key' | 'check' | 'not-null';

const SQLITE_CODES: Record<string, Violation> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign-key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not-null',
};

const PG_CODES: Record<string, Violation> = {
  '23505': 'unique',
  '23503': 'foreign-key',
  '23514': 'check',
  '23502': 'not-null',
};

/** PostgreSQL's disk_full: "could not extend file …: No space left on device". */
const PG_DISK_FULL = '53100';

interface DbError {
  code?: string;
  message?: string;
  constraint?: string;
  column?: string;
  table?: string;
}

function classify(err: DbError): { violation: Violation; subject: string } | null {
  const code = err.code ?? '';
  if (SQLITE_CODES[code]) {
    // "UNIQUE constraint failed: media.sha256" / "CHECK constraint failed: media_md5_hex"
    const subject = err.message?.split(': ').slice(1).join(': ') || 'a constraint';
    return { violation: SQLITE_CODES[code], subject };
  }
  if (PG_CODES[code]) {
    const subject = err.constraint ?? (err.column ? `${err.table}.${err.column}` : (err.table ?? 'a constraint'));
    return { violation: PG_CODES[code], subject };
  }
  return null;
}

/** Whether a database error is a unique-key violation (either dialect). */
export function isUniqueViolation(err: unknown): boolean {
  return classify((err ?? {}) as DbError)?.violation === 'unique';
}

/** The AppError for a database error met while doing `what` (e.g. "Adding media"). */
export function toAppError(err: unknown, what: string): AppError {
  if (AppError.is(err)) return err;
  // SQLite's SQLITE_FULL is reported by its driver (sqlite-driver.ts), which knows the directory.
  if ((err as DbError | null)?.code === PG_DISK_FULL) {
    return new AppError(
      'internal',
      `${what} failed: the PostgreSQL server's disk is full (${PG_DISK_FULL}). Free space where the server keeps its data and try again; this change was not saved.`,
      { cause: err },
    );
  }
  const found = classify((err ?? {}) as DbError);
  if (!found) {
    const reason = err instanceof Error ? err.message : String(err);
    return new AppError('internal', `${what} failed: ${reason}`, { cause: err });
  }
  const { violation, subject } = found;
  switch (violation) {
    case 'unique':
      return new AppError('conflict', `${what}: a record with the same key already exists (${subject}).`, {
        cause: err,
      });
    case 'foreign-key':
      return new AppError('not-found', `${what}: it refers to a record that does not exist (${subject}).`, {
        cause: err,
      });
    case 'check': {
      const code = /_hex\b/.test(subject) ? 'invalid-signal' : 'bad-usage';
      return new AppError(code, `${what}: a value is not allowed by ${subject}.`, { cause: err });
    }
    case 'not-null':
      return new AppError('bad-usage', `${what}: a required value is missing (${subject}).`, { cause: err });
  }
}

/** Runs `work`, turning any database error into an AppError. */
export async function withAppErrors<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toAppError(err, what);
  }
}
