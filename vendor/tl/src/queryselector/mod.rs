/// Query selector iterator
pub mod iter;
/// Query selector iterable
pub mod iterable;
/// Query selector parser
pub mod parser;
/// Query selector
pub mod selector;

pub use iter::*;
pub use parser::*;
pub use selector::*;
