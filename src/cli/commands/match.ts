import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createContext } from '../../app/index.js';
import { appError, type Item, type MediaKind, type Signal } from '../../core/index.js';
import { extractScanInput } from '../../scan/index.js';
import { fileKind } from '../media-file.js';
import { type CommonOptions, configOverrides } from '../options.js';
import { failureOf, finish } from './hash.js';

/**
 * `rasd match FILE…`: each file against the media banks of the configured store, through the
 * same provider a scan uses, so what it prints is what a scan would find: exact copies by MD5 /
 * SHA-256, near-duplicates by PDQ in any of the 8 rotations and mirrors (each bank's own
 * threshold), videos by vPDQ and TMK, audio and soundtracks by Chromaprint. A file that cannot be read is reported and the others go on.
 */

interface MatchOptions extends CommonOptions {
  json?: boolean;
}

export interface FileMatch {
  bank: string;
  entry: string;
  signalType: string;
  distance: number;
  score: number;
  /** For PDQ: the rotation or mirror of the file that matched. */
  form?: string;
  /** How the file differs from the banked one, e.g. `trimmed by 2.5 s` for audio. */
  transformation?: string;
  org?: string;
  category?: string;
}

const KIND: Record<string, MediaKind> = { image: 'photo', video: 'video', audio: 'audio', other: 'document' };

function fileItem(path: string, kind: MediaKind, n: number): Item {
  return {
    platform: 'cli',
    chat: { id: 'rasd-match' },
    messageId: String(n),
    version: 0,
    postedAt: new Date().toISOString(),
    text: '',
    entities: [],
    media: [{ kind, status: 'present', path }],
  };
}

function toMatch(s: Signal): FileMatch {
  const entry = s.evidence.find((e) => e.type === 'entry');
  const form = s.evidence.find((e) => e.type === 'feature' && e.name.startsWith('matched as '));
  const how = s.evidence.find((e) => e.type === 'feature');
  return {
    bank: entry?.type === 'entry' ? (entry.source ?? '') : '',
    entry: entry?.type === 'entry' ? entry.entry : '',
    signalType: s.label ?? '',
    distance: entry?.type === 'entry' ? (entry.distance ?? 0) : 0,
    score: Math.round(s.score * 1000) / 1000,
    ...(form?.type === 'feature' && { form: form.name.slice('matched as '.length) }),
    ...(form === undefined && how?.type === 'feature' && { transformation: how.name }),
    ...(s.org !== undefined && { org: s.org }),
    ...(s.category !== undefined && { category: s.category }),
  };
}

function printText(file: string, matches: FileMatch[]): void {
  if (matches.length === 0) {
    process.stdout.write(`${file}: no match\n`);
    return;
  }
  const lines = matches.map((m) => {
    const how = m.form !== undefined ? ` as ${m.form}` : m.transformation !== undefined ? `, ${m.transformation},` : '';
    const labels = [m.org, m.category].filter((l) => l !== undefined).join(', ');
    return `  ${m.bank} ${m.entry} ${m.signalType} distance ${m.distance}${how} score ${m.score}${labels ? ` (${labels})` : ''}`;
  });
  process.stdout.write(`${file}: ${matches.length} match${matches.length === 1 ? '' : 'es'}\n${lines.join('\n')}\n`);
}

export function registerMatch(program: Command): void {
  program
    .command('match')
    .description(
      'match files against the media banks (MD5, SHA-256, PDQ with rotations and mirrors, vPDQ, TMK, Chromaprint)',
    )
    .argument('<files...>', 'image, video, audio or any other files')
    .option('--json', 'one JSON object per file, per line')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (files: string[], options: MatchOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const provider = ctx.providers.get('media-bank');
      if (provider === undefined) throw appError('INTERNAL', 'this context has no media-bank provider');
      let failures = 0;
      for (const [n, file] of files.entries()) {
        try {
          const kind = KIND[await fileKind(file)] ?? 'document';
          const signals = await provider.provide(extractScanInput(fileItem(resolve(file), kind, n + 1)));
          const matches = signals.map(toMatch);
          if (options.json) process.stdout.write(`${JSON.stringify({ file, matches })}\n`);
          else printText(file, matches);
        } catch (error) {
          failures += 1;
          const failure = failureOf(file, error);
          if (options.json) process.stdout.write(`${JSON.stringify(failure)}\n`);
          process.stderr.write(`rasd: ${file}: ${failure.error.message}\n`);
        }
      }
      finish(failures, files.length, 'matched');
    });
}
