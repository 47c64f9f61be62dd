//! The scenario format: vocabularies, the validated model, the checker and the problems it
//! reports. Knows nothing about terminals.

pub mod baked;
pub mod dates;
pub mod embedded;
pub mod fairness;
mod fixed_dates;
pub mod kinds;
mod link_lint;
pub mod model;
pub mod phone;
pub mod problem;
mod raw;
mod slots;
mod template;
pub mod validate;
mod variant;
mod variant_check;
pub mod vars;
mod words;

pub use kinds::{Category, FlagKind, SignKind, Verdict};
pub use model::{Asked, Cue, Message, Question, Scenario};
pub use problem::{Location, Problem, ProblemKind};
pub use validate::{Draw, parse_scenario, parse_variant};
pub use variant::VARIANTS_CHECKED;
