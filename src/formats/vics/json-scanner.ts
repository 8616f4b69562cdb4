/**
 * A streaming JSON scanner over UTF-8 bytes that walks the outer levels of a document token by
 * token and hands over chosen values whole, as their JSON text, so that a caller can
 * `JSON.parse` one list element at a time and memory stays flat on files of any size.
 *
 * The caller decides for each value, by its place (parent frame, key or index) and first byte,
 * whether to `descend` into it (containers only: then it sees its members) or `capture` it.
 * Inside a captured value only strings and bracket depth are followed; its syntax is checked by
 * whoever parses it, so a malformed element stays one element's problem. Bytes are scanned, not
 * decoded, so a character split across chunks is never cut. Outside captured values the
 * grammar is checked and a violation throws `JsonScanError` with the byte offset.
 */

export type ScanDecision = 'descend' | 'capture';

export interface ScanFrame {
  kind: 'object' | 'array';
  /** The frame that holds this container; null for the root. */
  parent: ScanFrame | null;
  /** In an object: the key of the member being read. */
  key: string | null;
  /** In an array: the index of the element being read (−1 before the first). */
  index: number;
  /** Free for the caller (a role, collected fields). */
  tag: unknown;
}

export interface ScanHandler {
  /** A value starts in `parent` (null: the document) with byte `first`. */
  decide(parent: ScanFrame | null, first: number): ScanDecision;
  enter(frame: ScanFrame): void;
  exit(frame: ScanFrame): void;
  /** A captured value's JSON text, or null when it was larger than `maxValueBytes` (then `bytes` says how large). */
  value(parent: ScanFrame | null, text: string | null, bytes: number): void;
}

export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'JsonScanError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
enum S {
  Value,
  Key,
  Colon,
  After,
  InKey,
  Capture,
  Done,
}
enum C {
  Container,
  Str,
  Literal,
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class JsonScanner {
  private state = S.Value;
  private top: ScanFrame | null = null;
  /** Bytes before the current chunk. */
  private base = 0;
  private inString = false;
  private escape = false;
  /** Where the next backslash and quote of the chunk are (the chunk's length: none), reused across calls. */
  private nextBackslash = -1;
  private nextQuote = -1;
  private capKind = C.Container;
  private capDepth = 0;
  private capBytes = 0;
  private pieces: Buffer[] = [];
  private captureParent: ScanFrame | null = null;

  constructor(
    private readonly handler: ScanHandler,
    private readonly maxValueBytes = 64 * 1024 * 1024,
  ) {}

  /** True once the document's root value has ended. */
  get done(): boolean {
    return this.state === S.Done;
  }

  /** True while a captured value is open (the input ended inside it, if called at the end). */
  get capturing(): boolean {
    return this.state === S.Capture;
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.base;
  }

  push(buf: Buffer): void {
    this.nextBackslash = -1;
    this.nextQuote = -1;
    const n = buf.length;
    let i = 0;
    let start = 0;
    while (i < n) {
      const st = this.state;
      if (st === S.Capture || st === S.InKey) {
        const end = st === S.InKey ? this.scanString(buf, i) : this.scanCapture(buf, i);
        if (end < 0) break;
        this.finishCapture(buf, start, end);
        i = end;
        continue;
      }
      const c = buf[i];
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (st === S.Done) {
        i = n;
        break;
      }
      start = i;
      i = this.structural(i, c);
    }
    if (this.state === S.Capture || this.state === S.InKey) this.keepPiece(buf.subarray(start));
    this.base += n;
  }

  /** One byte outside captured values; returns where to go on. */
  private structural(i: number, c: number): number {
    const top = this.top;
    switch (this.state) {
      case S.Value:
        // `]` right after `[` (empty list) or after a trailing comma, which some writers leave.
        if (c === 0x5d && top?.kind === 'array') return this.close(i, c);
        return this.startValue(i, c);
      case S.Key:
        if (c === QUOTE) {
          this.state = S.InKey;
          this.inString = true;
          this.capBytes = 0;
          return i + 1;
        }
        if (c === 0x7d) return this.close(i, c);
        throw new JsonScanError('expected a key', this.base + i);
      case S.Colon:
        if (c !== 0x3a) throw new JsonScanError("expected ':'", this.base + i);
        this.state = S.Value;
        return i + 1;
      case S.After:
        if (c === 0x2c && top !== null) {
          this.state = top.kind === 'object' ? S.Key : S.Value;
          return i + 1;
        }
        if (c === 0x7d || c === 0x5d) return this.close(i, c);
        throw new JsonScanError("expected ',' or a closing bracket", this.base + i);
      default:
        throw new JsonScanError('unexpected state', this.base + i);
    }
  }

  private startValue(i: number, c: number): number {
    const top = this.top;
    if (top?.kind === 'array') top.index++;
    const isContainer = c === 0x7b || c === 0x5b;
    if (!isContainer && c !== QUOTE && !/[-0-9tfn]/.test(String.fromCharCode(c))) {
      throw new JsonScanError('expected a value', this.base + i);
    }
    if (isContainer && this.handler.decide(top, c) === 'descend') {
      const frame: ScanFrame = { kind: c === 0x7b ? 'object' : 'array', parent: top, key: null, index: -1, tag: null };
      this.top = frame;
      this.state = frame.kind === 'object' ? S.Key : S.Value;
      this.handler.enter(frame);
      return i + 1;
    }
    if (!isContainer) this.handler.decide(top, c);
    this.state = S.Capture;
    this.captureParent = top;
    this.capBytes = 0;
    this.capKind = isContainer ? C.Container : c === QUOTE ? C.Str : C.Literal;
    this.capDepth = isContainer ? 1 : 0;
    this.inString = c === QUOTE;
    return i + 1;
  }

  private close(i: number, c: number): number {
    const top = this.top;
    if (top === null || (c === 0x7d) !== (top.kind === 'object')) {
      throw new JsonScanError('mismatched closing bracket', this.base + i);
    }
    this.handler.exit(top);
    this.top = top.parent;
    this.state = this.top === null ? S.Done : S.After;
    return i + 1;
  }

  /** In a string: the index after its closing quote, or −1 when the chunk ends first. */
  private scanString(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.escape) {
      this.escape = false;
      i++;
    }
    for (;;) {
      if (i >= n) return -1;
      let q = this.nextQuote;
      if (q < i) {
        q = buf.indexOf(QUOTE, i);
        if (q < 0) q = n;
        this.nextQuote = q;
      }
      let b = this.nextBackslash;
      if (b < i) {
        b = buf.indexOf(BACKSLASH, i);
        if (b < 0) b = n;
        this.nextBackslash = b;
      }
      if (q < b) {
        this.inString = false;
        return q + 1;
      }
      if (b >= n) return -1;
      if (b + 1 >= n) {
        this.escape = true;
        return -1;
      }
      i = b + 2;
    }
  }

