// Draws the add-in's icons (a form with a check mark) as PNGs with Node's zlib only: run once,
// the PNGs are committed in assets/. Usage: node scripts/make-icons.js
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x / size, y / size), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const GREEN = [33, 115, 70, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function icon(x, y) {
  const inSheet = x > 0.12 && x < 0.88 && y > 0.06 && y < 0.94;
  if (!inSheet) return CLEAR;
  // A check mark across the sheet.
  const onShort = Math.abs(y - (0.55 + (x - 0.28))) < 0.07 && x > 0.26 && x < 0.45;
  const onLong = Math.abs(y - (0.72 - (x - 0.45) * 1.05)) < 0.07 && x >= 0.42 && x < 0.76;
  if (onShort || onLong) return WHITE;
  // Table lines.
  const line = [0.25, 0.4].some((v) => Math.abs(y - v) < 0.02) && (x < 0.3 || x > 0.7);
  return line ? [200, 230, 210, 255] : GREEN;
}

const out = path.join(__dirname, '..', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(out, `icon-${size}.png`), png(size, icon));
console.log('icons written to assets/');
