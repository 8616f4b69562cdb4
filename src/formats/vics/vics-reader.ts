/**
 * `readVics`: a VICS JSON file (1.x or 2.0, a `#Media` hash set or a `#Cases` export) as a
 * stream of items, one Media entry at a time, in file order. The scanner walks the outer levels
 * (the model URL, the `value` list, each case and its `Media` list) and hands each Media entry
 * over as text, which is parsed on its own; memory holds one chunk and one entry.
 *
 * Items: a header as soon as the model URL is read (version, flavour, entity set), a header per
 * case with the case's fields, `media` for each good entry and `rejected` for each bad one (its
 * index, the field at fault, why) — the read goes on after a bad entry. A file that is not VICS
 * JSON, or whose structure breaks outside an entry, throws `AppError('unsupported-format')`.
 */
import { AppError } from '../../domain/app-error.js';
import { JsonScanError, JsonScanner, type ScanFrame, type ScanHandler } from './json-scanner.js';
import { parseVicsContext, V1_CONTEXT_KEY, V2_CONTEXT_KEY, type VicsModel } from './vics-context.js';
import type { VicsExtra, VicsHeader, VicsItem } from './vics-media.js';
import { parseVicsMedia } from './vics-media-parse.js';
import { type VicsSource, vicsBytes } from './vics-source.js';

export interface ReadVicsOptions {
  /** Entries larger than this are rejected without being held in memory (default 64 MiB). */
  maxEntryBytes?: number;
  /** `hash-set`: read only what a hash set keeps of each entry (see parseVicsMedia). Default `all`. */
  only?: 'all' | 'hash-set';
}

interface CaseTag {
  role: 'case';
  info: VicsExtra;
  mediaSeen: boolean;
  fieldsAfterMedia: boolean;
}
type Tag = 'root' | 'media-list' | 'case-list' | 'case-media' | CaseTag;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

function notVics(message: string, cause?: unknown): AppError {
  return new AppError('unsupported-format', `Not a Project VIC VICS JSON file: ${message}.`, { cause });
}

function jsonError(err: unknown): string {
  const at = /position (\d+)/.exec(String((err as Error).message));
  return at ? `not valid JSON (at character ${at[1]} of the entry)` : 'not valid JSON';
}

class VicsHandler implements ScanHandler {
  constructor(private readonly only: 'all' | 'hash-set') {}

  model: VicsModel | null = null;
  context = '';
  mediaIndex = 0;
  items: VicsItem[] = [];

  decide(parent: ScanFrame | null, first: number): 'descend' | 'capture' {
    if (parent === null) {
      if (first !== OPEN_BRACE) throw notVics('it does not start with a JSON object');
      return 'descend';
    }
    const tag = parent.tag as Tag;
    if (tag === 'root') return this.decideRoot(parent.key ?? '', first);
    if (tag === 'case-list') return first === OPEN_BRACE ? 'descend' : 'capture';
    if (typeof tag === 'object') {
      return first === OPEN_BRACKET && parent.key?.toLowerCase() === 'media' ? 'descend' : 'capture';
    }
    return 'capture';
  }

  private decideRoot(key: string, first: number): 'descend' | 'capture' {
    const container = first === OPEN_BRACE || first === OPEN_BRACKET;
    if (key === 'value') {
      if (!this.model) throw notVics(`no "${V1_CONTEXT_KEY}" or "${V2_CONTEXT_KEY}" before its "value" list`);
      if (first !== OPEN_BRACKET) throw notVics('"value" is not a list');
      return 'descend';
    }
    if (container && !this.model) throw notVics(`"${key}" comes before any VICS model URL`);
    return 'capture';
  }

  enter(frame: ScanFrame): void {
    const parent = frame.parent;
    if (parent === null) frame.tag = 'root';
    else if (parent.tag === 'root') frame.tag = this.model?.entitySet === 'Cases' ? 'case-list' : 'media-list';
    else if (parent.tag === 'case-list') {
      frame.tag = { role: 'case', info: {}, mediaSeen: false, fieldsAfterMedia: false } satisfies CaseTag;
    } else {
      const kase = parent.tag as CaseTag;
      kase.mediaSeen = true;
      this.header(kase.info);
      frame.tag = 'case-media';
    }
  }

  exit(frame: ScanFrame): void {
    const tag = frame.tag as Tag;
    if (typeof tag === 'object' && (!tag.mediaSeen || tag.fieldsAfterMedia)) this.header(tag.info);
  }

