//! A list of distinct ids that answers "where is x now" while items move, in O(sqrt n) per operation
//! (square-root decomposition, as renderers/vdom/src/diff/order.ts): the keyed diff replays its moves on it.

/// Ids in order, in blocks of `SIZE` to `2 * SIZE` items.
pub struct OrderList {
    /// Block storage; a block's slot never changes, emptied blocks stay allocated.
    blocks: Vec<Vec<u32>>,
    /// Slots of the non-empty blocks, in list order.
    order: Vec<usize>,
    /// The slot holding each id (`usize::MAX` when absent).
    home: Vec<usize>,
    len: usize,
}

const SIZE: usize = 64;

impl OrderList {
    /// The list `0..n`.
    pub fn new(n: u32) -> OrderList {
        let mut list = OrderList { blocks: Vec::new(), order: Vec::new(), home: Vec::new(), len: n as usize };
        let ids: Vec<u32> = (0..n).collect();
        for chunk in ids.chunks(SIZE) {
            let slot = list.blocks.len();
            for &id in chunk {
                list.set_home(id, slot);
            }
            list.blocks.push(chunk.to_vec());
            list.order.push(slot);
        }
        list
    }

    fn set_home(&mut self, id: u32, slot: usize) {
        let id = id as usize;
        if id >= self.home.len() {
            self.home.resize(id + 1, usize::MAX);
        }
        self.home[id] = slot;
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Current index of `x` (which must be in the list).
    pub fn index_of(&self, x: u32) -> usize {
        let home = self.home[x as usize];
        let mut before = 0;
        for &slot in &self.order {
            let block = &self.blocks[slot];
            if slot == home {
                return before + block.iter().position(|&y| y == x).unwrap_or(0);
            }
            before += block.len();
        }
        before
    }

    /// Removes `x`; returns the index it had.
    pub fn remove(&mut self, x: u32) -> usize {
        let index = self.index_of(x);
        let slot = self.home[x as usize];
        let block = &mut self.blocks[slot];
        if let Some(p) = block.iter().position(|&y| y == x) {
            block.remove(p);
        }
        if block.is_empty() {
            self.order.retain(|&s| s != slot);
        }
        self.home[x as usize] = usize::MAX;
        self.len -= 1;
        index
    }

    /// Inserts `x` before `anchor` (at the end when None); returns its index.
    pub fn insert_before(&mut self, x: u32, anchor: Option<u32>) -> usize {
        self.len += 1;
        let Some(anchor) = anchor else {
            match self.order.last().copied() {
                Some(slot) if self.blocks[slot].len() < SIZE * 2 => {
                    self.blocks[slot].push(x);
                    self.set_home(x, slot);
                }
                _ => {
                    let slot = self.blocks.len();
                    self.blocks.push(vec![x]);
                    self.order.push(slot);
                    self.set_home(x, slot);
                }
            }
            return self.index_of(x);
        };
        let slot = self.home[anchor as usize];
        let block = &mut self.blocks[slot];
        let p = block.iter().position(|&y| y == anchor).unwrap_or(block.len());
        block.insert(p, x);
        self.set_home(x, slot);
        if self.blocks[slot].len() >= SIZE * 2 {
            let tail = self.blocks[slot].split_off(SIZE);
            let new_slot = self.blocks.len();
            for &id in &tail {
                self.set_home(id, new_slot);
            }
            self.blocks.push(tail);
            let at = self.order.iter().position(|&s| s == slot).map_or(self.order.len(), |p| p + 1);
            self.order.insert(at, new_slot);
        }
        self.index_of(x)
    }
}

/// Longest increasing subsequence of `seq`, ignoring entries below 0; the positions of one such
/// subsequence, ascending (patience sorting with back-links, O(n log n)).
pub fn longest_increasing(seq: &[i64]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; seq.len()];
    for (i, &v) in seq.iter().enumerate() {
        if v < 0 {
            continue;
        }
        let lo = tails.partition_point(|&t| seq[t] < v);
        if lo > 0 {
            prev[i] = tails[lo - 1];
        }
        if lo == tails.len() {
            tails.push(i);
        } else {
            tails[lo] = i;
        }
    }
    let mut result = vec![0; tails.len()];
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    for slot in result.iter_mut().rev() {
        *slot = k;
        k = prev[k];
    }
    result
}

#[cfg(test)]
mod tests {
    use super::{longest_increasing, OrderList};

    #[test]
    fn lis_keeps_the_longest_run() {
        assert_eq!(longest_increasing(&[2, 0, 1]), vec![1, 2]);
        assert_eq!(longest_increasing(&[-1, 3, -1, 4, 0]), vec![1, 3]);
        assert!(longest_increasing(&[]).is_empty());
    }

    #[test]
    fn order_list_tracks_moves_like_a_vec() {
        let n = 300u32;
        let mut list = OrderList::new(n);
        let mut plain: Vec<u32> = (0..n).collect();
        let mut next = n;
        for step in 0..400u32 {
            let x = plain[(step as usize * 7919) % plain.len()];
            assert_eq!(list.remove(x), plain.iter().position(|&y| y == x).unwrap());
            plain.retain(|&y| y != x);
            let anchor = if step % 5 == 0 { None } else { Some(plain[(step as usize * 31) % plain.len()]) };
            let id = if step % 3 == 0 { next } else { x };
            next += u32::from(step % 3 == 0);
            let at = anchor.map_or(plain.len(), |a| plain.iter().position(|&y| y == a).unwrap());
            plain.insert(at, id);
            assert_eq!(list.insert_before(id, anchor), at);
            assert_eq!(list.len(), plain.len());
        }
    }
}
