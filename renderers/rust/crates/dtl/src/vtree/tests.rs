use super::{ItemMark, KeyRef, Marks, Node, Page, Patch};

fn diff(a: &str, b: &str) -> Vec<Patch> {
    Page::parse(a.to_string(), Marks::default()).diff(&Page::parse(b.to_string(), Marks::default()))
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
            Patch::Attr { at: None, path: vec![0], name: "class".into(), value: "b".into() },
            Patch::Rmattr { at: None, path: vec![0], name: "hidden".into() },
            Patch::Text { at: None, path: vec![0, 0], value: "Hi < bye".into() },
        ]
    );
    assert!(diff("<p>x</p>", "<p>x</p>").is_empty());
}

#[test]
fn a_name_set_attribute_refuses_replaces_the_element() {
    assert_eq!(
        diff("<div><p a=\"1\">x</p></div>", "<div><p a?b=\"1\">x</p></div>"),
        vec![Patch::Replace { at: None, path: vec![0, 0], html: "<p a?b=\"1\">x</p>".into() }]
    );
    // Unchanged, such a name needs no patch; beside it, settable names are still set in place.
    assert_eq!(
        diff("<p a?b=\"1\" c=\"x\">x</p>", "<p a?b=\"1\" c=\"y\">x</p>"),
        vec![Patch::Attr { at: None, path: vec![0], name: "c".into(), value: "y".into() }]
    );
    for ok in ["class", "data-x", "xml:lang", "_a", "é", "a\u{300}"] {
        assert!(super::diff::is_attribute_name(ok), "{ok}");
    }
    for bad in ["", "1bad", "a b", "a?b", "<x", "x\"y", "a=b", "-a"] {
        assert!(!super::diff::is_attribute_name(bad), "{bad}");
    }
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
            Patch::Remove { at: None, path: vec![0, 4] },
            Patch::Remove { at: None, path: vec![0, 3] },
            Patch::Insert { at: None, path: vec![0], index: 5, html: "<li data-key=\"4\">4</li>\n".into() },
        ]
    );
}

#[test]
fn unkeyed_children_are_diffed_by_position() {
    assert_eq!(
        diff("<ul><li>a</li><li>b</li></ul>", "<ul><li>a</li></ul>"),
        vec![Patch::Remove { at: None, path: vec![0, 1] }]
    );
    assert_eq!(
        diff("<p>a</p>", "<p>a<b>c</b></p>"),
        vec![Patch::Insert { at: None, path: vec![0], index: 1, html: "<b>c</b>".into() }]
    );
}

#[test]
fn pages_the_parser_restructures_are_sent_whole() {
    for quirky in
        ["<table><tr><td>x</td></tr></table>", "<p>a<div>b</div></p>", "<b><i>x</b></i>", "a &copy b", "<pre>\nx</pre>"]
    {
        let page = Page::parse(quirky.to_string(), Marks::default());
        assert!(page.quirk().is_some(), "{quirky}");
        assert_eq!(diff("<p>x</p>", quirky), vec![Patch::Html { at: None, path: vec![], html: quirky.into() }]);
    }
    assert!(Page::parse("<!DOCTYPE html>\n<html><body><p>x</p></body></html>".into(), Marks::default())
        .quirk()
        .is_none());
}

#[test]
fn raw_text_elements_are_set_or_replaced() {
    assert_eq!(
        diff("<script>1 < 2</script>", "<script>1 < 3</script>"),
        vec![Patch::Text { at: None, path: vec![0, 0], value: "1 < 3".into() }]
    );
    assert_eq!(
        diff("<textarea>a</textarea>", "<textarea></textarea>"),
        vec![Patch::Replace { at: None, path: vec![0], html: "<textarea></textarea>".into() }]
    );
}

