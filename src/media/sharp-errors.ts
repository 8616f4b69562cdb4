/**
 * Turns libvips/sharp failures into typed AppErrors that name the cause.
 */
import { AppError } from '../domain/app-error.js';

const RULES: Array<[RegExp, Parameters<typeof newError>[0], string]> = [
  [
    /exceeds pixel limit/i,
    'image-too-large',
    'Image declares more pixels than the limit (a decompression bomb, or a huge scan)',
  ],
  [/unsupported image format/i, 'unsupported-format', 'Not an image format the decoder reads'],
  // libpng reports a cut-short file, a CRC mismatch and broken zlib data with this one message.
  [
    /libpng read error/i,
    'corrupt-image',
    'PNG data could not be read: the file is cut short or its compressed data is damaged',
  ],
  [
    /premature end|truncated|unexpected end|end of (file|stream)|not enough data|read error|short read/i,
    'truncated-image',
    'Image data ends early (truncated file)',
  ],
  [/corrupt header/i, 'corrupt-image', 'Image header could not be read (corrupt, or the file is cut short)'],
];

function newError(
  code: 'image-too-large' | 'unsupported-format' | 'truncated-image' | 'corrupt-image',
  message: string,
  cause: unknown,
) {
  return new AppError(code, message, { cause });
}

export function mapSharpError(cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  const raw = cause instanceof Error ? cause.message : String(cause);
  const detail = raw.split('\n')[0].trim().replace(/:$/, '');
  for (const [re, code, text] of RULES) {
    if (re.test(raw)) return newError(code, `${text}: ${detail}`, cause);
  }
  return newError('corrupt-image', `Image could not be decoded (corrupt data): ${detail}`, cause);
}
