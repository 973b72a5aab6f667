//! softkvm (being written).
