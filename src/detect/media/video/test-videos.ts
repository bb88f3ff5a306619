import { runProcess } from '../native/run-process.js';

/**
 * Synthetic test videos made on the spot with ffmpeg's lavfi sources (testsrc, color, …), so
 * tests need no binary fixtures and never touch real content. For tests only.
 */
export async function makeTestVideo(path: string, source: string, extraArgs: readonly string[] = []): Promise<string> {
  const args = [
    ...['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', source],
    ...['-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', ...extraArgs, path],
  ];
  const result = await runProcess('ffmpeg', args, { timeoutMs: 60_000, maxStdoutBytes: 1 << 20 });
  if (result.code !== 0) throw new Error(`ffmpeg could not make ${path}: ${result.stderr}`);
  return path;
}
