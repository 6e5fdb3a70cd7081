//! The bit of Python's `Decimal` that `floatformat` needs: parse, truncate, quantize with
//! ROUND_HALF_UP, and plain printing, on decimal digit strings (no binary rounding anywhere).

/// A finite decimal `(-1)^negative * digits * 10^exponent`; `digits` has no leading zeros ("0" for zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    /// The sign (a negative zero keeps it, as Python's Decimal does).
    pub negative: bool,
    /// The coefficient's decimal digits.
    pub digits: String,
    /// The power of ten the coefficient is scaled by.
    pub exponent: i32,
}

fn strip_leading_zeros(s: &str) -> String {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.into()
    }
}

impl Decimal {
    /// Python `Decimal(text)`: `Some(None)` for the specials (inf, nan), `None` where Python raises.
    pub fn parse(text: &str) -> Option<Option<Decimal>> {
        let t = text.trim_matches(crate::value::ops::is_py_space);
        let (negative, body) = match t.as_bytes().first() {
            Some(b'-') => (true, &t[1..]),
            Some(b'+') => (false, &t[1..]),
            _ => (false, t),
        };
        let lower = body.to_ascii_lowercase();
        if lower == "inf" || lower == "infinity" || lower.starts_with("nan") || lower.starts_with("snan") {
            return Some(None);
        }
        let (mantissa, exp) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let clean = |s: &str| -> Option<String> {
            if s.starts_with('_')
                || s.ends_with('_')
                || s.contains("__")
                || !s.bytes().all(|b| b.is_ascii_digit() || b == b'_')
            {
                return None;
            }
            Some(s.replace('_', ""))
        };
        let int_digits = clean(int_part)?;
        let frac_digits = clean(frac_part)?;
        if int_digits.is_empty() && frac_digits.is_empty() {
            return None;
        }
        let exponent: i32 = match exp {
            Some(e) => {
                let e = e.strip_prefix('+').unwrap_or(e);
                let (sign, digits) = match e.strip_prefix('-') {
                    Some(d) => (-1, d),
                    None => (1, e),
                };
                sign * clean(digits).filter(|d| !d.is_empty())?.parse::<i32>().ok()?
            }
            None => 0,
        };
        Some(Some(Decimal {
            negative,
            digits: strip_leading_zeros(&format!("{int_digits}{frac_digits}")),
            exponent: exponent - frac_digits.len() as i32,
        }))
    }

    fn is_zero(&self) -> bool {
        self.digits == "0"
    }

    /// Whether the fractional part is non-zero.
    pub fn has_fraction(&self) -> bool {
        if self.exponent >= 0 {
            return false;
        }
        let frac = (-self.exponent) as usize;
        let tail = if self.digits.len() > frac { &self.digits[self.digits.len() - frac..] } else { &self.digits };
        tail.bytes().any(|b| b != b'0')
    }

    /// Python `str(int(d))`.
    pub fn truncate_text(&self) -> String {
        let int = if self.exponent >= 0 {
            if self.is_zero() {
                "0".into()
            } else {
                format!("{}{}", self.digits, "0".repeat(self.exponent as usize))
            }
        } else {
            let frac = (-self.exponent) as usize;
            if self.digits.len() > frac {
                self.digits[..self.digits.len() - frac].to_string()
            } else {
                "0".into()
            }
        };
        if self.negative && int != "0" {
            format!("-{int}")
        } else {
            int
        }
    }

