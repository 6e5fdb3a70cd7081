//! Lone UTF-16 surrogates (`"\ud83d"`): Python and JavaScript strings hold them, a Rust `str` cannot. The
//! JS side of the boundary (`js/surrogates.ts`) carries each one as a stand-in, the code point
//! `U+10F800 + (surrogate - 0xD800)` (the last 2,048 code points of plane 16, private use, which the
//! renderer refuses in data). On the way out, pages and patch lists are handed to JS as UTF-16 with each
//! stand-in turned back into its surrogate here (`to_surrogates`); the JS side turns those of the other
//! texts (errors, the host's payloads) back itself.
//! Inside, a stand-in is one character, as the surrogate is one character to Python; the few places where
//! Python treats a surrogate differently from a private-use character ask this module.

/// The first stand-in code point (for the surrogate U+D800).
pub const FIRST: u32 = 0x10F800;

/// The surrogate (0xD800..=0xDFFF) that `c` stands in for, if it is a stand-in.
pub fn surrogate_of(c: char) -> Option<u32> {
    let cp = c as u32;
    (cp >= FIRST).then(|| cp - FIRST + 0xD800)
}

/// The code point Python sees: the surrogate for a stand-in, else the character's own.
pub fn python_code_point(c: char) -> u32 {
    surrogate_of(c).unwrap_or(c as u32)
}

/// Whether `s` holds a stand-in (every stand-in is encoded in UTF-8 as `F4 8F A0..BF ..`).
pub fn has_stand_in(s: &str) -> bool {
    let b = s.as_bytes();
    // The byte search (memchr) rules out almost every text at memory speed: 0xF4 leads only the code
    // points of plane 16.
    b.contains(&0xF4) && b.windows(3).any(|w| w[0] == 0xF4 && w[1] == 0x8F && w[2] >= 0xA0)
}

/// The UTF-16 units `c` takes in JS once stand-ins are surrogates again: one for a stand-in.
pub fn js_len(c: char) -> usize {
    if (c as u32) < FIRST {
        c.len_utf16()
    } else {
        1
    }
}

/// Turns the stand-ins of a UTF-16 text (valid: a high surrogate is always followed by a low one) into the
/// lone surrogates they carry. A stand-in is the pair of a high surrogate 0xDBFE or 0xDBFF (no other code
/// point has them) and a low one.
pub fn to_surrogates(units: &mut Vec<u16>) {
    let mut kept = 0;
    let mut at = 0;
    while at < units.len() {
        let unit = units[at];
        if (unit == 0xDBFE || unit == 0xDBFF) && at + 1 < units.len() {
            let cp = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(units[at + 1]) - 0xDC00);
            // cp - FIRST < 0x800: the surrogate fits a unit.
            units[kept] = (cp - FIRST + 0xD800) as u16;
            at += 2;
        } else {
            units[kept] = unit;
            at += 1;
        }
        kept += 1;
    }
    units.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_map_to_surrogates() {
        assert_eq!(surrogate_of('\u{10F83D}'), Some(0xD83D));
        assert_eq!(surrogate_of('\u{10FFFF}'), Some(0xDFFF));
        assert_eq!(surrogate_of('a'), None);
        assert_eq!(python_code_point('\u{10F800}'), 0xD800);
        assert!(has_stand_in("a\u{10F83D}b"));
        assert!(!has_stand_in("a\u{10F7FF}b😀"));
        assert_eq!(['a', 'é', '😀', '\u{10F7FF}', '\u{10F800}'].map(js_len), [1, 1, 2, 2, 1]);
    }

    #[test]
    fn stand_ins_in_utf16_become_the_surrogates_they_carry() {
        let mut units: Vec<u16> = "x\u{10F83D}é\u{10FFFF}😀\u{10F7FF}\u{10F800}".encode_utf16().collect();
        to_surrogates(&mut units);
        let mut expected = vec![u16::from(b'x'), 0xD83D, 0xE9, 0xDFFF];
        expected.extend("😀\u{10F7FF}".encode_utf16());
        expected.push(0xD800);
        assert_eq!(units, expected);
    }
}