  /** In a captured value: the index after its end, or −1 when the chunk ends first. */
  private scanCapture(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.capKind === C.Literal) {
      for (; i < n; i++) {
        const c = buf[i];
        if (c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c)) return i;
      }
      return -1;
    }
    if (this.inString) {
      const e = this.scanString(buf, i);
      if (e < 0) return -1;
      if (this.capKind === C.Str) return e;
      i = e;
    }
    let depth = this.capDepth;
    for (; i < n; i++) {
      const c = buf[i];
      if (c === QUOTE) {
        this.inString = true;
        const e = this.scanString(buf, i + 1);
        if (e < 0) {
          this.capDepth = depth;
          return -1;
        }
        i = e - 1;
      } else if (c === 0x7b || c === 0x5b) depth++;
      else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
    }
    this.capDepth = depth;
    return -1;
  }

  private keepPiece(piece: Buffer): void {
    this.capBytes += piece.length;
    if (this.capBytes <= this.maxValueBytes) this.pieces.push(piece);
    else this.pieces.length = 0;
  }

  private finishCapture(buf: Buffer, start: number, end: number): void {
    const bytes = this.capBytes + end - start;
    let text: string | null = null;
    if (bytes <= this.maxValueBytes) {
      text =
        this.pieces.length === 0
          ? buf.toString('utf8', start, end)
          : Buffer.concat([...this.pieces, buf.subarray(start, end)]).toString('utf8');
    }
    this.pieces = [];
    if (this.state === S.InKey) {
      if (text === null) throw new JsonScanError('key too long', this.base + end);
      (this.top as ScanFrame).key = JSON.parse(text) as string;
      this.state = S.Colon;
      return;
    }
    this.state = this.top === null ? S.Done : S.After;
    this.handler.value(this.captureParent, text, bytes);
  }
}
