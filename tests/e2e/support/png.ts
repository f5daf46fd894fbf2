// PNG in a few lines: a small picture drawn in code (sky, sun, hills), served for media URLs on
// made-up hosts so previews show a picture without any request leaving the machine; and a decoder
// for the screenshots chromium takes (8-bit RGB or RGBA, not interlaced), to compare them.
import { deflateSync, inflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

// The colour of the landscape at (x, y) in a picture of width × height.
export function landscapePixel(x: number, y: number, width: number, height: number): [number, number, number] {
  const sunX = width * 0.72;
  const sunY = height * 0.3;
  if ((x - sunX) ** 2 + (y - sunY) ** 2 < (height * 0.12) ** 2) return [253, 224, 71];
  const hill = height * (0.68 + 0.1 * Math.sin((x / width) * Math.PI * 2.2));
  if (y > hill) return [22, 101 + Math.round((40 * (y - hill)) / height), 52];
  const t = y / height;
  return [Math.round(79 + 120 * t), Math.round(70 + 130 * t), Math.round(229 - 20 * t)];
}

export function landscapePng(width = 480, height = 320): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = landscapePixel(x, y, width, height);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export type DecodedPng = { width: number; height: number; channels: number; pixels: Buffer };

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

export function decodePng(file: Buffer): DecodedPng {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const colorType = body.readUInt8(9);
      if (body.readUInt8(8) !== 8 || body.readUInt8(12) !== 0 || (colorType !== 2 && colorType !== 6)) {
        throw new Error('only 8-bit, non-interlaced RGB and RGBA PNGs are supported');
      }
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

// True when two PNGs show the same picture up to antialiasing noise: the same size, no channel
// off by more than a few levels, and few pixels off at all.
export function samePicture(first: Buffer, second: Buffer): boolean {
  const a = decodePng(first);
  const b = decodePng(second);
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) return false;
  let differing = 0;
  for (let index = 0; index < a.pixels.length; index += 1) {
    const difference = Math.abs((a.pixels[index] ?? 0) - (b.pixels[index] ?? 0));
    if (difference > 4) return false;
    if (difference > 0) differing += 1;
  }
  return differing <= 200;
}
