//! The supervisor's report of an audit (placeholder until written).
