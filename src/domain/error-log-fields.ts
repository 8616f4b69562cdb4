/**
 * What an error may put in a log line (STYLE.md §10): its class and its codes, never its message
 * or stack, which carry file paths (`ENOENT: …, open '/data/…'`), uploaded names, tool output
 * about a file or its content. One level of `cause` is followed, the same way.
 */
export interface ErrorLogFields {
  errorClass: string;
  code?: string;
  syscall?: string;
  causeClass?: string;
  causeCode?: string;
}

/** A code that is an identifier (`ENOENT`, `corrupt-blob`, `FST_ERR_…`), not free text. */
const CODE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function classOf(error: unknown): string {
  if (error instanceof Error) return error.constructor.name || 'Error';
  return error === null ? 'null' : typeof error;
}

function codeOf(error: unknown, key: 'code' | 'syscall'): string | undefined {
  const value = (error as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'string' && CODE.test(value) ? value : undefined;
}

export function errorLogFields(error: unknown): ErrorLogFields {
  const fields: ErrorLogFields = { errorClass: classOf(error) };
  const code = codeOf(error, 'code');
  const syscall = codeOf(error, 'syscall');
  if (code) fields.code = code;
  if (syscall) fields.syscall = syscall;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause !== undefined) {
    fields.causeClass = classOf(cause);
    const causeCode = codeOf(cause, 'code');
    if (causeCode) fields.causeCode = causeCode;
  }
  return fields;
}
