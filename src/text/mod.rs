//! The one text layer under ingest, alignment, the detectors and the
//! reader: the tokenizer ([`tokens`]), every word list ([`lexicon`]) and the
//! word diff ([`diff`]). Nothing above this layer cuts text into words,
//! spells out a word list or diffs two texts by itself.

pub mod diff;
pub mod lexicon;
pub mod tokens;

pub use tokens::{
    Stems, Tok, TokKind, Token, TokenKind, is_name_word, is_stop, is_stop_word, lowercase,
    number_value, segment, segment_span, stem, tokenize, tokenize_memo,
};
