import type { Command } from 'commander';
import { appError, toAppError } from '../../core/index.js';
import { fileHashes } from '../../detect/media/file-hashes.js';
import { hashImage, hashImageDihedral } from '../../detect/media/pdq/index.js';
import { hashVideo, type VpdqFrame } from '../../detect/media/video/index.js';
import { fileKind, type MediaFileKind } from '../media-file.js';

/**
 * `rasd hash FILE…`: the signals Rasd would bank or match for each file — MD5 and SHA-256 of
 * every file, PDQ (and its quality) of images, vPDQ frames of videos. Needs no database. A file
 * that cannot be hashed is reported and the others go on; the exit status says whether any failed.
 */

interface HashOptions {
  json?: boolean;
  dihedral?: boolean;
}

export interface FileHashReport {
  file: string;
  kind: MediaFileKind;
  md5: string;
  sha256: string;
  bytes: number;
  pdq?: string;
  quality?: number;
  dihedral?: Record<string, string>;
  vpdq?: VpdqFrame[];
}

export interface FileFailure {
  file: string;
  error: { code: string; message: string };
}

export async function hashFile(file: string, dihedral: boolean): Promise<FileHashReport> {
  const kind = await fileKind(file);
  const files = await fileHashes(file);
  const report: FileHashReport = { file, kind, md5: files.md5, sha256: files.sha256, bytes: files.bytes };
  if (kind === 'image') {
    if (dihedral) {
      const all = await hashImageDihedral(file);
      Object.assign(report, { pdq: all.hashes.orig, quality: all.quality, dihedral: all.hashes });
    } else {
      const one = await hashImage(file);
      Object.assign(report, { pdq: one.hash, quality: one.quality });
    }
  }
  if (kind === 'video') report.vpdq = await hashVideo(file);
  return report;
}

export function failureOf(file: string, error: unknown): FileFailure {
  const e = toAppError(error);
  return { file, error: { code: e.code, message: e.message } };
}

function printText(r: FileHashReport): void {
  const lines = [`${r.file}`, `  md5     ${r.md5}`, `  sha256  ${r.sha256}`];
  if (r.pdq !== undefined) lines.push(`  pdq     ${r.pdq}  quality ${r.quality}`);
  for (const [form, hash] of Object.entries(r.dihedral ?? {})) lines.push(`  ${form.padEnd(7)} ${hash}`);
  if (r.vpdq !== undefined) {
    lines.push(`  vpdq    ${r.vpdq.length} frames`);
    for (const f of r.vpdq) lines.push(`    ${f.frame},${f.quality},${f.hash},${f.timestamp.toFixed(3)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Throws after printing when some files failed, so the command exits non-zero. */
export function finish(failures: number, total: number, verb: string): void {
  if (failures > 0) {
    throw appError('INPUT_INVALID', `${failures} of ${total} file${total === 1 ? '' : 's'} could not be ${verb}`);
  }
}

export function registerHash(program: Command): void {
  program
    .command('hash')
    .description('print the hashes Rasd banks and matches: MD5, SHA-256, PDQ for images, vPDQ for videos')
    .argument('<files...>', 'image, video or any other files')
    .option('--json', 'one JSON object per file, per line')
    .option('--dihedral', "also print the PDQ hashes of an image's 8 rotations and mirrors")
    .action(async (files: string[], options: HashOptions) => {
      let failures = 0;
      for (const file of files) {
        try {
          const report = await hashFile(file, options.dihedral === true);
          if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
          else printText(report);
        } catch (error) {
          failures += 1;
          const failure = failureOf(file, error);
          if (options.json) process.stdout.write(`${JSON.stringify(failure)}\n`);
          process.stderr.write(`rasd: ${file}: ${failure.error.message}\n`);
        }
      }
      finish(failures, files.length, 'hashed');
    });
}
