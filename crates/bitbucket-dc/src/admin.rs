//! placeholder
pub(crate) const ENDPOINTS: &[crate::ledger::Endpoint] = &[];
