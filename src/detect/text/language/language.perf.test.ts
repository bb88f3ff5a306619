import { describe, expect, it } from 'vitest';
import { identifyLanguage } from './identify.js';
import { SENTENCES } from './sentences.fixture.js';

/** CPU time, not wall time: the figure is per core and robust to a busy machine. */
function perSecond(messages: readonly string[], rounds: number): number {
  for (let i = 0; i < 5_000; i++) identifyLanguage(messages[i % messages.length] as string);
  const t0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) identifyLanguage(messages[i % messages.length] as string);
  const used = process.cpuUsage(t0);
  return Math.round(rounds / ((used.user + used.system) / 1e6));
}

const pick = (...langs: string[]) => langs.flatMap((lang) => SENTENCES[lang] ?? []);

describe('language identification throughput', () => {
  it('identifies tens of thousands of short messages per second', () => {
    // Arabic-heavy like Rasd's traffic: two in three messages in Arabic script, one in Latin or Cyrillic.
    const mixed = [...pick('ar', 'fa', 'ur', 'ar', 'ar', 'ar'), ...pick('en', 'fr', 'ru')];
    const arabicScript = pick('ar', 'fa', 'ur');
    const latin = pick('en', 'de', 'fr', 'es', 'it', 'tr', 'ms');
    const rates = { mixed: perSecond(mixed, 50_000), arabicScript: perSecond(arabicScript, 50_000) };
    const latinRate = perSecond(latin, 20_000);
    process.stdout.write(
      `language: ${rates.mixed} mixed, ${rates.arabicScript} Arabic-script, ${latinRate} Latin messages/s of CPU\n`,
    );
    // Targets: 50k/s mixed; Latin is bounded by the n-gram model (~40-50k/s). Loose so CI does not flake.
    expect(rates.arabicScript).toBeGreaterThan(50_000);
    expect(rates.mixed).toBeGreaterThan(20_000);
    expect(latinRate).toBeGreaterThan(10_000);
  });
});
