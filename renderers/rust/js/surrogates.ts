/**
 * Lone UTF-16 surrogates (`'\ud83d'`) across the boundary. JavaScript and Python strings hold them; Rust's
 * `str` cannot, and JSON.stringify writes them as `\ud83d` escapes that the addon's JSON parser refuses.
 * So every JSON text going in carries each lone surrogate as a stand-in, the code point
 * `U+10F800 + (surrogate - 0xD800)` (the last 2,048 code points of plane 16, private use). Pages and patch
 * lists come out with the binding's conversion to JS strings having turned stand-ins back into surrogates
 * (crates/dtl/src/value/surrogate.rs is the addon's side); the other strings coming out (errors, the host's
 * payloads) go through `fromStandIns`. Data holding those private-use code points themselves is refused
 * with an UnsupportedError rather than read as surrogates.
 */
const FIRST_STAND_IN = 0x10f800;
// JSON.stringify writes a surrogate pair as text and only a lone surrogate as an escape, lower case: an
// escape of a high or low surrogate that is not preceded by an odd number of backslashes.
const LONE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/g;
// A stand-in in UTF-16: a high surrogate 0xDBFE or 0xDBFF followed by a low one.
const STAND_IN = /[\udbfe\udbff][\udc00-\udfff]/;
const STAND_INS = /[\udbfe\udbff][\udc00-\udfff]/g;

/**
 * A JSON text (from JSON.stringify) as the addon reads it: lone surrogates as stand-ins. Throws
 * UnsupportedError when the data holds a stand-in code point of its own.
 */
export function toStandIns(json: string): string {
  if (STAND_IN.test(json)) {
    throw Object.assign(
      new Error(
        'the data holds a character in U+10F800..U+10FFFF, which renderer-rust reserves to carry lone surrogates',
      ),
      { name: 'UnsupportedError' },
    );
  }
  if (!json.includes('\\ud')) return json;
  return json.replace(LONE_ESCAPE, (_match, slashes: string, hex: string) =>
    slashes.concat(String.fromCodePoint(FIRST_STAND_IN + Number.parseInt(hex, 16) - 0xd800)),
  );
}

/** Whether a string the addon produced holds stand-ins. */
export function hasStandIns(text: string): boolean {
  return STAND_IN.test(text);
}

/** A string the addon produced, with its stand-ins turned back into the lone surrogates they carry. */
export function fromStandIns(text: string): string {
  if (!STAND_IN.test(text)) return text;
  return text.replace(STAND_INS, (pair) => String.fromCharCode((pair.codePointAt(0) ?? 0) - FIRST_STAND_IN + 0xd800));
}
