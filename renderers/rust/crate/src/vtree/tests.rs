use super::{Page, Patch};

fn diff(a: &str, b: &str) -> Vec<Patch> {
    Page::parse(a.to_string()).diff(&Page::parse(b.to_string()))
}

fn list(keys: &[u32]) -> String {
    let items: String = keys.iter().map(|k| format!("<li data-key=\"{k}\">{k}</li>\n")).collect();
    format!("<ul>\n{items}</ul>")
}

#[test]
fn text_and_attributes_are_patched_in_place() {
    assert_eq!(
        diff("<p class=\"a\" hidden>Hi &amp; bye</p>", "<p class=\"b\">Hi &lt; bye</p>"),
        vec![
            Patch::Attr { path: vec![0], name: "class".into(), value: "b".into() },
            Patch::Rmattr { path: vec![0], name: "hidden".into() },
            Patch::Text { path: vec![0, 0], value: "Hi < bye".into() },
        ]
    );
    assert!(diff("<p>x</p>", "<p>x</p>").is_empty());
}

#[test]
fn reversing_a_keyed_list_of_n_is_n_minus_one_moves() {
    let forward: Vec<u32> = (1..=6).collect();
    let backward: Vec<u32> = forward.iter().rev().copied().collect();
    let patches = diff(&list(&forward), &list(&backward));
    assert_eq!(patches.len(), 5);
    assert!(patches.iter().all(|p| matches!(p, Patch::Move { count: Some(2), .. })));
}

#[test]
fn keyed_inserts_and_removes_touch_only_their_items() {
    let patches = diff(&list(&[1, 2, 3]), &list(&[1, 3, 4]));
    assert_eq!(
        patches,
        vec![
            Patch::Remove { path: vec![0, 4] },
            Patch::Remove { path: vec![0, 3] },
            Patch::Insert { path: vec![0], index: 5, html: "<li data-key=\"4\">4</li>\n".into() },
        ]
    );
}

#[test]
fn unkeyed_children_are_diffed_by_position() {
    assert_eq!(diff("<ul><li>a</li><li>b</li></ul>", "<ul><li>a</li></ul>"), vec![Patch::Remove { path: vec![0, 1] }]);
    assert_eq!(
        diff("<p>a</p>", "<p>a<b>c</b></p>"),
        vec![Patch::Insert { path: vec![0], index: 1, html: "<b>c</b>".into() }]
    );
}

#[test]
fn pages_the_parser_restructures_are_sent_whole() {
    for quirky in
        ["<table><tr><td>x</td></tr></table>", "<p>a<div>b</div></p>", "<b><i>x</b></i>", "a &copy b", "<pre>\nx</pre>"]
    {
        let page = Page::parse(quirky.to_string());
        assert!(page.quirk().is_some(), "{quirky}");
        assert_eq!(diff("<p>x</p>", quirky), vec![Patch::Html { path: vec![], html: quirky.into() }]);
    }
    assert!(Page::parse("<!DOCTYPE html>\n<html><body><p>x</p></body></html>".into()).quirk().is_none());
}

#[test]
fn raw_text_elements_are_set_or_replaced() {
    assert_eq!(
        diff("<script>1 < 2</script>", "<script>1 < 3</script>"),
        vec![Patch::Text { path: vec![0, 0], value: "1 < 3".into() }]
    );
    assert_eq!(
        diff("<textarea>a</textarea>", "<textarea></textarea>"),
        vec![Patch::Replace { path: vec![0], html: "<textarea></textarea>".into() }]
    );
}

#[test]
fn patches_serialize_to_the_dom_patch_format() {
    let json = super::patches_json(&[Patch::Move { path: vec![1], from: 3, to: 0, count: None }]);
    assert_eq!(json, r#"[{"op":"move","path":[1],"from":3,"to":0}]"#);
}

#[test]
fn an_update_reparses_only_the_changed_element_and_gives_the_tree_of_a_full_parse() {
    let pages = [
        "<nav>Hi Ann</nav>\n<main><div><h1>Count: 1</h1>\n<ul><li key=\"a\">x</li><li key=\"b\">y</li></ul></div></main><p>end</p>",
        "<nav>Hi Ann</nav>\n<main><div><h1>Count: 12</h1>\n<ul><li key=\"a\">x</li><li key=\"b\">y</li></ul></div></main><p>end</p>",
        "<nav>Hi Ann</nav>\n<main><div><h1>Count: 12</h1>\n<ul><li key=\"b\">y</li><li key=\"a\">x &amp; z</li></ul></div></main><p>end</p>",
        "<nav>Hi Bo</nav>\n<main><div><h1>Count: 2</h1>\n<ul></ul></div></main><p>end</p><p>more</p>",
        "<nav>Hi Bo</nav>\n<main><div><h1>Count: 2<p>x</h1>\n<ul></ul></div></main>",
        "<nav>Hi Bo</nav>\n<main><div><h1>Count: 2</h1>\n<ul></ul></div></main>",
    ];
    let mut page = Page::parse(pages[0].to_string());
    for (old, new) in pages.iter().zip(&pages[1..]) {
        let patches = page.update(new.to_string());
        let fresh = Page::parse(new.to_string());
        assert_eq!(page.tree, fresh.tree, "{old} -> {new}");
        assert_eq!(page.html(), *new);
        assert_eq!(patches, Page::parse(old.to_string()).diff(&fresh), "{old} -> {new}");
    }
    assert!(page.update(pages[5].to_string()).is_empty());
}
