import { LATIN_TO_CYRILLIC_TABLE, LATIN_TO_GREEK_TABLE, TO_LATIN_TABLE } from './confusables.js';
import { T_HOMOGLYPH } from './recorder.js';
import { C_CYRILLIC, C_GREEK, C_LATIN, CLS, LOWER } from './tables.js';
import type { Work } from './work.js';

const LATIN = 1;
const CYRILLIC = 2;
const GREEK = 3;

/**
 * Undoes cross-script look-alikes. A word mixing Latin with Cyrillic or Greek letters is
 * rewritten in its majority script (ties go to Latin): `Dаеsh` with Cyrillic а е becomes
 * `daesh`, a Latin `o` inside a Russian word becomes `о`. A word written wholly in Cyrillic or
 * Greek look-alikes (`ІЅІЅ`) becomes Latin only when the message's words are mostly Latin, so
 * Russian and Greek words in Russian and Greek text are left alone. Words are counted by their
 * majority script, which the rewrite does not change, so the rule gives the same answer on its
 * own output.
 */
export function undoHomoglyphs(w: Work): void {
  if (!w.has(C_LATIN) || !(w.has(C_CYRILLIC) || w.has(C_GREEK))) return;
  const count = w.tokS.length;
  const major = new Uint8Array(count);
  const mixed = new Uint8Array(count);
  const sc = new Int32Array(5);
  let latinWords = 0;
  let otherWords = 0;
  for (let t = 0; t < count; t++) {
    w.scripts(w.tokS[t] as number, w.tokE[t] as number, sc);
    const l = sc[0] as number;
    const c = sc[1] as number;
    const g = sc[2] as number;
    if (l + c + g === 0) continue;
    const m = l >= c && l >= g ? LATIN : c >= g ? CYRILLIC : GREEK;
    major[t] = m;
    mixed[t] = Number(l > 0) + Number(c > 0) + Number(g > 0) > 1 ? 1 : 0;
    if (m === LATIN) latinWords++;
    else otherWords++;
  }
  for (let t = 0; t < count; t++) {
    const a = w.tokS[t] as number;
    const b = w.tokE[t] as number;
    const m = major[t] as number;
    if (m === 0) continue;
    // In Latin text a Cyrillic/Greek-majority word made only of look-alikes is Latin in disguise;
    // checked before the mixed-word rule, which would otherwise leave a pure look-alike word.
    if (m !== LATIN && latinWords > otherWords && allLookAlike(w, a, b)) rewrite(w, a, b, LATIN);
    else if (mixed[t] === 1) rewrite(w, a, b, m);
  }
}

function allLookAlike(w: Work, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const u = w.units[i] as number;
    const c = CLS[u];
    if ((c === C_CYRILLIC || c === C_GREEK) && TO_LATIN_TABLE[u] === 0) return false;
  }
  return true;
}

/** Maps the letters of [a, b) that are not in `target` script to their look-alike in it. */
function rewrite(w: Work, a: number, b: number, target: number): void {
  let changed = 0;
  for (let i = a; i < b; i++) {
    if (w.deleted(i)) continue;
    const u = w.units[i] as number;
    const c = CLS[u];
    let to = 0;
    if (target === LATIN && (c === C_CYRILLIC || c === C_GREEK)) to = TO_LATIN_TABLE[u] as number;
    else if (target !== LATIN && c !== C_LATIN && c !== C_CYRILLIC && c !== C_GREEK) continue;
    else if (target === CYRILLIC && c !== C_CYRILLIC) to = toScript(u, c, LATIN_TO_CYRILLIC_TABLE);
    else if (target === GREEK && c !== C_GREEK) to = toScript(u, c, LATIN_TO_GREEK_TABLE);
    if (to !== 0) {
      w.setForm(i, to);
      changed++;
    }
  }
  if (changed > 0) w.report(T_HOMOGLYPH, a, b, 0.6, changed);
}

function toScript(u: number, cls: number | undefined, table: Uint16Array): number {
  const latin = cls === C_LATIN ? (LOWER[u] as number) : (TO_LATIN_TABLE[u] as number);
  return latin < 0x80 ? (table[latin] as number) : 0;
}
