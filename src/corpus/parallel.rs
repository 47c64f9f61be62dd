//! Many files read for a round are read and parsed on every core, each thread taking a run of
//! them; the results come back in order, so what loads and what is reported is the same as one by
//! one.

/// How many files read for a round make it worth starting threads.
pub(super) const PARALLEL_FROM: usize = 256;

/// `f` of every item, in order, the items shared out in runs over the machine's cores.
pub(super) fn on_every_core<T: Send, R: Send>(mut items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let run = items.len().div_ceil(threads).max(1);
    let mut runs = Vec::new();
    while items.len() > run {
        let rest = items.split_off(run);
        runs.push(std::mem::replace(&mut items, rest));
    }
    runs.push(items);
    let f = &f;
    // The last run on this thread, which would only wait otherwise: one thread fewer to start
    // (and no fresh allocator arena for it, whose pages are each a fault).
    let last = runs.pop().unwrap_or_default();
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            runs.into_iter().map(|run| scope.spawn(move || run.into_iter().map(f).collect::<Vec<R>>())).collect();
        let mine: Vec<R> = last.into_iter().map(f).collect();
        let mut out: Vec<R> =
            handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect();
        out.extend(mine);
        out
    })
}
