/**
 * A problem answered by the hub, in the app's language: its stable `code` (and, for a refused
 * request body, the validation keyword of its first issue) picks a catalogue message; a code or
 * keyword this build does not know keeps the hub's own text, which is never lost to a blank.
 * Codes whose message carries specifics (which record, which file) are left to the hub's text.
 */
import { en, type MessageKey } from './en.js';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface ProblemLike {
  code: string;
  /** The hub's text: said when the code is not one the catalogue knows. */
  message: string;
  details?: Record<string, unknown>;
  retryAfterSeconds?: number;
}

/** Codes answered with a fixed sentence and `details.requestId` (server-side failures). */
const WITH_REQUEST_ID = new Set([
  'internal',
  'missing-dependency',
  'corrupt-blob',
  'corrupt-snapshot',
  'migration-failed',
  'unsafe-key-file',
]);

function known(key: string): key is MessageKey {
  return key in en;
}

/** The problem's message in the language of `t`. */
export function problemText(problem: ProblemLike, t: Translate): string {
  const { code, details = {} } = problem;
  if (code === 'bad-usage') return validationText(details, t) ?? problem.message;
  if (WITH_REQUEST_ID.has(code)) {
    const requestId = details.requestId;
    const key = `problem.${code}`;
    return typeof requestId === 'string' && known(key) ? t(key, { requestId }) : problem.message;
  }
  if (code === 'locked-out') {
    const seconds = problem.retryAfterSeconds ?? details.retryAfterSeconds;
    return typeof seconds === 'number' ? t('problem.locked-out', { seconds }) : problem.message;
  }
  const pending = typeof details.pending === 'string' ? `problem.${code}.${details.pending}` : '';
  if (pending && known(pending)) return t(pending);
  const key = `problem.${code}`;
  return known(key) ? t(key) : problem.message;
}

interface Issue {
  field?: unknown;
  keyword?: unknown;
  params?: unknown;
}

/** The first validation issue (`details.issues`) said by its keyword; undefined when there is none this build knows. */
function validationText(details: Record<string, unknown>, t: Translate): string | undefined {
  const issues = Array.isArray(details.issues) ? (details.issues as Issue[]) : [];
  const first = issues[0];
  if (!first || typeof first.keyword !== 'string' || typeof first.field !== 'string') return undefined;
  const key = `validation.${first.keyword}`;
  if (key === 'validation.invalid' || !known(key)) return undefined;
  const params: Record<string, string | number> = {};
  if (first.params && typeof first.params === 'object') {
    for (const [name, value] of Object.entries(first.params)) {
      if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    }
  }
  return t('validation.invalid', { field: first.field, problem: t(key, params) });
}
