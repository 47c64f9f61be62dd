//! Which scenarios a run of a deck shows, and in what order. Seeded, so that an exam given with
//! the deck's `seed` shows everyone the same items in the same order.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use super::model::{Deck, Order};
use crate::scenario::Scenario;

impl Deck {
    /// Indices into `pool` of the items, in the order to show them. Deterministic for a given
    /// seed (callers pass `deck.seed` when the deck has one, else a seed of the run's own).
    ///
    /// The ids come first, in file order; then each pick draws its `count` from the scenarios
    /// that match it and are not chosen yet. `Shuffled` then shuffles the whole list; `Fixed`
    /// keeps it. Ids missing from `pool` are skipped, and a pick short of candidates (possible
    /// when two picks overlap) draws what is left: this never fails, the checker warns first.
    pub fn choose(&self, pool: &[Scenario], seed: u64) -> Vec<usize> {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut chosen: Vec<usize> = Vec::with_capacity(self.items().min(pool.len()));
        let mut taken = vec![false; pool.len()];
        for id in &self.ids {
            if let Some(i) = pool.iter().position(|s| &s.id == id)
                && !taken[i]
            {
                taken[i] = true;
                chosen.push(i);
            }
        }
        for pick in &self.picks {
            let mut candidates: Vec<usize> = (0..pool.len()).filter(|&i| !taken[i] && pick.matches(&pool[i])).collect();
            // A partial Fisher–Yates: only the first `count` places are drawn.
            let (drawn, _) = candidates.partial_shuffle(&mut rng, pick.count);
            for &i in drawn.iter() {
                taken[i] = true;
                chosen.push(i);
            }
        }
        if self.order == Order::Shuffled {
            chosen.shuffle(&mut rng);
        }
        chosen
    }
}