  value(parent: ScanFrame | null, text: string | null, bytes: number): void {
    const tag = parent?.tag as Tag | undefined;
    if (tag === 'media-list' || tag === 'case-media') this.entry(text, bytes);
    else if (tag === 'root') this.rootField(parent?.key ?? '', text);
    else if (typeof tag === 'object' && text !== null) this.caseField(tag, parent?.key ?? '', text);
    else if (tag === 'case-list') {
      this.items.push({ kind: 'rejected', index: this.mediaIndex, reason: 'a case that is not an object' });
    }
  }

  private caseField(kase: CaseTag, key: string, text: string): void {
    try {
      kase.info[key] = JSON.parse(text);
    } catch {
      this.items.push({
        kind: 'rejected',
        index: this.mediaIndex,
        field: key,
        reason: 'a case field that is not valid JSON',
      });
      return;
    }
    if (kase.mediaSeen) kase.fieldsAfterMedia = true;
  }

  private rootField(key: string, text: string | null): void {
    // The first model URL counts; a file carrying both keys is read by the first.
    if ((key !== V1_CONTEXT_KEY && key !== V2_CONTEXT_KEY) || this.model) return;
    let url: unknown = null;
    try {
      url = text === null ? null : JSON.parse(text);
    } catch {}
    const model = typeof url === 'string' ? parseVicsContext(url) : null;
    if (!model || typeof url !== 'string') throw notVics(`"${key}" does not name a VICS data model (1.x or 2.0)`);
    this.model = model;
    this.context = url;
    this.header();
  }

  private header(caseInfo?: VicsExtra): void {
    const model = this.model as VicsModel;
    const item: VicsHeader = { kind: 'header', ...model, context: this.context };
    if (caseInfo) item.caseInfo = { ...caseInfo };
    this.items.push(item);
  }

  private entry(text: string | null, bytes: number): void {
    const index = this.mediaIndex++;
    if (text === null) {
      this.items.push({ kind: 'rejected', index, reason: `the entry is too large (${bytes} bytes)` });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      this.items.push({ kind: 'rejected', index, reason: jsonError(err) });
      return;
    }
    const got = parseVicsMedia(raw, this.only);
    if (got.ok) this.items.push({ kind: 'media', index, media: got.media });
    else this.items.push({ kind: 'rejected', index, field: got.field, reason: got.reason });
  }

  /** What the end of the input means when the document has not closed. */
  truncated(scanner: JsonScanner): void {
    const inEntry = scanner.capturing;
    this.items.push({
      kind: 'rejected',
      index: this.mediaIndex,
      reason: inEntry
        ? 'the file ends inside this entry (truncated)'
        : 'the file ends before its lists are closed (truncated)',
    });
  }
}

/**
 * The items of a VICS file in batches, as they come out of each chunk read (about 2,000 Media
 * entries per MiB): the fast way for a caller that inserts in batches anyway.
 */
export async function* readVicsBatches(source: VicsSource, options: ReadVicsOptions = {}): AsyncGenerator<VicsItem[]> {
  const handler = new VicsHandler(options.only ?? 'all');
  const scanner = new JsonScanner(handler, options.maxEntryBytes);
  let empty = true;
  for await (const chunk of vicsBytes(source)) {
    if (chunk.length > 0) empty = false;
    try {
      scanner.push(chunk);
    } catch (err) {
      if (!(err instanceof JsonScanError)) throw err;
      if (handler.items.length > 0) yield handler.items;
      if (!handler.model) throw notVics(`it is not JSON (${err.message})`, err);
      throw new AppError(
        'unsupported-format',
        `The VICS file's structure is broken (${err.message}) after ${handler.mediaIndex} entries.`,
        { cause: err },
      );
    }
    if (handler.items.length > 0) {
      const ready = handler.items;
      handler.items = [];
      yield ready;
    }
    if (scanner.done) break;
  }
  if (empty) throw notVics('the file is empty');
  if (!handler.model) throw notVics(`no "${V1_CONTEXT_KEY}" or "${V2_CONTEXT_KEY}" model URL`);
  if (!scanner.done) handler.truncated(scanner);
  if (handler.items.length > 0) yield handler.items;
}

/** The items of a VICS file one at a time, in file order. */
export async function* readVics(source: VicsSource, options: ReadVicsOptions = {}): AsyncGenerator<VicsItem> {
  for await (const batch of readVicsBatches(source, options)) yield* batch;
}
