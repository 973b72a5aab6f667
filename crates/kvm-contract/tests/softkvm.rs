//! Backend B: the KVM contract suite against softkvm, one `#[test]` per case.
//!
//! The same case bodies run on a real arm64 kernel through kvm-ioctls
//! (`scripts/realkvm.sh`); here only the imports differ.

mod soft {
    kvm_contract::contract_suite!(
        backend = softkvm,
        bindings = softkvm::bindings,
        rules = kvm_contract::Rules::Later,
        // Each entry is a place where softkvm answers differently from the real
        // kernel (softkvm is the one to change; docs/realkvm.md, "Findings"). The
        // test passes while the case fails and fails once it passes.
        known_deviations = [],
        #[test]
    );
}
