/**
 * Names the error that aborted a PostgreSQL transaction. After any failed statement PostgreSQL
 * refuses every later one with "current transaction is aborted, commands ignored until end of
 * transaction block" and answers COMMIT with ROLLBACK, which Kysely reports as "Transaction was
 * rolled back instead of committed". When a caller caught the first error and carried on, those
 * are all anyone sees, and the cause is lost. Each connection here remembers the first error the
 * server returned inside a transaction and puts it into both messages (the SQLite driver does the
 * same for its own rollbacks: sqlite-driver.ts).
 */
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** PostgreSQL's "in failed SQL transaction". */
const IN_FAILED_TRANSACTION = '25P02';
/** Kysely treats an error carrying this symbol as a transaction the database already rolled back. */
const KYSELY_ABORTED = Symbol.for('kysely.AbortedTransactionError');

interface ServerError extends Error {
  code?: string;
  severity?: string;
}

/** An error from the server (which aborts the transaction), not one raised before sending. */
const fromServer = (err: unknown): err is ServerError =>
  err instanceof Error && typeof (err as ServerError).severity === 'string';

function abortedBy(first: ServerError, what: string, code?: string): Error {
  const err = new Error(`${what}: an earlier statement in it failed, and that error was caught: ${first.message}`, {
    cause: first,
  }) as ServerError;
  err.code = code ?? first.code;
  return err;
}

type Query = (text: unknown, values?: readonly unknown[]) => Promise<PostgresQueryResult<unknown>>;

function tracking(client: PostgresPoolClient): PostgresPoolClient {
  const query = (client.query as Query).bind(client);
  let first: ServerError | undefined;
  const tracked: Query = async (text, values) => {
    if (typeof text !== 'string') return query(text, values);
    const verb = /^\s*(\w+)(\s+to\b)?/i.exec(text);
    const word = verb?.[1]?.toLowerCase();
    // A new transaction, or a rollback to a savepoint, leaves the earlier error behind.
    if (word === 'begin' || word === 'start' || (word === 'rollback' && verb?.[2])) first = undefined;
    const ending = word === 'commit' || word === 'end' || (word === 'rollback' && !verb?.[2]);
    const cause = first;
    if (ending) first = undefined;
    let result: PostgresQueryResult<unknown>;
    try {
      result = await query(text, values);
    } catch (err) {
      if (cause && (err as ServerError).code === IN_FAILED_TRANSACTION) {
        throw abortedBy(cause, 'The transaction was already aborted', IN_FAILED_TRANSACTION);
      }
      if (!ending && !first && fromServer(err)) first = err;
      throw err;
    }
    if (cause && word !== 'rollback' && (result as { command?: string }).command === 'ROLLBACK') {
      const err = abortedBy(cause, 'The transaction was rolled back instead of committed');
      Object.defineProperty(err, KYSELY_ABORTED, { value: true });
      throw err;
    }
    return result;
  };
  return new Proxy(client, {
    get: (target, key, receiver) => (key === 'query' ? tracked : Reflect.get(target, key, receiver)),
  });
}

/** The pool, with each connection naming the error that aborted its transaction. */
export function withAbortCauses(pool: PostgresPool): PostgresPool {
  return {
    connect: async () => tracking(await pool.connect()),
    end: () => pool.end(),
  };
}
