/**
 * Archives written at test time, including the malformed ones real archivers refuse to make:
 * names with `..`, absolute names, lying sizes, encrypted flags. Benign content only.
 */
import { deflateRawSync, gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface ZipEntrySpec {
  name: string | Buffer;
  data?: Buffer | string;
  /** 'deflate' (default), 'store', or a method number written over stored bytes (e.g. 12, bzip2). */
  method?: 'deflate' | 'store' | number;
  /** Written as the uncompressed size instead of the real one. */
  declaredSize?: number;
  encrypted?: boolean;
  /** Unix mode in the external attributes (e.g. 0o120777 for a link). */
  mode?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function makeZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'utf8');
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '', 'utf8');
    const method = typeof e.method === 'number' ? e.method : e.method === 'store' ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const flags = (Buffer.isBuffer(e.name) ? 0 : 0x0800) | (e.encrypted ? 1 : 0);
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(flags, at);
      h.writeUInt16LE(method, at + 2);
      h.writeUInt16LE(0x6000, at + 4); // 12:00
      h.writeUInt16LE(0x5a21, at + 6); // 2025-01-01
      h.writeUInt32LE(crc32(data), at + 8);
      h.writeUInt32LE(body.length, at + 12);
      h.writeUInt32LE(e.declaredSize ?? data.length, at + 16);
      h.writeUInt16LE(name.length, at + 20);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 6);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 8);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface TarEntrySpec {
  name: string;
  data?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'fifo';
  linkname?: string;
}

export async function makeTar(entries: TarEntrySpec[], gzip = false): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: Buffer) => chunks.push(c));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '', 'utf8');
    const type = e.type ?? 'file';
    const header = { name: e.name, type, linkname: e.linkname, mtime: new Date(Date.UTC(2025, 0, 1)) };
    pack.entry(type === 'file' ? { ...header, size: data.length } : header, type === 'file' ? data : undefined);
  }
  pack.finalize();
  await done;
  const out = Buffer.concat(chunks);
  return gzip ? gzipSync(out) : out;
}

/** level1.zip > level2.tgz > level3.zip > level4.tar > deep.txt, each level with a note.txt: one level past the default depth of 3. */
export async function nestedArchive(): Promise<Buffer> {
  const l4 = await makeTar([{ name: 'deep.txt', data: 'bottom' }]);
  const l3 = makeZip([
    { name: 'note.txt', data: 'three' },
    { name: 'level4.tar', data: l4 },
  ]);
  const l2 = await makeTar(
    [
      { name: 'note.txt', data: 'two' },
      { name: 'level3.zip', data: l3 },
    ],
    true,
  );
  return makeZip([
    { name: 'note.txt', data: 'one' },
    { name: 'level2.tgz', data: l2 },
  ]);
}

/** A zip whose first entry is 4 MiB of zeros (deflates about 1000:1, past the 200:1 limit), then ok.txt. */
export function zipBomb(): Buffer {
  return makeZip([
    { name: 'zeros.bin', data: Buffer.alloc(4 * 1024 * 1024) },
    { name: 'ok.txt', data: 'ok' },
  ]);
}
