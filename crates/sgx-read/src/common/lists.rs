//! Nesting a flat run of list items: Word gives each list paragraph a level, converter text
//! an indent; either way an item deeper than the one before it is that one's child.

use sgx_ir::ListItem;

/// Nest items by level (a Word list level, an indent): an item deeper than the item before
/// it is that item's child; one at the same level or shallower closes the deeper items and
/// hangs off the nearest shallower one, or is a top-level item when there is none.
/// Iterative, so deep nesting cannot exhaust the stack.
pub fn nest_by_level<L: Ord + Copy>(flat: Vec<(L, ListItem)>) -> Vec<ListItem> {
    fn close<L>(stack: &mut Vec<(L, ListItem)>, roots: &mut Vec<ListItem>) {
        if let Some((_, item)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(item),
                None => roots.push(item),
            }
        }
    }
    let mut roots = Vec::new();
    let mut stack: Vec<(L, ListItem)> = Vec::new();
    for (level, item) in flat {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            close(&mut stack, &mut roots);
        }
        stack.push((level, item));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgx_ir::{Provenance, Text};

    fn item(s: &str) -> ListItem {
        ListItem {
            marker: "•".into(),
            text: Text::plain(s),
            children: Vec::new(),
            prov: Provenance::default(),
        }
    }

    /// "a(b(c) d)" for a tree of items.
    fn shape(items: &[ListItem]) -> String {
        items
            .iter()
            .map(|i| {
                if i.children.is_empty() {
                    i.text.text.clone()
                } else {
                    format!("{}({})", i.text.text, shape(&i.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn deeper_items_are_children_of_the_item_before() {
        let flat = [(0, "a"), (4, "b"), (6, "c"), (2, "d"), (0, "e")].map(|(l, s)| (l, item(s)));
        assert_eq!(shape(&nest_by_level(flat.into())), "a(b(c) d) e");
        let flat = [(2u8, "a"), (1, "b"), (3, "c")].map(|(l, s)| (l, item(s)));
        assert_eq!(shape(&nest_by_level(flat.into())), "a b(c)");
    }
}
