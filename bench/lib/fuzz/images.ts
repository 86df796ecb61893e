import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** A file the multipart fuzz attaches: its bytes (built once) and what the server should make of it. */
export interface SampleFile {
  name: string;
  data: Buffer;
  /** a JPEG, PNG or WebP the server can decode within its limits */
  image: boolean;
}

const solid = (format: 'jpeg' | 'png' | 'webp', width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .toFormat(format)
    .toBuffer();

/** A PNG whose header claims other dimensions than its pixels have (CRC fixed, so only the size is wrong). */
function withPngSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  // signature (8) + IHDR length (4) + "IHDR" (4): width and height follow, the CRC covers type and data
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

/**
 * The files of the multipart fuzz: decodable photos (tiny, with GPS EXIF, a large but allowed one), files
 * with image magic bytes but a cut or lying body, dimensions beyond the pixel limit, files that are no image
 * at all, and one just over the 10 MB limit.
 */
export async function sampleFiles(): Promise<SampleFile[]> {
  const jpeg = await solid('jpeg', 64, 48);
  const png = await solid('png', 40, 30);
  const webp = await solid('webp', 32, 32);
  const gps = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 37/1 0/1' } })
    .toBuffer();
  // 25 megapixels of one colour: a few kB of PNG that must be decoded in full (allowed: under 100 Mpx)
  const large = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#777' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const overLimit = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
  jpeg.copy(overLimit, 0, 0, 3);
  return [
    { name: 'jpeg', data: jpeg, image: true },
    { name: 'png', data: png, image: true },
    { name: 'webp', data: webp, image: true },
    { name: 'jpeg-gps', data: gps, image: true },
    { name: 'png-1x1', data: await solid('png', 1, 1), image: true },
    { name: 'png-25mpx', data: large, image: true },
    { name: 'jpeg-truncated', data: jpeg.subarray(0, Math.floor(jpeg.length / 2)), image: false },
    { name: 'png-truncated', data: png.subarray(0, 40), image: false },
    { name: 'webp-header-only', data: webp.subarray(0, 12), image: false },
    {
      name: 'jpeg-magic-html',
      data: Buffer.from('\xff\xd8\xff<html><script>1</script>', 'latin1'),
      image: false,
    },
    { name: 'png-60000x60000', data: withPngSize(png, 60_000, 60_000), image: false },
    { name: 'png-0x0', data: withPngSize(png, 0, 0), image: false },
    { name: 'png-1x4000000000', data: withPngSize(png, 1, 4_000_000_000), image: false },
    { name: 'gif', data: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), image: false },
    {
      name: 'svg',
      data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      image: false,
    },
    { name: 'pdf', data: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n', 'latin1'), image: false },
    { name: 'zip', data: Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1'), image: false },
    { name: 'text', data: Buffer.from('路灯不亮'), image: false },
    { name: 'empty', data: Buffer.alloc(0), image: false },
    { name: 'over-10mb', data: overLimit, image: false },
  ];
}
