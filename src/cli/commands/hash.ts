import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { appError, isAppError, toAppError } from '../../core/index.js';
import { fingerprintAudio, serializeFingerprint } from '../../detect/media/audio/index.js';
import { fileHashes } from '../../detect/media/file-hashes.js';
import { hashImage, hashImageDihedral } from '../../detect/media/pdq/index.js';
import { hashVideo, type VpdqFrame } from '../../detect/media/video/index.js';
import { hashVideoTmk, serializeTmk, writeTmk } from '../../detect/media/video/tmk/index.js';
import { fileKind, type MediaFileKind } from '../media-file.js';

/**
 * `rasd hash FILE…`: the signals Rasd would bank or match for each file — MD5 and SHA-256 of
 * every file, PDQ (and its quality) of images, vPDQ frames of videos (TMK with `--tmk`, the
 * soundtrack's Chromaprint with `--audio`), Chromaprint of audio. Every value printed is what
 * `rasd bank add --type …` takes. Needs no database. A file that cannot be hashed is reported and
 * the others go on; the exit status says whether any failed.
 *
 * A TMK is 263,344 bytes (351,128 as base64): by default it is printed as base64 like the other
 * values; with `--out-dir` it is written as `<name>.tmk` there instead (Meta's own format, which
 * `rasd bank add --type tmk @<name>.tmk` reads; a 351 kB value is over Linux's 128 KiB limit on
 * one command-line argument, so it cannot be passed inline).
 */

export interface HashOptions {
  json?: boolean;
  dihedral?: boolean;
  tmk?: boolean;
  audio?: boolean;
  outDir?: string;
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
  /** Base64 of the `.tmk` file (without `--out-dir`). */
  tmk?: string;
  /** Where the `.tmk` file was written (with `--out-dir`). */
  tmkFile?: string;
  /** `cp1:` text of the Chromaprint print; absent for a video without a usable soundtrack. */
  chromaprint?: string;
  /** Seconds of audio, as the container states it. */
  duration?: number;
}

export interface FileFailure {
  file: string;
  error: { code: string; message: string };
}

export async function hashFile(file: string, options: HashOptions = {}): Promise<FileHashReport> {
  const kind = await fileKind(file);
  const files = await fileHashes(file);
  const report: FileHashReport = { file, kind, md5: files.md5, sha256: files.sha256, bytes: files.bytes };
  if (kind === 'image') {
    if (options.dihedral === true) {
      const all = await hashImageDihedral(file);
      Object.assign(report, { pdq: all.hashes.orig, quality: all.quality, dihedral: all.hashes });
    } else {
      const one = await hashImage(file);
      Object.assign(report, { pdq: one.hash, quality: one.quality });
    }
  }
  if (kind === 'video') {
    report.vpdq = await hashVideo(file);
    if (options.tmk === true) Object.assign(report, await tmkOf(file, options.outDir));
  }
  if (kind === 'audio' || (kind === 'video' && options.audio === true)) {
    Object.assign(report, await chromaprintOf(file, kind === 'audio'));
  }
  return report;
}

async function tmkOf(file: string, outDir: string | undefined): Promise<Pick<FileHashReport, 'tmk' | 'tmkFile'>> {
  const hash = await hashVideoTmk(file);
  if (outDir === undefined) return { tmk: serializeTmk(hash) };
  await mkdir(outDir, { recursive: true });
  const tmkFile = join(outDir, `${basename(file)}.tmk`);
  await writeFile(tmkFile, writeTmk(hash));
  return { tmkFile };
}

/** A video without a usable soundtrack simply has no print; an audio file without one failed. */
async function chromaprintOf(
  file: string,
  required: boolean,
): Promise<Pick<FileHashReport, 'chromaprint' | 'duration'>> {
  try {
    const { duration, fingerprint } = await fingerprintAudio(file);
    return { chromaprint: serializeFingerprint(fingerprint), duration };
  } catch (error) {
    if (!required && isAppError(error) && error.code === 'INPUT_INVALID') return {};
    throw error;
  }
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
  if (r.tmk !== undefined) lines.push(`  tmk     ${r.tmk}`);
  if (r.tmkFile !== undefined) lines.push(`  tmk     written to ${r.tmkFile}`);
  if (r.chromaprint !== undefined) lines.push(`  chromaprint ${r.chromaprint}`);
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
    .description(
      'print the hashes Rasd banks and matches: MD5, SHA-256, PDQ for images, vPDQ (and TMK) for videos, Chromaprint for audio',
    )
    .argument('<files...>', 'image, video, audio or any other files')
    .option('--json', 'one JSON object per file, per line')
    .option('--dihedral', "also print the PDQ hashes of an image's 8 rotations and mirrors")
    .option('--tmk', "also print a video's TMK+PDQF hash (base64 of the .tmk file)")
    .option('--audio', "also print the Chromaprint of a video's soundtrack")
    .option('--out-dir <dir>', 'with --tmk: write <file>.tmk there instead of printing base64')
    .action(async (files: string[], options: HashOptions) => {
      let failures = 0;
      for (const file of files) {
        try {
          const report = await hashFile(file, options);
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
