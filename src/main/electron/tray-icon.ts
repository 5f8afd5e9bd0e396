import { deflateSync } from 'node:zlib';

// The tray icon is drawn here rather than shipped as a binary: a ring with clock hands,
// dark on transparent, which macOS can use as a template image.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of `size`×`size` pixels. */
export function trayIconPng(size = 32): Buffer {
  const rows: Buffer[] = [];
  const centre = (size - 1) / 2;
  const outer = size * 0.47;
  const inner = size * 0.36;
  const hand = size * 0.07;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const dx = x - centre;
      const dy = y - centre;
      const r = Math.hypot(dx, dy);
      const ring = r <= outer && r >= inner;
      const minuteHand = Math.abs(dx) <= hand && dy <= 0 && -dy <= inner * 0.85;
      const hourHand = Math.abs(dy) <= hand && dx >= 0 && dx <= inner * 0.6;
      const alpha = ring || minuteHand || hourHand ? 255 : 0;
      row.writeUInt32BE((0x20 << 24) | (0x24 << 16) | (0x2c << 8) | alpha, 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
