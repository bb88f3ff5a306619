/**
 * Prints the PDQ benchmark: `node dist/bench/pdq-main.js [rounds]` after `npm run build`.
 */
import { benchPdq, type PdqCorpusFigures } from './pdq.js';

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function line(name: string, f: PdqCorpusFigures): string {
  return [
    `${name} (${f.images} images × ${f.rounds} rounds)`,
    `  rasd hashImage (decode + limits + PDQ): ${fmt(f.rasdImagesPerSecond)} images/s`,
    `  baseline sharp decode to raw only:      ${fmt(f.baselineImagesPerSecond)} images/s`,
    `  ratio rasd / baseline:                  ${fmt(f.ratio, 2)}×`,
    `  decodeImage alone:                      ${fmt(f.decodeImagesPerSecond)} images/s`,
    `  PDQ from decoded pixels alone:          ${fmt(f.hashOnlyImagesPerSecond)} images/s`,
  ].join('\n');
}

const rounds = Number(process.argv[2] ?? 10);
const result = await benchPdq({ rounds: Number.isInteger(rounds) && rounds > 0 ? rounds : 10 });
process.stdout.write(`PDQ on one stream, one image at a time\n${line('lossless PNG vectors', result)}\n`);
process.stdout.write(`${line('bridge-mods JPEG photos', result.jpeg)}\n`);
