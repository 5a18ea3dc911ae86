// Time-ordered exchange ids (UUIDv7): globally unique for merging, and sequential so that
// inserting a million of them appends to the index instead of scattering it.
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;
// random bytes drawn 4 KiB at a time: one getrandom call per 256 ids (imports make millions)
let pool = Buffer.alloc(0);
let poolAt = 0;

function random16(): Buffer {
  if (poolAt + 16 > pool.length) { pool = randomBytes(4096); poolAt = 0; }
  const b = Buffer.allocUnsafe(16);
  pool.copy(b, 0, poolAt, poolAt + 16);
  poolAt += 16;
  return b;
}

export function uuidv7(now = Date.now()): string {
  // A 12-bit counter within the same millisecond keeps ids from one process strictly ordered.
  if (now <= lastMs) {
    seq++;
    if (seq > 0xfff) { lastMs++; seq = 0; }
    now = lastMs;
  } else {
    lastMs = now;
    seq = 0;
  }
  const b = random16();
  // 48-bit milliseconds, big-endian (a double holds them exactly; no BigInt per id)
  for (let i = 5, ms = now; i >= 0; i--, ms = Math.floor(ms / 256)) b[i] = ms % 256;
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
