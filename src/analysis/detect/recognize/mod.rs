//! Recognizers: what the detectors find in the text before comparing
//! anything. Each reads the sentences through `Ctx` (or
//! plain text) and knows nothing of discrepancies:
//!
//! - [`quantity`]: numbers, amounts, durations, dates and their hedges;
//! - [`quotes`]: quotations and their speakers;
//! - `referent`: the people and days of a sentence's event, the heads
//!   quantities measure, and framing label slots.

pub mod quantity;
pub mod quotes;
pub(crate) mod referent;
