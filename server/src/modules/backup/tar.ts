import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * A plain POSIX ustar archive: `tar tvf backup.tar` lists it and `tar xf` unpacks it, so an operator can
 * look inside a backup with nothing but the system's tar. Written and read here in a few lines because
 * the entries are few kinds with short names, streamed so photos never sit in memory all at once.
 */
const BLOCK = 512;

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  const octal = (value: number, at: number, width: number) =>
    h.write(`${value.toString(8).padStart(width - 1, '0')}\0`, at, 'ascii');
  h.write(name, 0, 'utf8');
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(mtime.getTime() / 1000), 136, 12);
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** Writes entries one after the other into a tar file. */
export class TarWriter {
  private readonly out;
  constructor(file: string) {
    this.out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  }

  private async put(chunk: Buffer): Promise<void> {
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }

  /** Adds a file of `size` bytes from a buffer or a stream. */
  async add(name: string, body: Buffer | Readable, size: number, mtime = new Date()): Promise<void> {
    await this.put(header(name, size, mtime));
    let written = 0;
    for await (const chunk of Buffer.isBuffer(body) ? [body] : body) {
      written += (chunk as Buffer).length;
      await this.put(chunk as Buffer);
    }
    if (written !== size) throw new Error(`tar: ${name} has ${written} bytes, ${size} announced`);
    if (size % BLOCK) await this.put(Buffer.alloc(BLOCK - (size % BLOCK)));
  }

  /** Writes the end-of-archive blocks and closes the file. */
  async close(): Promise<void> {
    this.out.end(Buffer.alloc(2 * BLOCK));
    await finished(this.out);
  }
}

/** One member of an archive: its name, size and where its bytes start. */
export interface TarEntry {
  name: string;
  size: number;
  offset: number;
}

const field = (h: Buffer, at: number, width: number) =>
  h.toString('utf8', at, at + width).replace(/\0.*$/s, '');

/** Lists the members of a tar file (checking every header's checksum). */
export async function readTarIndex(file: string): Promise<TarEntry[]> {
  const handle = await open(file, 'r');
  try {
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let at = 0;
    for (;;) {
      const { bytesRead } = await handle.read(h, 0, BLOCK, at);
      if (bytesRead < BLOCK || h.every((b) => b === 0)) break;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      if (sum !== Number.parseInt(field(h, 148, 8).trim(), 8))
        throw new Error(`${file} is not a tar archive`);
      const size = Number.parseInt(field(h, 124, 12).trim() || '0', 8);
      const prefix = field(h, 345, 155);
      const name = prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100);
      entries.push({ name, size, offset: at + BLOCK });
      at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** The bytes of one member as a stream. */
export function readTarEntry(file: string, entry: TarEntry): Readable {
  if (entry.size === 0) return Readable.from([]);
  return createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 });
}