    /// `d.quantize(Decimal('1e' + exponent), ROUND_HALF_UP)`: halves round away from zero.
    pub fn quantize_half_up(&self, exponent: i32) -> Decimal {
        if self.exponent >= exponent {
            let zeros = (self.exponent - exponent) as usize;
            let digits = if self.is_zero() { "0".into() } else { format!("{}{}", self.digits, "0".repeat(zeros)) };
            return Decimal { negative: self.negative, digits, exponent };
        }
        let drop = (exponent - self.exponent) as usize;
        let (kept, first_dropped) = if self.digits.len() > drop {
            (self.digits[..self.digits.len() - drop].to_string(), self.digits.as_bytes()[self.digits.len() - drop])
        } else if self.digits.len() == drop {
            ("0".to_string(), self.digits.as_bytes()[0])
        } else {
            ("0".to_string(), b'0')
        };
        let digits = if first_dropped >= b'5' { increment(&kept) } else { kept };
        Decimal { negative: self.negative, digits: strip_leading_zeros(&digits), exponent }
    }

    /// Python `'{:f}'.format(d)`, except that a zero result loses its sign (as `floatformat` prints it).
    pub fn to_plain_string(&self) -> String {
        let sign = if self.negative && !self.is_zero() { "-" } else { "" };
        if self.exponent >= 0 {
            let zeros = if self.is_zero() { String::new() } else { "0".repeat(self.exponent as usize) };
            return format!("{sign}{}{zeros}", self.digits);
        }
        let frac = (-self.exponent) as usize;
        let padded = format!("{}{}", "0".repeat((frac + 1).saturating_sub(self.digits.len())), self.digits);
        let split = padded.len() - frac;
        format!("{sign}{}.{}", &padded[..split], &padded[split..])
    }
}

fn increment(digits: &str) -> String {
    let mut bytes = digits.as_bytes().to_vec();
    if !increment_digits(&mut bytes) {
        bytes.insert(0, b'1');
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// Adds one unit in the last place of ASCII decimal digits, in place; false when it carries out of them
/// (they were all nines and are now all zeros).
pub fn increment_digits(digits: &mut [u8]) -> bool {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return true;
        }
    }
    false
}

/// The decimal digits of `n`, written at the end of `buf` (the formatting machinery of `write!` costs
/// more than the digits where they are printed often).
pub fn decimal_digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
}

/// Django `numberformat.format` on number text: `decimal_pos` truncates or pads the fraction,
/// `grouping` puts `,` every three integer digits (en-us).
pub fn format_number_text(text: &str, decimal_pos: Option<usize>, grouping: bool) -> String {
    let (sign, s) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int_part, dec_part) = s.split_once('.').unwrap_or((s, ""));
    let mut dec: String = dec_part.to_string();
    if let Some(pos) = decimal_pos {
        dec = dec.chars().take(pos).collect();
        while dec.len() < pos {
            dec.push('0');
        }
    }
    let int = if grouping {
        let b = int_part.as_bytes();
        let mut out = String::new();
        for (i, c) in b.iter().enumerate() {
            if i > 0 && (b.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(*c as char);
        }
        out
    } else {
        int_part.to_string()
    };
    if dec.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{dec}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap().unwrap()
    }

    #[test]
    fn quantizes_half_up_on_decimal_digits() {
        assert_eq!(d("2.675").quantize_half_up(-2).to_plain_string(), "2.68");
        assert_eq!(d("-0.001").quantize_half_up(-2).to_plain_string(), "0.00");
        assert_eq!(d("9.99").quantize_half_up(-1).to_plain_string(), "10.0");
        assert_eq!(d("34.23234").quantize_half_up(-3).to_plain_string(), "34.232");
        assert_eq!(d("1e+16").truncate_text(), "10000000000000000");
    }

    #[test]
    fn writes_and_increments_digit_strings() {
        let mut buf = [0u8; 20];
        assert_eq!(decimal_digits(0, &mut buf), b"0");
        assert_eq!(decimal_digits(u64::MAX, &mut buf), u64::MAX.to_string().as_bytes());
        let mut digits = *b"1299";
        assert!(increment_digits(&mut digits));
        assert_eq!(&digits, b"1300");
        let mut nines = *b"99";
        assert!(!increment_digits(&mut nines));
        assert_eq!(&nines, b"00");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(format_number_text("-1234567.5", Some(2), true), "-1,234,567.50");
    }
}
