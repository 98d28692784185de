/**
 * Files only this user may read: the command line's token cache (cli/token-cache.ts) and the
 * job token source (core/job/source.ts) keep tokens and secrets in them. One set of rules:
 * - a folder of mode 0700 and files of mode 0600, owned by this user, checked with lstat
 *   before every read (a link, a file others may read, or one another user owns is never
 *   used: the caller is told why);
 * - files written whole under another name and then renamed, so a reader never sees half a
 *   file, and created exclusively (`wx`), so a file planted under the temporary name fails
 *   the write instead of receiving the secret;
 * - on Windows, where modes say nothing, the folder's place does the work: a per-user folder
 *   (LOCALAPPDATA) or the job's own temporary folder, which only the runner's account may read.
 */
import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

const posix = (platform: NodeJS.Platform) => platform !== 'win32';
const myUid = () => (process.getuid ? process.getuid() : undefined);

/** Undefined when the path is private to this user; otherwise why it is not. */
export function notPrivate(
  path: string,
  kind: 'folder' | 'file',
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const st = lstatSync(path);
  if (kind === 'folder' ? !st.isDirectory() : !st.isFile()) return `is not a ${kind}`;
  if (!posix(platform)) return undefined;
  const uid = myUid();
  if (uid !== undefined && st.uid !== uid) return 'belongs to another user';
  if (st.mode & 0o077) return `may be read by others (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/**
 * Create the folder 0700 (with its parents), tighten it when it is ours but too open, and say
 * why it cannot be used when it is not private (undefined: it can).
 */
export function ensurePrivateFolder(
  dir: string,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (posix(platform)) {
    const st = lstatSync(dir);
    if (st.isDirectory() && st.uid === myUid() && st.mode & 0o077) chmodSync(dir, 0o700);
  }
  return notPrivate(dir, 'folder', platform);
}

/** Write `name` in `dir` (a private folder) whole, mode 0600, replacing what was there. */
export function writePrivateFile(dir: string, name: string, text: string): void {
  const unique = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
  const tmp = join(dir, `${name}.${unique}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
}

export type PrivateRead =
  | { text: string }
  | { missing: true }
  /** The folder or the file is not private (why): never used; such a file is removed. */
  | { refused: 'folder' | 'file'; why: string };

/** Read `name` in `dir` when both are private to this user. */
export function readPrivateFile(
  dir: string,
  name: string,
  platform: NodeJS.Platform = process.platform,
): PrivateRead {
  try {
    const dirWhy = notPrivate(dir, 'folder', platform);
    if (dirWhy) return { refused: 'folder', why: dirWhy };
    const path = join(dir, name);
    const why = notPrivate(path, 'file', platform);
    if (why) {
      // Never used, and not left for another reader either.
      rmSync(path, { force: true });
      return { refused: 'file', why };
    }
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    throw e;
  }
}
