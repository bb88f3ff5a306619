import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve, sep, win32 } from 'node:path';

/**
 * Resolves a media path named by the export, refusing anything that leaves the export folder.
 * An export is untrusted input: a crafted `result.json` can name `/etc/shadow`, `../../x` or a
 * symlink to either, and later stages (hashing, thumbnails) open what is resolved here. The
 * lexical check runs first, so a refused path is never touched on disk; then the file's folder is
 * resolved with `realpath` (which reads links, never file contents) and must lie inside the
 * export, and the file itself is `lstat`-ed: a symbolic link is followed with `realpath` and
 * checked again before its target is stat-ed. Nothing here opens a file.
 */

export interface MediaRoot {
  /** The export folder, absolute. */
  dir: string;
  /** Its real path, computed once: the folder itself may be reached through a link. */
  realDir: string;
  /** When false, paths are only checked lexically and not looked up on disk. */
  statMedia: boolean;
  /**
   * Real paths of the folders media sit in, by absolute path (undefined: not there). Exports
   * keep media in a handful of folders, so this saves a realpath per file.
   */
  folders?: Map<string, Promise<string | undefined>>;
}

export type PathCheck =
  | { status: 'present'; path: string; size?: number; note?: string }
  | { status: 'missing'; path: string; note: string }
  | { status: 'not-exported'; note: string }
  | { status: 'rejected'; note: string; escape: boolean };

/** What the exporter writes instead of a path when a file was skipped (size limits, settings). */
const NOT_EXPORTED = /^\((File|Photo)\b/;

function inside(path: string, dir: string): boolean {
  return path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

const MAX_FOLDERS = 10_000;

function realFolder(folder: string, root: MediaRoot): Promise<string | undefined> {
  root.folders ??= new Map();
  let real = root.folders.get(folder);
  if (real === undefined) {
    // A crafted export could name millions of folders: start over rather than grow without end.
    if (root.folders.size >= MAX_FOLDERS) root.folders.clear();
    real = realpath(folder).catch(() => undefined);
    root.folders.set(folder, real);
  }
  return real;
}

function lexicalProblem(value: string, root: MediaRoot): string | undefined {
  if (value.includes('\0')) return 'it contains a NUL byte';
  if (isAbsolute(value) || win32.isAbsolute(value) || /^[A-Za-z]:/.test(value)) return 'it is an absolute path';
  // Backslash counts as a separator too: the export may have been written on Windows.
  if (value.split(/[\\/]/).includes('..')) return "it climbs out with '..'";
  if (!inside(resolve(root.dir, value), root.dir)) return 'it resolves outside the export folder';
  return undefined;
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
}

/**
 * The check, when it needs no disk: a file the exporter skipped, a path refused on its face, or
 * any path when media are not looked up. Undefined when the disk must be asked (`checkMediaPath`).
 */
export function checkMediaPathLexically(value: string, root: MediaRoot): PathCheck | undefined {
  if (NOT_EXPORTED.test(value)) {
    return {
      status: 'not-exported',
      note: 'the exporter did not include this file; export again with media to check it',
    };
  }
  if (value === '') return { status: 'rejected', note: 'the media path is empty', escape: false };
  const problem = lexicalProblem(value, root);
  if (problem) return { status: 'rejected', note: `path refused and not opened: ${problem}`, escape: true };
  if (!root.statMedia) return { status: 'present', path: value.replaceAll('\\', '/'), note: 'not checked on disk' };
  return undefined;
}

export async function checkMediaPath(value: string, root: MediaRoot): Promise<PathCheck> {
  const known = checkMediaPathLexically(value, root);
  if (known !== undefined) return known;
  const path = value.replaceAll('\\', '/');
  const absolute = resolve(root.dir, value);
  const folder = await realFolder(dirname(absolute), root);
  if (folder === undefined) return { status: 'missing', path, note: 'file not found in the export folder' };
  if (folder !== root.realDir && !inside(folder, root.realDir)) return leadsOutside('a folder on the way');
  return checkFile(join(folder, basename(absolute)), path, root);
}

function leadsOutside(what: string): PathCheck {
  return {
    status: 'rejected',
    note: `path refused and not opened: ${what} is a symbolic link that leads outside the export folder`,
    escape: true,
  };
}

async function checkFile(file: string, path: string, root: MediaRoot): Promise<PathCheck> {
  try {
    let info = await lstat(file);
    if (info.isSymbolicLink()) {
      const real = await realpath(file);
      if (!inside(real, root.realDir)) return leadsOutside('the file');
      info = await stat(real);
    }
    if (!info.isFile()) return { status: 'rejected', note: 'path refused: it is not a regular file', escape: false };
    return { status: 'present', path, size: info.size };
  } catch (error) {
    const code = errorCode(error);
    const note =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'file not found in the export folder'
        : `file cannot be looked up (${code})`;
    return { status: 'missing', path, note };
  }
}
