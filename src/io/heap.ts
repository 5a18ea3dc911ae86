// Keep the heap small while a million rows stream through: V8 would otherwise let the young
// generation and the (mostly dead) old space grow to ~100 MB. Both flags are read at runtime by
// V8 11-13 (Node 20-24); an unknown flag would print an error, hence the version check.
import v8 from 'node:v8';

const FLAGS = '--semi-space-growth-factor=1 --heap-growing-percent=20';
let bounded = false;

export function boundHeapGrowth(): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major < 11 || major > 13) return;
  v8.setFlagsFromString(FLAGS);
  bounded = true;
}

/** Starting a worker thread resets the flags: set them again if they were set. */
export function reapplyHeapBounds(): void {
  if (bounded) v8.setFlagsFromString(FLAGS);
}
