import sharp from 'sharp';

/** A small solid-colour test image in the given format. */
export function testImage(format: 'jpeg' | 'png' | 'webp', width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .toFormat(format)
    .toBuffer();
}

/** A JPEG carrying a GPS position in its EXIF, as phone cameras write it. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 80, height: 60, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '33/1 37/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '114/1 38/1 0/1',
      },
    })
    .toBuffer();
}

/** Whether an EXIF block's first IFD points to GPS data (tag 0x8825), read from its TIFF structure. */
export function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.toString('latin1', 0, 4) === 'Exif' ? exif.subarray(6) : exif;
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const ifd = le ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) if (u16(ifd + 2 + 12 * i) === 0x8825) return true;
  return false;
}

/** A multipart/form-data body with text fields and files, for app.inject. */
export function multipartBody(
  fields: Record<string, string>,
  files: { name: string; filename: string; type: string; data: Buffer }[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cg${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
