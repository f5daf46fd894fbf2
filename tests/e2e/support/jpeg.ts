// A phone photo made in code, the same bytes on every run: a portrait picture stored the way phone
// cameras store it (landscape pixels plus EXIF Orientation 6, "rotate 90° clockwise to show"), with
// a GPS position in its EXIF, and noise so it weighs about 4 MB like a real photo. Also the checks
// on what came out: upright (portrait, the marked edge where it belongs) and no metadata left.
import jpeg from 'jpeg-js';
import { landscapePixel } from './png';

// Stored pixels (landscape); shown as 1800 × 2400 once Orientation 6 is applied.
const storedWidth = 2400;
const storedHeight = 1800;
// The band along the stored top edge; after the rotation it is the right edge.
const bandRows = 200;

// xorshift32: reproducible noise without a dependency.
function noise(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state & 0xff;
  };
}

function pixels(): Buffer {
  const next = noise(20261205);
  const data = Buffer.alloc(storedWidth * storedHeight * 4);
  for (let y = 0; y < storedHeight; y += 1) {
    for (let x = 0; x < storedWidth; x += 1) {
      const offset = (y * storedWidth + x) * 4;
      const grain = next() >> 1;
      const band = y < bandRows;
      data[offset] = band ? 200 + (grain >> 2) : 40 + grain;
      data[offset + 1] = band ? 10 + (grain >> 3) : 60 + (grain >> 1);
      data[offset + 2] = band ? 10 + (grain >> 3) : 90 + (grain >> 1);
      data[offset + 3] = 255;
    }
  }
  return data;
}

// EXIF (big-endian TIFF): IFD0 with Orientation = 6 and a pointer to a GPS IFD holding
// 51°30'26"N 0°7'39"W (London). Returned as a whole APP1 segment.
function exifSegment(): Buffer {
  const tiff = Buffer.alloc(140);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number, short = false) => {
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    if (short) tiff.writeUInt16BE(value, at + 8);
    else tiff.writeUInt32BE(value, at + 8);
  };
  // IFD0 at 8: 2 entries, then the next-IFD offset 0.
  tiff.writeUInt16BE(2, 8);
  entry(10, 0x0112, 3, 1, 6, true); // Orientation
  entry(22, 0x8825, 4, 1, 38); // GPS IFD pointer
  tiff.writeUInt32BE(0, 34);
  // GPS IFD at 38: 4 entries (12 bytes each), next-IFD 0, then the rationals at 92 and 116.
  tiff.writeUInt16BE(4, 38);
  const ascii = (at: number, tag: number, letter: string) => {
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(2, at + 2);
    tiff.writeUInt32BE(2, at + 4);
    tiff.write(letter, at + 8, 'ascii');
  };
  ascii(40, 0x0001, 'N');
  entry(52, 0x0002, 5, 3, 92);
  ascii(64, 0x0003, 'W');
  entry(76, 0x0004, 5, 3, 116);
  tiff.writeUInt32BE(0, 88);
  const rationals = (at: number, values: number[]) =>
    values.forEach((value, index) => {
      tiff.writeUInt32BE(value, at + index * 8);
      tiff.writeUInt32BE(1, at + index * 8 + 4);
    });
  rationals(92, [51, 30, 26]);
  rationals(116, [0, 7, 39]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

let cached: Buffer | undefined;

// The photo: SOI, the EXIF segment, then the rest of the encoded JPEG.
export function portraitPhotoWithGps(): Buffer {
  if (cached) return cached;
  const encoded = jpeg.encode({ data: pixels(), width: storedWidth, height: storedHeight }, 93).data;
  cached = Buffer.concat([encoded.subarray(0, 2), exifSegment(), encoded.subarray(2)]);
  return cached;
}

// The APP1 (EXIF/XMP) segments a JPEG carries, and whether it mentions GPS.
export function metadataOf(file: Buffer): { app1Segments: number; hasExif: boolean; hasGps: boolean } {
  let app1Segments = 0;
  let hasExif = false;
  let offset = 2;
  while (offset + 4 <= file.length && file[offset] === 0xff) {
    const marker = file[offset + 1]!;
    if (marker === 0xda) break; // start of scan: no more metadata segments
    const length = file.readUInt16BE(offset + 2);
    if (marker === 0xe1) {
      app1Segments += 1;
      if (file.subarray(offset + 4, offset + 10).toString('binary') === 'Exif\0\0') hasExif = true;
    }
    offset += 2 + length;
  }
  return { app1Segments, hasExif, hasGps: hasExif && file.includes(Buffer.from([0x88, 0x25])) };
}

// Decodes a JPEG: its size, and whether the red band is on the right (the photo shown upright).
export function uprightCheck(file: Buffer): { width: number; height: number; bandOnRight: boolean } {
  const image = jpeg.decode(file, { useTArray: true, maxMemoryUsageInMB: 1024 });
  const redness = (x: number) => {
    let sum = 0;
    for (let y = 0; y < image.height; y += Math.max(1, Math.floor(image.height / 50))) {
      const offset = (y * image.width + x) * 4;
      sum += image.data[offset]! - image.data[offset + 1]!;
    }
    return sum;
  };
  return { width: image.width, height: image.height, bandOnRight: redness(image.width - 2) > redness(1) + 1000 };
}

// A small, valid JPEG (64 × 48, one flat colour per `seed`) for tests that need many files.
export function smallJpeg(seed: number): Buffer {
  const width = 64;
  const height = 48;
  const data = Buffer.alloc(width * height * 4);
  for (let offset = 0; offset < data.length; offset += 4) {
    data[offset] = (seed * 40) & 0xff;
    data[offset + 1] = 120;
    data[offset + 2] = 255 - ((seed * 40) & 0xff);
    data[offset + 3] = 255;
  }
  return jpeg.encode({ data, width, height }, 80).data;
}

// The landscape of png.ts as a large holiday photo with film grain (2400 × 1800, about 2.5 MB), for
// the README screenshot of an upload being fitted.
export function landscapePhotoJpeg(): Buffer {
  const width = 2400;
  const height = 1800;
  const next = noise(1843);
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 4;
      const grain = (next() % 48) - 24;
      const colour = landscapePixel(x, y, width, height);
      for (let channel = 0; channel < 3; channel += 1) data[offset + channel] = Math.max(0, Math.min(255, colour[channel]! + grain));
      data[offset + 3] = 255;
    }
  }
  return jpeg.encode({ data, width, height }, 92).data;
}
