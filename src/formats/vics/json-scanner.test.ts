import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JsonScanError, JsonScanner, type ScanFrame, type ScanHandler } from './json-scanner.js';

/** Descends into the root and its `list`, captures everything else; records what it saw. */
function collect(chunks: Buffer[], maxValueBytes?: number) {
  const seen: string[] = [];
  const handler: ScanHandler = {
    decide: (parent) => (parent === null || (parent.parent === null && parent.key === 'list') ? 'descend' : 'capture'),
    enter: (f: ScanFrame) => seen.push(`enter ${f.kind}`),
    exit: (f: ScanFrame) => seen.push(`exit ${f.kind}`),
    value: (parent, text, bytes) => seen.push(`${parent?.key ?? parent?.index}=${text ?? `<${bytes} bytes>`}`),
  };
  const scanner = new JsonScanner(handler, maxValueBytes);
  for (const c of chunks) scanner.push(c);
  return { seen, done: scanner.done, capturing: scanner.capturing };
}

/** Every way of cutting the text into two chunks, plus one byte at a time. */
function splits(text: string): Buffer[][] {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[][] = [[bytes]];
  for (let k = 1; k < bytes.length; k++) out.push([bytes.subarray(0, k), bytes.subarray(k)]);
  out.push([...bytes].map((b) => Buffer.from([b])));
  return out;
}

const DOC =
  ' {"a\\"b": "x\\\\", "n": -1.5e3, "t": true, "list": [ {"p": "C:\\\\dir\\\\é\\"}\\u00e9"}, [1, [2]], "s", null ,], "z": {} }  ';

describe('JsonScanner', () => {
  test('walks descended levels and captures the rest as exact JSON text, however the bytes are cut', () => {
    const want = [
      'enter object',
      'a"b="x\\\\"',
      'n=-1.5e3',
      't=true',
      'enter array',
      '0={"p": "C:\\\\dir\\\\é\\"}\\u00e9"}',
      '1=[1, [2]]',
      '2="s"',
      '3=null',
      'exit array',
      'z={}',
      'exit object',
    ];
    for (const chunks of splits(DOC)) {
      const got = collect(chunks);
      assert.deepEqual(got.seen, want, `cut into ${chunks.map((c) => c.length).join('+')} bytes`);
      assert.equal(got.done, true);
    }
  });

  test('captured text parses back to the same value', () => {
    const got = collect([Buffer.from(DOC)]);
    assert.deepEqual(JSON.parse(got.seen[5].slice(2)), { p: 'C:\\dir\\é"}é' });
  });

  test('brackets inside strings do not count', () => {
    const got = collect([Buffer.from('{"list":[{"a":"}]{["}, "]"]}')]);
    assert.deepEqual(got.seen.slice(2, 4), ['0={"a":"}]{["}', '1="]"']);
  });

  test('an unclosed value at the end leaves the scanner capturing', () => {
    const got = collect([Buffer.from('{"list":[{"a":1}, {"b": [2')]);
    assert.equal(got.done, false);
    assert.equal(got.capturing, true);
  });

  test('a value over the limit is reported by size, not held', () => {
    const got = collect([Buffer.from('{"list":["'), Buffer.from('x'.repeat(100)), Buffer.from('"]}')], 50);
    assert.equal(got.seen[2], '0=<102 bytes>');
  });

  test('structure errors outside captured values name the byte', () => {
    assert.throws(
      () => collect([Buffer.from('{"a" 1}')]),
      (e: unknown) => e instanceof JsonScanError && e.offset === 5,
    );
    assert.throws(() => collect([Buffer.from('{"list":[1 2]}')]), JsonScanError);
    assert.throws(() => collect([Buffer.from('{"list":[}')]), JsonScanError);
    assert.throws(() => collect([Buffer.from('hello')]), JsonScanError);
  });

  test('after the root value ends, the rest is ignored', () => {
    const got = collect([Buffer.from('{"a":1}\n\u0000\u0000garbage')]);
    assert.deepEqual(got.seen, ['enter object', 'a=1', 'exit object']);
    assert.equal(got.done, true);
  });
});