#[test]
fn patches_serialize_to_the_dom_patch_format() {
    let json = super::patches_json(&[Patch::Move { at: None, path: vec![1], from: 3, to: 0, count: None }]);
    assert_eq!(json, r#"[{"op":"move","path":[1],"from":3,"to":0}]"#);
}

#[test]
fn patches_cross_in_the_wire_form_with_lengths_in_utf16_units() {
    let wire = super::patches_wire(&[
        Patch::Text { at: None, path: vec![0, 12], value: "a;é😀".into() },
        Patch::Move { at: None, path: vec![], from: 3, to: 0, count: None },
        Patch::Move { at: None, path: vec![1], from: 1, to: 4, count: Some(2) },
        Patch::Attr { at: None, path: vec![2], name: "class".into(), value: String::new() },
        Patch::Remove { at: None, path: vec![5] },
    ]);
    assert_eq!(wire, "t0,12;5:a;é😀m;3;0;0;m1;1;4;2;a2;5:class0:x5;");
}

#[test]
fn a_stand_in_counts_as_one_unit_in_the_wire_form() {
    // JS receives the lone surrogate it carries.
    let text = |value: &str| Patch::Text { at: None, path: vec![0], value: value.into() };
    assert_eq!(super::patches_wire(&[text("é😀\u{10F7FF}")]), "t0;5:é😀\u{10F7FF}");
    assert_eq!(super::patches_wire(&[text("x\u{10F83D}")]), "t0;2:x\u{10F83D}");
}

#[test]
fn anchors_cross_in_the_wire_form() {
    let wire = super::patches_wire(&[
        Patch::Text { at: Some(7), path: vec![0], value: "x".into() },
        Patch::Remove { at: Some(1048581), path: vec![] },
        Patch::Anchors { anchors: vec![(7, vec![0, 2]), (1048581, vec![])] },
        Patch::Anchors { anchors: vec![] },
    ]);
    assert_eq!(wire, "@7;t0;1:x@1048581;x;A2;7;0,2;1048581;;A0;");
    let json = super::patches_json(&[
        Patch::Attr { at: Some(3), path: vec![], name: "id".into(), value: "v".into() },
        Patch::Anchors { anchors: vec![(3, vec![1])] },
    ]);
    assert_eq!(
        json,
        r#"[{"op":"attr","at":3,"path":[],"name":"id","value":"v"},{"op":"anchors","anchors":[[3,[1]]]}]"#
    );
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
    let mut page = Page::parse(pages[0].to_string(), Marks::default());
    for (old, new) in pages.iter().zip(&pages[1..]) {
        let patches = page.update(new.to_string(), Marks::default());
        let fresh = Page::parse(new.to_string(), Marks::default());
        assert_eq!(page.tree, fresh.tree, "{old} -> {new}");
        assert_eq!(page.html(), *new);
        assert_eq!(patches, Page::parse(old.to_string(), Marks::default()).diff(&fresh), "{old} -> {new}");
    }
    assert!(page.update(pages[5].to_string(), Marks::default()).is_empty());
}

// A page of `<li>` items without key attributes, one loop iteration per item (id, text), and its marks.
fn items(ids: &[u32], text: impl Fn(u32) -> String) -> (String, Marks) {
    let mut html = String::from("<ul>\n");
    let mut marks = Vec::new();
    for &id in ids {
        let start = html.len();
        html.push_str(&format!("<li>{}</li>\n", text(id)));
        marks.push(ItemMark { start, end: html.len(), id: id.to_string().into() });
    }
    html.push_str("</ul>");
    (html, Marks::whole(marks, Vec::new()))
}

fn keys_of(nodes: &[Node]) -> Vec<Option<String>> {
    let text = |k: KeyRef| match k {
        KeyRef::Attr(a) => a.to_string(),
        KeyRef::Item(id, n) => format!("id:{id}#{n}"),
    };
    nodes.iter().filter_map(|n| if let Node::El(el) = n { Some(el.key().map(text)) } else { None }).collect()
}

fn root_children(page: &Page) -> &[Node] {
    match page.tree.as_ref().expect("modelled").as_slice() {
        [Node::El(ul)] => &ul.children,
        other => panic!("one root element expected, got {other:?}"),
    }
}

#[test]
fn elements_at_an_iterations_top_level_are_keyed_by_the_items_id() {
    let (html, marks) = items(&[7, 8], |id| format!("<b>{id}</b>"));
    let page = Page::parse(html, marks);
    let lis = root_children(&page);
    assert_eq!(keys_of(lis), vec![Some("id:7#0".into()), Some("id:8#0".into())]);
    // The <b> inside each <li> was not at the iteration's top level.
    let Some(Node::El(li)) = lis.iter().find(|n| matches!(n, Node::El(_))) else { panic!("an element") };
    assert_eq!(keys_of(&li.children), vec![None]);
    assert!(li.item_keyed() && !li.item_keyed_below);
}

#[test]
fn item_keys_count_within_an_iteration_skip_key_attributes_and_the_innermost_iteration_wins() {
    // Outer iteration (id 1): <p>, an inner loop (item ids 5 and 6), <i key="k">, <hr>.
    let html = "<p>a</p><em>x</em><em>y</em><i key=\"k\">b</i><hr>";
    let marks = vec![
        ItemMark { start: 8, end: 17, id: "5".into() },
        ItemMark { start: 17, end: 26, id: "6".into() },
        ItemMark { start: 0, end: html.len(), id: "1".into() },
    ];
    let page = Page::parse(html.to_string(), Marks::whole(marks, Vec::new()));
    let keys = keys_of(page.tree.as_ref().expect("modelled"));
    let expected = ["id:1#0", "id:5#0", "id:6#0", "k", "id:1#1"];
    assert_eq!(keys, expected.iter().map(|k| Some(k.to_string())).collect::<Vec<_>>());
}

#[test]
fn reversing_a_list_keyed_by_item_ids_is_n_minus_one_moves() {
    let forward: Vec<u32> = (1..=6).collect();
    let backward: Vec<u32> = forward.iter().rev().copied().collect();
    let (a, ma) = items(&forward, |id| format!("item {id}"));
    let (b, mb) = items(&backward, |id| format!("item {id}"));
    let patches = Page::parse(a.clone(), ma.clone()).diff(&Page::parse(b.clone(), mb.clone()));
    assert_eq!(patches.len(), 5);
    assert!(patches.iter().all(|p| matches!(p, Patch::Move { count: Some(2), .. })));
    // The same through an incremental update.
    let mut page = Page::parse(a, ma);
    assert_eq!(page.update(b, mb), patches);
}

#[test]
fn ids_that_change_under_the_same_html_still_move_the_elements() {
    let (a, ma) = items(&[1, 2, 3], |_| "same".to_string());
    let (b, mb) = items(&[3, 2, 1], |_| "same".to_string());
    assert_eq!(a, b);
    let mut page = Page::parse(a, ma.clone());
    let patches = page.update(b.clone(), mb.clone());
    assert_eq!(patches.len(), 2);
    assert!(patches.iter().all(|p| matches!(p, Patch::Move { .. })));
    assert_eq!(page.tree, Page::parse(b.clone(), mb.clone()).tree);
    assert!(page.update(b, mb).is_empty());
}

#[test]
fn an_incremental_update_of_an_item_keyed_page_gives_the_tree_of_a_full_parse() {
    let pages = [
        items(&[1, 2, 3], |id| format!("n{id}")),
        items(&[1, 2, 3], |id| if id == 2 { "changed".into() } else { format!("n{id}") }),
        items(&[4, 1, 2, 3], |id| format!("n{id}")),
        items(&[3, 1], |id| format!("<b>{id}</b>")),
    ];
    let mut page = Page::parse(pages[0].0.clone(), pages[0].1.clone());
    for (old, new) in pages.iter().zip(&pages[1..]) {
        let patches = page.update(new.0.clone(), new.1.clone());
        let fresh = Page::parse(new.0.clone(), new.1.clone());
        assert_eq!(page.tree, fresh.tree, "{} -> {}", old.0, new.0);
        assert_eq!(patches, Page::parse(old.0.clone(), old.1.clone()).diff(&fresh), "{} -> {}", old.0, new.0);
    }
}
