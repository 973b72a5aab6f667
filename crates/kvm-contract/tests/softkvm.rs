//! Backend B: the KVM contract suite against softkvm, one `#[test]` per case.
//!
//! The same case bodies run on a real arm64 kernel through kvm-ioctls
//! (`scripts/realkvm.sh`); here only the imports differ.
#![cfg(feature = "softkvm")]

mod soft {
    kvm_contract::contract_suite!(
        backend = softkvm,
        bindings = softkvm::bindings,
        rules = kvm_contract::Rules::Later,
        #[test]
    );
}
