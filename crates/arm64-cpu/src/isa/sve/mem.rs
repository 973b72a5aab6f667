//! SVE loads and stores (to come).
