/**
 * Lines of a text file, streamed: a UTF-8 byte-order mark is dropped, CRLF and LF both end a
 * line, and memory stays flat whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface TextLine {
  /** From 1. */
  number: number;
  text: string;
}

export async function* readLines(input: Readable): AsyncGenerator<TextLine> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const raw of lines) {
    number++;
    yield { number, text: number === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw };
  }
}

export function readFileLines(path: string): AsyncGenerator<TextLine> {
  return readLines(createReadStream(path, { encoding: 'utf8' }));
}

/** Lines from a string, for tests and small inputs. */
export async function* stringLines(text: string): AsyncGenerator<TextLine> {
  const parts = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (parts.at(-1) === '') parts.pop();
  for (let i = 0; i < parts.length; i++) yield { number: i + 1, text: parts[i] ?? '' };
}
