//! The simd decode table against LLVM: every form assembled by llvm-mc 14
//! (`llvm-mc -triple=aarch64 -show-encoding -mattr=+v8.2a,+rdm,+dotprod,+fullfp16,
//! +aes,+sha2,+sha3,+sm4,+i8mm,+bf16,+complxnum,+fp16fml`) must decode to the table
//! line of that name; the words marked "-" (floating point, fixed-point
//! conversions, SM3/SM4, BF16, loads) must not decode to any simd line.

use arm64_cpu::decode::Decoder;

const CASES: &[(u32, &str)] = &[
    (0x0e220420, "SHADD_v"),       // shadd v0.8b, v1.8b, v2.8b
    (0x4ea20c20, "SQADD_v"),       // sqadd v0.4s, v1.4s, v2.4s
    (0x4e221420, "SRHADD_v"),      // srhadd v0.16b, v1.16b, v2.16b
    (0x0e622420, "SHSUB_v"),       // shsub v0.4h, v1.4h, v2.4h
    (0x4ee22c20, "SQSUB_v"),       // sqsub v0.2d, v1.2d, v2.2d
    (0x4ee23420, "CMGT_v"),        // cmgt v0.2d, v1.2d, v2.2d
    (0x4e623c20, "CMGE_v"),        // cmge v0.8h, v1.8h, v2.8h
    (0x0ea24420, "SSHL_v"),        // sshl v0.2s, v1.2s, v2.2s
    (0x4e224c20, "SQSHL_v"),       // sqshl v0.16b, v1.16b, v2.16b
    (0x0e225420, "SRSHL_v"),       // srshl v0.8b, v1.8b, v2.8b
    (0x4ea25c20, "SQRSHL_v"),      // sqrshl v0.4s, v1.4s, v2.4s
    (0x4ea26420, "SMAX_v"),        // smax v0.4s, v1.4s, v2.4s
    (0x0e226c20, "SMIN_v"),        // smin v0.8b, v1.8b, v2.8b
    (0x4e627420, "SABD_v"),        // sabd v0.8h, v1.8h, v2.8h
    (0x0ea27c20, "SABA_v"),        // saba v0.2s, v1.2s, v2.2s
    (0x4ee28420, "ADD_v"),         // add v0.2d, v1.2d, v2.2d
    (0x0e228c20, "CMTST_v"),       // cmtst v0.8b, v1.8b, v2.8b
    (0x4ea29420, "MLA_v"),         // mla v0.4s, v1.4s, v2.4s
    (0x4e629c20, "MUL_v"),         // mul v0.8h, v1.8h, v2.8h
    (0x0e22a420, "SMAXP_v"),       // smaxp v0.8b, v1.8b, v2.8b
    (0x4ea2ac20, "SMINP_v"),       // sminp v0.4s, v1.4s, v2.4s
    (0x0e62b420, "SQDMULH_v"),     // sqdmulh v0.4h, v1.4h, v2.4h
    (0x4ee2bc20, "ADDP_v"),        // addp v0.2d, v1.2d, v2.2d
    (0x2e220420, "UHADD_v"),       // uhadd v0.8b, v1.8b, v2.8b
    (0x6ee20c20, "UQADD_v"),       // uqadd v0.2d, v1.2d, v2.2d
    (0x6ea21420, "URHADD_v"),      // urhadd v0.4s, v1.4s, v2.4s
    (0x6e622420, "UHSUB_v"),       // uhsub v0.8h, v1.8h, v2.8h
    (0x6e222c20, "UQSUB_v"),       // uqsub v0.16b, v1.16b, v2.16b
    (0x6ea23420, "CMHI_v"),        // cmhi v0.4s, v1.4s, v2.4s
    (0x6ee23c20, "CMHS_v"),        // cmhs v0.2d, v1.2d, v2.2d
    (0x6ee24420, "USHL_v"),        // ushl v0.2d, v1.2d, v2.2d
    (0x6e624c20, "UQSHL_v"),       // uqshl v0.8h, v1.8h, v2.8h
    (0x6ea25420, "URSHL_v"),       // urshl v0.4s, v1.4s, v2.4s
    (0x2e225c20, "UQRSHL_v"),      // uqrshl v0.8b, v1.8b, v2.8b
    (0x6e226420, "UMAX_v"),        // umax v0.16b, v1.16b, v2.16b
    (0x2e626c20, "UMIN_v"),        // umin v0.4h, v1.4h, v2.4h
    (0x6ea27420, "UABD_v"),        // uabd v0.4s, v1.4s, v2.4s
    (0x2e227c20, "UABA_v"),        // uaba v0.8b, v1.8b, v2.8b
    (0x6ea28420, "SUB_v"),         // sub v0.4s, v1.4s, v2.4s
    (0x6e228c20, "CMEQ_v"),        // cmeq v0.16b, v1.16b, v2.16b
    (0x6e629420, "MLS_v"),         // mls v0.8h, v1.8h, v2.8h
    (0x6e229c20, "PMUL_v"),        // pmul v0.16b, v1.16b, v2.16b
    (0x6e62a420, "UMAXP_v"),       // umaxp v0.8h, v1.8h, v2.8h
    (0x2ea2ac20, "UMINP_v"),       // uminp v0.2s, v1.2s, v2.2s
    (0x6ea2b420, "SQRDMULH_v"),    // sqrdmulh v0.4s, v1.4s, v2.4s
    (0x5e220c20, "SQADD_s"),       // sqadd b0, b1, b2
    (0x5e622c20, "SQSUB_s"),       // sqsub h0, h1, h2
    (0x5ee23420, "CMGT_s"),        // cmgt d0, d1, d2
    (0x5ee23c20, "CMGE_s"),        // cmge d0, d1, d2
    (0x5ee24420, "SSHL_s"),        // sshl d0, d1, d2
    (0x5ea24c20, "SQSHL_s"),       // sqshl s0, s1, s2
    (0x5ee25420, "SRSHL_s"),       // srshl d0, d1, d2
    (0x5e625c20, "SQRSHL_s"),      // sqrshl h0, h1, h2
    (0x5ee28420, "ADD_s"),         // add d0, d1, d2
    (0x5ee28c20, "CMTST_s"),       // cmtst d0, d1, d2
    (0x5ea2b420, "SQDMULH_s"),     // sqdmulh s0, s1, s2
    (0x7ee20c20, "UQADD_s"),       // uqadd d0, d1, d2
    (0x7e222c20, "UQSUB_s"),       // uqsub b0, b1, b2
    (0x7ee23420, "CMHI_s"),        // cmhi d0, d1, d2
    (0x7ee23c20, "CMHS_s"),        // cmhs d0, d1, d2
    (0x7ee24420, "USHL_s"),        // ushl d0, d1, d2
    (0x7e224c20, "UQSHL_s"),       // uqshl b0, b1, b2
    (0x7ee25420, "URSHL_s"),       // urshl d0, d1, d2
    (0x7ea25c20, "UQRSHL_s"),      // uqrshl s0, s1, s2
    (0x7ee28420, "SUB_s"),         // sub d0, d1, d2
    (0x7ee28c20, "CMEQ_s"),        // cmeq d0, d1, d2
    (0x7e62b420, "SQRDMULH_s"),    // sqrdmulh h0, h1, h2
    (0x4e221c20, "AND_v"),         // and v0.16b, v1.16b, v2.16b
    (0x0e621c20, "BIC_v"),         // bic v0.8b, v1.8b, v2.8b
    (0x4ea21c20, "ORR_v"),         // orr v0.16b, v1.16b, v2.16b
    (0x0ee21c20, "ORN_v"),         // orn v0.8b, v1.8b, v2.8b
    (0x6e221c20, "EOR_v"),         // eor v0.16b, v1.16b, v2.16b
    (0x6e621c20, "BSL_v"),         // bsl v0.16b, v1.16b, v2.16b
    (0x2ea21c20, "BIT_v"),         // bit v0.8b, v1.8b, v2.8b
    (0x6ee21c20, "BIF_v"),         // bif v0.16b, v1.16b, v2.16b
    (0x6e828420, "SQRDMLAH_v"),    // sqrdmlah v0.4s, v1.4s, v2.4s
    (0x2e428c20, "SQRDMLSH_v"),    // sqrdmlsh v0.4h, v1.4h, v2.4h
    (0x7e828420, "SQRDMLAH_s"),    // sqrdmlah s0, s1, s2
    (0x7e428c20, "SQRDMLSH_s"),    // sqrdmlsh h0, h1, h2
    (0x4e829420, "SDOT_v"),        // sdot v0.4s, v1.16b, v2.16b
    (0x2e829420, "UDOT_v"),        // udot v0.2s, v1.8b, v2.8b
    (0x0e220020, "SADDL_v"),       // saddl v0.8h, v1.8b, v2.8b
    (0x4e621020, "SADDW_v"),       // saddw2 v0.4s, v1.4s, v2.8h
    (0x0ea22020, "SSUBL_v"),       // ssubl v0.2d, v1.2s, v2.2s
    (0x0e223020, "SSUBW_v"),       // ssubw v0.8h, v1.8h, v2.8b
    (0x4e224020, "ADDHN_v"),       // addhn2 v0.16b, v1.8h, v2.8h
    (0x0e625020, "SABAL_v"),       // sabal v0.4s, v1.4h, v2.4h
    (0x0ea26020, "SUBHN_v"),       // subhn v0.2s, v1.2d, v2.2d
    (0x4e227020, "SABDL_v"),       // sabdl2 v0.8h, v1.16b, v2.16b
    (0x0ea28020, "SMLAL_v"),       // smlal v0.2d, v1.2s, v2.2s
    (0x0e629020, "SQDMLAL_v"),     // sqdmlal v0.4s, v1.4h, v2.4h
    (0x4e62a020, "SMLSL_v"),       // smlsl2 v0.4s, v1.8h, v2.8h
    (0x4ea2b020, "SQDMLSL_v"),     // sqdmlsl2 v0.2d, v1.4s, v2.4s
    (0x0e22c020, "SMULL_v"),       // smull v0.8h, v1.8b, v2.8b
    (0x0ea2d020, "SQDMULL_v"),     // sqdmull v0.2d, v1.2s, v2.2s
    (0x0e22e020, "PMULL_v"),       // pmull v0.8h, v1.8b, v2.8b
    (0x4ee2e020, "PMULL_v"),       // pmull2 v0.1q, v1.2d, v2.2d
    (0x6ea20020, "UADDL_v"),       // uaddl2 v0.2d, v1.4s, v2.4s
    (0x2e221020, "UADDW_v"),       // uaddw v0.8h, v1.8h, v2.8b
    (0x2e622020, "USUBL_v"),       // usubl v0.4s, v1.4h, v2.4h
    (0x6ea23020, "USUBW_v"),       // usubw2 v0.2d, v1.2d, v2.4s
    (0x2e224020, "RADDHN_v"),      // raddhn v0.8b, v1.8h, v2.8h
    (0x6e225020, "UABAL_v"),       // uabal2 v0.8h, v1.16b, v2.16b
    (0x6e626020, "RSUBHN_v"),      // rsubhn2 v0.8h, v1.4s, v2.4s
    (0x2ea27020, "UABDL_v"),       // uabdl v0.2d, v1.2s, v2.2s
    (0x2e628020, "UMLAL_v"),       // umlal v0.4s, v1.4h, v2.4h
    (0x2e22a020, "UMLSL_v"),       // umlsl v0.8h, v1.8b, v2.8b
    (0x6ea2c020, "UMULL_v"),       // umull2 v0.2d, v1.4s, v2.4s
    (0x5e629020, "SQDMLAL_s"),     // sqdmlal s0, h1, h2
    (0x5ea2b020, "SQDMLSL_s"),     // sqdmlsl d0, s1, s2
    (0x5e62d020, "SQDMULL_s"),     // sqdmull s0, h1, h2
    (0x4ea00820, "REV64_v"),       // rev64 v0.4s, v1.4s
    (0x4e201820, "REV16_v"),       // rev16 v0.16b, v1.16b
    (0x0e202820, "SADDLP_v"),      // saddlp v0.4h, v1.8b
    (0x4ee03820, "SUQADD_v"),      // suqadd v0.2d, v1.2d
    (0x4e604820, "CLS_v"),         // cls v0.8h, v1.8h
    (0x0e205820, "CNT_v"),         // cnt v0.8b, v1.8b
    (0x4ea06820, "SADALP_v"),      // sadalp v0.2d, v1.4s
    (0x4e207820, "SQABS_v"),       // sqabs v0.16b, v1.16b
    (0x4ea08820, "CMGT_z_v"),      // cmgt v0.4s, v1.4s, #0
    (0x0e209820, "CMEQ_z_v"),      // cmeq v0.8b, v1.8b, #0
    (0x4ee0a820, "CMLT_z_v"),      // cmlt v0.2d, v1.2d, #0
    (0x4e60b820, "ABS_v"),         // abs v0.8h, v1.8h
    (0x4e212820, "XTN_v"),         // xtn2 v0.16b, v1.8h
    (0x0ea14820, "SQXTN_v"),       // sqxtn v0.2s, v1.2d
    (0x6e600820, "REV32_v"),       // rev32 v0.8h, v1.8h
    (0x6ea02820, "UADDLP_v"),      // uaddlp v0.2d, v1.4s
    (0x2e203820, "USQADD_v"),      // usqadd v0.8b, v1.8b
    (0x6ea04820, "CLZ_v"),         // clz v0.4s, v1.4s
    (0x6e206820, "UADALP_v"),      // uadalp v0.8h, v1.16b
    (0x2e607820, "SQNEG_v"),       // sqneg v0.4h, v1.4h
    (0x6e208820, "CMGE_z_v"),      // cmge v0.16b, v1.16b, #0
    (0x2ea09820, "CMLE_z_v"),      // cmle v0.2s, v1.2s, #0
    (0x6ee0b820, "NEG_v"),         // neg v0.2d, v1.2d
    (0x6e612820, "SQXTUN_v"),      // sqxtun2 v0.8h, v1.4s
    (0x6e613820, "SHLL_v"),        // shll2 v0.4s, v1.8h, #16
    (0x2e214820, "UQXTN_v"),       // uqxtn v0.8b, v1.8h
    (0x6e205820, "NOT_v"),         // mvn v0.16b, v1.16b
    (0x2e605820, "RBIT_v"),        // rbit v0.8b, v1.8b
    (0x5e203820, "SUQADD_s"),      // suqadd b0, b1
    (0x5ee07820, "SQABS_s"),       // sqabs d0, d1
    (0x5ee08820, "CMGT_z_s"),      // cmgt d0, d1, #0
    (0x5ee09820, "CMEQ_z_s"),      // cmeq d0, d1, #0
    (0x5ee0a820, "CMLT_z_s"),      // cmlt d0, d1, #0
    (0x5ee0b820, "ABS_s"),         // abs d0, d1
    (0x5e214820, "SQXTN_s"),       // sqxtn b0, h1
    (0x7ea03820, "USQADD_s"),      // usqadd s0, s1
    (0x7e607820, "SQNEG_s"),       // sqneg h0, h1
    (0x7ee08820, "CMGE_z_s"),      // cmge d0, d1, #0
    (0x7ee09820, "CMLE_z_s"),      // cmle d0, d1, #0
    (0x7ee0b820, "NEG_s"),         // neg d0, d1
    (0x7e612820, "SQXTUN_s"),      // sqxtun h0, s1
    (0x7ea14820, "UQXTN_s"),       // uqxtn s0, d1
    (0x4e303820, "SADDLV"),        // saddlv h0, v1.16b
    (0x4eb0a820, "SMAXV"),         // smaxv s0, v1.4s
    (0x0e31a820, "SMINV"),         // sminv b0, v1.8b
    (0x4e71b820, "ADDV"),          // addv h0, v1.8h
    (0x6eb03820, "UADDLV"),        // uaddlv d0, v1.4s
    (0x2e70a820, "UMAXV"),         // umaxv h0, v1.4h
    (0x6e31a820, "UMINV"),         // uminv b0, v1.16b
    (0x5ef1b820, "ADDP_s"),        // addp d0, v1.2d
    (0x4e1c0420, "DUP_elt_v"),     // dup v0.4s, v1.s[3]
    (0x4e020c20, "DUP_gen"),       // dup v0.8h, w1
    (0x4e181c20, "INS_gen"),       // mov v0.d[1], x1
    (0x4e142c20, "SMOV"),          // smov x0, v1.s[2]
    (0x0e163c20, "UMOV"),          // umov w0, v1.h[5]
    (0x4e183c20, "UMOV"),          // mov x0, v1.d[1]
    (0x6e1f1c20, "INS_elt"),       // mov v0.b[15], v1.b[3]
    (0x5e1e0420, "DUP_elt_s"),     // mov h0, v1.h[7]
    (0x4f006640, "MOVI_32"),       // movi v0.4s, #0x12, lsl #24
    (0x2f002640, "MVNI_32"),       // mvni v0.2s, #0x12, lsl #8
    (0x4f005640, "ORR_32"),        // orr v0.4s, #0x12, lsl #16
    (0x2f011680, "BIC_32"),        // bic v0.2s, #0x34
    (0x4f00a640, "MOVI_16"),       // movi v0.8h, #0x12, lsl #8
    (0x2f008640, "MVNI_16"),       // mvni v0.4h, #0x12
    (0x4f009640, "ORR_16"),        // orr v0.8h, #0x12
    (0x2f00b640, "BIC_16"),        // bic v0.4h, #0x12, lsl #8
    (0x4f00d640, "MOVI_msl"),      // movi v0.4s, #0x12, msl #16
    (0x2f00c640, "MVNI_msl"),      // mvni v0.2s, #0x12, msl #8
    (0x4f05e4a0, "MOVI_8"),        // movi v0.16b, #0xa5
    (0x2f05e540, "MOVI_64"),       // movi d0, #0xff00ff00ff00ff00
    (0x6f05e560, "MOVI_64"),       // movi v0.2d, #0xff00ff00ff00ffff
    (0x4f03f700, "FMOV_vs"),       // fmov v0.4s, #1.5
    (0x4f04fc00, "FMOV_vh"),       // fmov v0.8h, #-2.0
    (0x6f02f400, "FMOV_vd"),       // fmov v0.2d, #0.125
    (0x0f0d0420, "SSHR_v_b"),      // sshr v0.8b, v1.8b, #3
    (0x4f400420, "SSHR_v_d"),      // sshr v0.2d, v1.2d, #64
    (0x4f101420, "SSRA_v_h"),      // ssra v0.8h, v1.8h, #16
    (0x4f3f2420, "SRSHR_v_s"),     // srshr v0.4s, v1.4s, #1
    (0x4f5f3420, "SRSRA_v_d"),     // srsra v0.2d, v1.2d, #33
    (0x4f0f5420, "SHL_v_b"),       // shl v0.16b, v1.16b, #7
    (0x0f1f7420, "SQSHL_imm_v_h"), // sqshl v0.4h, v1.4h, #15
    (0x4f088420, "SHRN_v_b"),      // shrn2 v0.16b, v1.8h, #8
    (0x0f208c20, "RSHRN_v_s"),     // rshrn v0.2s, v1.2d, #32
    (0x0f1f9420, "SQSHRN_v_h"),    // sqshrn v0.4h, v1.4s, #1
    (0x0f0d9c20, "SQRSHRN_v_b"),   // sqrshrn v0.8b, v1.8h, #3
    (0x4f3fa420, "SSHLL_v_s"),     // sshll2 v0.2d, v1.4s, #31
    (0x2f100420, "USHR_v_h"),      // ushr v0.4h, v1.4h, #16
    (0x6f081420, "USRA_v_b"),      // usra v0.16b, v1.16b, #8
    (0x6f7f2420, "URSHR_v_d"),     // urshr v0.2d, v1.2d, #1
    (0x2f2f3420, "URSRA_v_s"),     // ursra v0.2s, v1.2s, #17
    (0x2f084420, "SRI_v_b"),       // sri v0.8b, v1.8b, #8
    (0x6f7f5420, "SLI_v_d"),       // sli v0.2d, v1.2d, #63
    (0x6f206420, "SQSHLU_v_s"),    // sqshlu v0.4s, v1.4s, #0
    (0x2f0d7420, "UQSHL_imm_v_b"), // uqshl v0.8b, v1.8b, #5
    (0x6f108420, "SQSHRUN_v_h"),   // sqshrun2 v0.8h, v1.4s, #16
    (0x2f3b8c20, "SQRSHRUN_v_s"),  // sqrshrun v0.2s, v1.2d, #5
    (0x2f0e9420, "UQSHRN_v_b"),    // uqshrn v0.8b, v1.8h, #2
    (0x6f179c20, "UQRSHRN_v_h"),   // uqrshrn2 v0.8h, v1.4s, #9
    (0x2f08a420, "USHLL_v_b"),     // uxtl v0.8h, v1.8b
    (0x5f400420, "SSHR_s_d"),      // sshr d0, d1, #64
    (0x7f7f1420, "USRA_s_d"),      // usra d0, d1, #1
    (0x7f7d4420, "SRI_s_d"),       // sri d0, d1, #3
    (0x5f7f5420, "SHL_s_d"),       // shl d0, d1, #63
    (0x5f0f7420, "SQSHL_imm_s_b"), // sqshl b0, b1, #7
    (0x7f3f7420, "UQSHL_imm_s_s"), // uqshl s0, s1, #31
    (0x7f136420, "SQSHLU_s_h"),    // sqshlu h0, h1, #3
    (0x5f209420, "SQSHRN_s_s"),    // sqshrn s0, d1, #32
    (0x7f0f9c20, "UQRSHRN_s_b"),   // uqrshrn b0, h1, #1
    (0x7f1c8c20, "SQRSHRUN_s_h"),  // sqrshrun h0, s1, #4
    (0x6fa20820, "MLA_x"),         // mla v0.4s, v1.4s, v2.s[3]
    (0x6f7f4820, "MLS_x"),         // mls v0.8h, v1.8h, v15.h[7]
    (0x0fbf8020, "MUL_x"),         // mul v0.2s, v1.2s, v31.s[1]
    (0x0f62c020, "SQDMULH_x"),     // sqdmulh v0.4h, v1.4h, v2.h[2]
    (0x4f82d020, "SQRDMULH_x"),    // sqrdmulh v0.4s, v1.4s, v2.s[0]
    (0x6f52d820, "SQRDMLAH_x"),    // sqrdmlah v0.8h, v1.8h, v2.h[5]
    (0x2f82f820, "SQRDMLSH_x"),    // sqrdmlsh v0.2s, v1.2s, v2.s[2]
    (0x4f522020, "SMLAL_x"),       // smlal2 v0.4s, v1.8h, v2.h[1]
    (0x0fa23820, "SQDMLAL_x"),     // sqdmlal v0.2d, v1.2s, v2.s[3]
    (0x0fb46020, "SMLSL_x"),       // smlsl v0.2d, v1.2s, v20.s[1]
    (0x4f627820, "SQDMLSL_x"),     // sqdmlsl2 v0.4s, v1.8h, v2.h[6]
    (0x0f42a820, "SMULL_x"),       // smull v0.4s, v1.4h, v2.h[4]
    (0x4fa2b020, "SQDMULL_x"),     // sqdmull2 v0.2d, v1.4s, v2.s[1]
    (0x2f822820, "UMLAL_x"),       // umlal v0.2d, v1.2s, v2.s[2]
    (0x6f726020, "UMLSL_x"),       // umlsl2 v0.4s, v1.8h, v2.h[3]
    (0x2f82a020, "UMULL_x"),       // umull v0.2d, v1.2s, v2.s[0]
    (0x4fa2e820, "SDOT_x"),        // sdot v0.4s, v1.16b, v2.4b[3]
    (0x2fa2e020, "UDOT_x"),        // udot v0.2s, v1.8b, v2.4b[1]
    (0x5f72c820, "SQDMULH_xs"),    // sqdmulh h0, h1, v2.h[7]
    (0x5fa2d820, "SQRDMULH_xs"),   // sqrdmulh s0, s1, v2.s[3]
    (0x7f52d020, "SQRDMLAH_xs"),   // sqrdmlah h0, h1, v2.h[1]
    (0x7f82f820, "SQRDMLSH_xs"),   // sqrdmlsh s0, s1, v2.s[2]
    (0x5fa23020, "SQDMLAL_xs"),    // sqdmlal d0, s1, v2.s[1]
    (0x5f627020, "SQDMLSL_xs"),    // sqdmlsl s0, h1, v2.h[2]
    (0x5fa2b820, "SQDMULL_xs"),    // sqdmull d0, s1, v2.s[3]
    (0x4e0243c0, "TBL"),           // tbl v0.16b, {v30.16b, v31.16b, v0.16b}, v2.16b
    (0x0e021020, "TBX"),           // tbx v0.8b, {v1.16b}, v2.8b
    (0x4e821820, "UZP1"),          // uzp1 v0.4s, v1.4s, v2.4s
    (0x0e022820, "TRN1"),          // trn1 v0.8b, v1.8b, v2.8b
    (0x4ec23820, "ZIP1"),          // zip1 v0.2d, v1.2d, v2.2d
    (0x4e425820, "UZP2"),          // uzp2 v0.8h, v1.8h, v2.8h
    (0x0e826820, "TRN2"),          // trn2 v0.2s, v1.2s, v2.2s
    (0x4e027820, "ZIP2"),          // zip2 v0.16b, v1.16b, v2.16b
    (0x6e027820, "EXT"),           // ext v0.16b, v1.16b, v2.16b, #15
    (0x4e22d420, "-"),             // fadd v0.4s, v1.4s, v2.4s
    (0x4f3de420, "-"),             // scvtf v0.4s, v1.4s, #3
    (0x6f40e420, "-"),             // ucvtf v0.2d, v1.2d, #64
    (0x4f3ffc20, "-"),             // fcvtzs v0.4s, v1.4s, #1
    (0x2f3ffc20, "-"),             // fcvtzu v0.2s, v1.2s, #1
    (0x6e30f820, "-"),             // fmaxv s0, v1.4s
    (0x7e70d820, "-"),             // faddp d0, v1.2d
    (0x4fa21020, "-"),             // fmla v0.4s, v1.4s, v2.s[1]
    (0x4ea0c820, "-"),             // fcmgt v0.4s, v1.4s, #0.0
    (0x4ea1c820, "-"),             // urecpe v0.4s, v1.4s
    (0x4ee0f820, "-"),             // fabs v0.2d, v1.2d
    (0x4c407000, "-"),             // ld1 {v0.16b}, [x0]
    (0x1e2e1000, "-"),             // fmov s0, #1.0
    (0x5f3de420, "-"),             // scvtf s0, s1, #3
    (0x5f129020, "-"),             // fmul h0, h1, v2.h[1]
    (0x0e216820, "-"),             // fcvtn v0.4h, v1.4s
    (0x4e21d820, "-"),             // scvtf v0.4s, v1.4s
    (0x6f823820, "-"),             // fcmla v0.4s, v1.4s, v2.s[1], #90
    (0x6e42fc20, "-"),             // bfdot v0.4s, v1.8h, v2.8h
    (0x5f401420, "SSRA_s_d"),      // ssra d0, d1, #64
    (0x5f7f2420, "SRSHR_s_d"),     // srshr d0, d1, #1
    (0x5f793420, "SRSRA_s_d"),     // srsra d0, d1, #7
    (0x5f109c20, "SQRSHRN_s_h"),   // sqrshrn h0, s1, #16
    (0x7f400420, "USHR_s_d"),      // ushr d0, d1, #64
    (0x7f742420, "URSHR_s_d"),     // urshr d0, d1, #12
    (0x7f413420, "URSRA_s_d"),     // ursra d0, d1, #63
    (0x7f405420, "SLI_s_d"),       // sli d0, d1, #0
    (0x7f088420, "SQSHRUN_s_b"),   // sqshrun b0, h1, #8
    (0x7f3f9420, "UQSHRN_s_s"),    // uqshrn s0, d1, #1
    (0x4e284820, "AESE"),          // aese v0.16b, v1.16b
    (0x4e285820, "AESD"),          // aesd v0.16b, v1.16b
    (0x4e286820, "AESMC"),         // aesmc v0.16b, v1.16b
    (0x4e287820, "AESIMC"),        // aesimc v0.16b, v1.16b
    (0x5e020020, "SHA1C"),         // sha1c q0, s1, v2.4s
    (0x5e021020, "SHA1P"),         // sha1p q0, s1, v2.4s
    (0x5e022020, "SHA1M"),         // sha1m q0, s1, v2.4s
    (0x5e023020, "SHA1SU0"),       // sha1su0 v0.4s, v1.4s, v2.4s
    (0x5e024020, "SHA256H"),       // sha256h q0, q1, v2.4s
    (0x5e025020, "SHA256H2"),      // sha256h2 q0, q1, v2.4s
    (0x5e026020, "SHA256SU1"),     // sha256su1 v0.4s, v1.4s, v2.4s
    (0x5e280820, "SHA1H"),         // sha1h s0, s1
    (0x5e281820, "SHA1SU1"),       // sha1su1 v0.4s, v1.4s
    (0x5e282820, "SHA256SU0"),     // sha256su0 v0.4s, v1.4s
    (0xce628020, "SHA512H"),       // sha512h q0, q1, v2.2d
    (0xce628420, "SHA512H2"),      // sha512h2 q0, q1, v2.2d
    (0xce628820, "SHA512SU1"),     // sha512su1 v0.2d, v1.2d, v2.2d
    (0xce628c20, "RAX1"),          // rax1 v0.2d, v1.2d, v2.2d
    (0xcec08020, "SHA512SU0"),     // sha512su0 v0.2d, v1.2d
    (0xce020c20, "EOR3"),          // eor3 v0.16b, v1.16b, v2.16b, v3.16b
    (0xce220c20, "BCAX"),          // bcax v0.16b, v1.16b, v2.16b, v3.16b
    (0xce82fc20, "XAR"),           // xar v0.2d, v1.2d, v2.2d, #63
    (0x4e82a420, "SMMLA"),         // smmla v0.4s, v1.16b, v2.16b
    (0x6e82a420, "UMMLA"),         // ummla v0.4s, v1.16b, v2.16b
    (0x4e82ac20, "USMMLA"),        // usmmla v0.4s, v1.16b, v2.16b
    (0x0e829c20, "USDOT_v"),       // usdot v0.2s, v1.8b, v2.8b
    (0x4f22f820, "SUDOT_x"),       // sudot v0.4s, v1.16b, v2.4b[3]
    (0x0fb4f020, "USDOT_x"),       // usdot v0.2s, v1.8b, v20.4b[1]
    (0xce420c20, "-"),             // sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s
    (0xcec08420, "-"),             // sm4e v0.4s, v1.4s
    (0x0f62f020, "-"),             // bfdot v0.2s, v1.4h, v2.2h[1]
    (0x6e42ec20, "-"),             // bfmmla v0.4s, v1.8h, v2.8h
    (0x0fb20020, "-"),             // fmlal v0.2s, v1.2h, v2.h[3]
];

