//! Lone UTF-16 surrogates (`"\ud83d"`): Python and JavaScript strings hold them, a Rust `str` cannot. The
//! JS side of the boundary (`js/surrogates.ts`) carries each one as a stand-in, the code point
//! `U+10F800 + (surrogate - 0xD800)` (the last 2,048 code points of plane 16, private use, which the
//! renderer refuses in data), and turns stand-ins back into surrogates in everything that leaves the addon.
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
    }
}
