// The suite as its users get it: its repository's files as a checkout gives them, and the release
// tarball `npm pack` builds from them, installed into an empty project with npm's cache only.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const root = join(__dirname, '..', '..');

/** What `actions/checkout` of the suite gives: its files as committed or added, without node_modules. */
export function checkOutSuite(into: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(into, file)), { recursive: true });
    copyFileSync(join(root, file), join(into, file));
  }
}

/** The release tarball, packed (and built, by prepack) from a checkout in `work`; its path. */
export function packSuite(work: string): string {
  const checkout = join(work, 'suite-checkout');
  checkOutSuite(checkout);
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: checkout, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string }[];
  return join(work, packed[0].filename);
}

/** An empty npm project in `dir`; with `tarball`, the suite installed in it as a user installs it. */
export function npmProject(dir: string, tarball?: string): string {
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
  if (tarball) execFileSync('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: dir, stdio: 'ignore' });
  return dir;
}
