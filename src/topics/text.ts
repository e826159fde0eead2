/**
 * Folds text for matching: compatibility-decomposed, diacritics removed, lower-cased.
 * "Zelenskyy", "ZELENSKYY" and "Zélenskyy" fold alike; so do "Київ" and "київ", "й" and "и".
 */
export function foldText(text: string): string {
  // Plain ASCII has nothing to decompose: skip the costly normalisation for it.
  if (!/[^\x00-\x7F]/.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** Put between an article's title words and its summary words, so that a phrase never runs from one into the other. */
export const TITLE_END = "\u0000";

// Apostrophes split words, so "Ukraine's" yields "ukraine"; keywords are split the same way.
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A run of text between white space, as written. Folding it gives the same words as folding the whole text: symbols
 * such as "№" or "㎏" fold into letters, so splitting at them before folding would lose words.
 */
export const RAW_WORD = /\P{White_Space}+/gu;

/** The folded words of a text, in order, for any script. */
export function words(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}
