//! `{% lorem %}`: Django's `lorem_ipsum` words and paragraphs. The common words and paragraph are
//! fixed text; anything beyond them is random Latin, as in Django.

use crate::engine::ir::LoremMethod;
use crate::random::next_random;

const COMMON_P: &str = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";

const COMMON_WORDS: &[&str] = &[
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipisicing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
];

const WORDS: &[&str] = &[
    "exercitationem",
    "perferendis",
    "perspiciatis",
    "laborum",
    "eveniet",
    "sunt",
    "iure",
    "nam",
    "nobis",
    "eum",
    "cum",
    "officiis",
    "excepturi",
    "odio",
    "consectetur",
    "quasi",
    "aut",
    "quisquam",
    "vel",
    "eligendi",
    "itaque",
    "non",
    "odit",
    "tempore",
    "quaerat",
    "dignissimos",
    "facilis",
    "neque",
    "nihil",
    "expedita",
    "vitae",
    "vero",
    "ipsum",
    "nisi",
    "animi",
    "cumque",
    "pariatur",
    "velit",
    "modi",
    "natus",
    "iusto",
    "eaque",
    "sequi",
    "illo",
    "sed",
    "ex",
    "et",
    "voluptatibus",
    "tempora",
    "veritatis",
    "ratione",
    "assumenda",
    "incidunt",
    "nostrum",
    "placeat",
    "aliquid",
    "fuga",
    "provident",
    "praesentium",
    "rem",
    "necessitatibus",
    "suscipit",
    "adipisci",
    "quidem",
    "possimus",
    "voluptas",
    "debitis",
    "sint",
    "accusantium",
    "unde",
    "sapiente",
    "voluptate",
    "qui",
    "aspernatur",
    "laudantium",
    "soluta",
    "amet",
    "quo",
    "aliquam",
    "saepe",
    "culpa",
    "libero",
    "ipsa",
    "dicta",
    "reiciendis",
    "nesciunt",
    "doloribus",
    "autem",
    "impedit",
    "minima",
    "maiores",
    "repudiandae",
    "ipsam",
    "obcaecati",
    "ullam",
    "enim",
    "totam",
    "delectus",
    "ducimus",
    "quis",
    "voluptates",
    "dolores",
    "molestiae",
    "harum",
    "dolorem",
    "quia",
    "voluptatem",
    "molestias",
    "magni",
    "distinctio",
    "omnis",
    "illum",
    "dolorum",
    "voluptatum",
    "ea",
    "quas",
    "quam",
    "corporis",
    "quae",
    "blanditiis",
    "atque",
    "deserunt",
    "laboriosam",
    "earum",
    "consequuntur",
    "hic",
    "cupiditate",
    "quibusdam",
    "accusamus",
    "ut",
    "rerum",
    "error",
    "minus",
    "eius",
    "ab",
    "ad",
    "nemo",
    "fugit",
    "officia",
    "at",
    "in",
    "id",
    "quos",
    "reprehenderit",
    "numquam",
    "iste",
    "fugiat",
    "sit",
    "inventore",
    "beatae",
    "repellendus",
    "magnam",
    "recusandae",
    "quod",
    "explicabo",
    "doloremque",
    "aperiam",
    "consequatur",
    "asperiores",
    "commodi",
    "optio",
    "dolor",
    "labore",
    "temporibus",
    "repellat",
    "veniam",
    "architecto",
    "est",
    "esse",
    "mollitia",
    "nulla",
    "a",
    "similique",
    "eos",
    "alias",
    "dolore",
    "tenetur",
    "deleniti",
    "porro",
    "facere",
    "maxime",
    "corrupti",
];

fn random_int(lo: usize, hi: usize) -> usize {
    lo + (next_random() % (hi - lo + 1) as u64) as usize
}

// Python's random.sample: k distinct words in random order.
fn sample(k: usize) -> Vec<&'static str> {
    let mut pool = WORDS.to_vec();
    for i in 0..k.min(pool.len()) {
        let j = random_int(i, pool.len() - 1);
        pool.swap(i, j);
    }
    pool.truncate(k);
    pool
}

fn sentence() -> String {
    let sections: Vec<String> = (0..random_int(1, 5)).map(|_| sample(random_int(3, 12)).join(" ")).collect();
    let s = sections.join(", ");
    let mut chars = s.chars();
    let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    format!("{first}{}{}", chars.as_str(), if next_random().is_multiple_of(2) { '?' } else { '.' })
}

fn paragraph() -> String {
    (0..random_int(1, 4)).map(|_| sentence()).collect::<Vec<_>>().join(" ")
}

/// Django `lorem_ipsum.words(count, common)`.
pub fn words(count: i64, common: bool) -> String {
    let mut list: Vec<&str> = if common { COMMON_WORDS.to_vec() } else { Vec::new() };
    if count > list.len() as i64 {
        let mut rest = count as usize - list.len();
        while rest > 0 {
            let c = rest.min(WORDS.len());
            rest -= c;
            list.extend(sample(c));
        }
    } else if count < 0 {
        list.truncate((list.len() as i64 + count).max(0) as usize);
    } else {
        list.truncate(count as usize);
    }
    list.join(" ")
}

/// Django `lorem_ipsum.paragraphs(count, common)`.
pub fn paragraphs(count: i64, common: bool) -> Vec<String> {
    (0..count.max(0)).map(|i| if common && i == 0 { COMMON_P.to_string() } else { paragraph() }).collect()
}

/// The output of `{% lorem count method [random] %}`.
pub fn render(count: i64, method: LoremMethod, common: bool) -> String {
    match method {
        LoremMethod::Words => words(count, common),
        LoremMethod::Paragraphs => {
            paragraphs(count, common).iter().map(|p| format!("<p>{p}</p>")).collect::<Vec<_>>().join("\n\n")
        }
        LoremMethod::Plain => paragraphs(count, common).join("\n\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_fixed() {
        assert_eq!(words(3, true), "lorem ipsum dolor");
        assert_eq!(words(-1, true).split(' ').count(), 18);
        assert_eq!(words(25, true).split(' ').count(), 25);
    }

    #[test]
    fn random_words_come_from_djangos_whole_vocabulary() {
        // Django's lorem_ipsum.WORDS: 182 words, of which the common ones are only the first 19.
        assert_eq!(WORDS.len(), 182);
        assert!(WORDS.contains(&"exercitationem") && WORDS.contains(&"voluptatum"));
        assert!(words(200, false).split(' ').all(|w| WORDS.contains(&w)));
    }
}