#[test]
fn llvm_words_decode_to_the_right_line() {
    let d = Decoder::global();
    let simd: Vec<&str> = arm64_cpu::isa::simd::ENCODINGS
        .iter()
        .map(|e| e.name)
        .collect();
    let mut bad = Vec::new();
    for &(w, name) in CASES {
        let got = d.decode(w).map(|i| d.encs[i.idx as usize].enc.name);
        let ok = if name == "-" {
            !got.is_some_and(|g| simd.contains(&g))
        } else {
            got == Some(name)
        };
        if !ok {
            bad.push(format!("{w:08x}: expected {name}, decoded {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_simd_line_is_checked_here() {
    for e in arm64_cpu::isa::simd::ENCODINGS {
        let n = e.name;
        // Shift-by-immediate lines exist per element size: one size per
        // instruction is checked here, the rest by the QEMU test.
        let sized = n.len() > 2
            && (n.ends_with("_b") || n.ends_with("_h") || n.ends_with("_s") || n.ends_with("_d"))
            && (n.contains("_v_") || n.contains("_s_"));
        let base = if sized { &n[..n.len() - 1] } else { n };
        let covered = CASES
            .iter()
            .any(|&(_, c)| c == n || (sized && c.starts_with(base)));
        assert!(covered, "no LLVM word for {n}");
    }
}
