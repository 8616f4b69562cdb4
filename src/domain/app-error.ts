/**
 * The one error type of Vigil. HTTP maps `status` to a problem response; the CLI maps `exitCode`.
 * `code` is stable and machine-readable; `message` is for people and says how to fix it.
 */
export type AppErrorCode =
  | 'bad-usage'
  | 'invalid-signal'
  | 'unknown-signal-type'
  | 'not-found'
  | 'unreadable-file'
  | 'empty-file'
  | 'unsupported-format'
  | 'corrupt-image'
  | 'truncated-image'
  | 'image-too-large'
  | 'metadata-failed'
  | 'missing-dependency'
  | 'conflict'
  | 'migration-failed'
  | 'corrupt-snapshot'
  | 'unsafe-key-file'
  | 'corrupt-blob'
  | 'forbidden'
  | 'unauthenticated'
  | 'totp-required'
  | 'password-change-required'
  | 'locked-out'
  | 'rate-limited'
  | 'payload-too-large'
  | 'unsafe-path'
  | 'link-loop'
  | 'link-not-followed'
  | 'archive-too-deep'
  | 'archive-bomb'
  | 'corrupt-archive'
  | 'corrupt-video'
  | 'no-video-stream'
  | 'video-too-large'
  | 'timed-out'
  | 'range-not-satisfiable'
  | 'internal';

const STATUS: Record<AppErrorCode, number> = {
  'bad-usage': 400,
  'invalid-signal': 400,
  'unknown-signal-type': 400,
  'not-found': 404,
  'unreadable-file': 422,
  'empty-file': 422,
  'unsupported-format': 415,
  'corrupt-image': 422,
  'truncated-image': 422,
  'image-too-large': 413,
  'metadata-failed': 422,
  'missing-dependency': 503,
  conflict: 409,
  'migration-failed': 500,
  'corrupt-snapshot': 500,
  'unsafe-key-file': 500,
  'corrupt-blob': 500,
  forbidden: 403,
  unauthenticated: 401,
  'totp-required': 401,
  'password-change-required': 403,
  'locked-out': 429,
  'rate-limited': 429,
  'payload-too-large': 413,
  'unsafe-path': 422,
  'link-loop': 422,
  'link-not-followed': 422,
  'archive-too-deep': 422,
  'archive-bomb': 413,
  'corrupt-archive': 422,
  'corrupt-video': 422,
  'no-video-stream': 415,
  'video-too-large': 413,
  'timed-out': 422,
  'range-not-satisfiable': 416,
  internal: 500,
};

/** CLI exit codes (STYLE.md §6): 2 bad usage, 3 missing dependency, 4 partial failure, 1 otherwise. */
export const EXIT = { ok: 0, error: 1, usage: 2, dependency: 3, partial: 4 } as const;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  /** Machine-readable facts for the client (field names, limits, retry delays); never secrets. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Readonly<Record<string, unknown>> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = options?.details;
  }

  get exitCode(): number {
    if (this.code === 'bad-usage') return EXIT.usage;
    if (this.code === 'missing-dependency') return EXIT.dependency;
    return EXIT.error;
  }

  static is(value: unknown, code?: AppErrorCode): value is AppError {
    return value instanceof AppError && (code === undefined || value.code === code);
  }
}
