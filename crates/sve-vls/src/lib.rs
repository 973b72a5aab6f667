//! sve-vls (being written).
