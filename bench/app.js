// A private copy of vledger as built now (bin, dist, migrations, package.json): a long bench
// or profile must not run half on one build and half on the next when someone rebuilds dist/,
// and two engineers' benches must not share one copy. Removed when the process exits.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export function snapshotApp(root) {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing; run `npm run build` first');
  mkdirSync(join(root, 'bench', 'data'), { recursive: true });
  const dir = mkdtempSync(join(root, 'bench', 'data', 'app-'));
  for (const part of ['bin', 'dist', 'migrations', 'package.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', remove);
  return { dir, bin: join(dir, 'bin', 'vledger.js'), migrations: join(dir, 'migrations') };
}
