;; The one WebAssembly kernel of kernels.ts: a sparse-times-dense product with 128-bit SIMD
;; (f64x2), compiled into kernels.wasm by `npm install` (scripts/build-kernels.ts).
;;
;; For each list i < count: C[i][j] (+)= Σ_t value[t]·B[index[t]][j] over list i, for every
;; column j of the row-major B (m columns); list i is t in start[i]..start[i+1]. It is the
;; same sum, in the same order, as sparseTimesDense in kernels.ts, so both give identical bits:
;; each f64x2 lane is one column's own running sum, multiplied then added (no fused
;; multiply-add). Eight columns at a time in four f64x2 registers, then one at a time.
;;
;; Every pointer is a byte offset into the module's memory, which kernels.ts lays out. The
;; memory has a fixed size and never grows: growing would detach the ArrayBuffer JavaScript
;; views, and one detached buffer makes V8 check every typed-array access in the process.
(module
  (memory (export "memory") 400 400)
  (func (export "sparseTimesDense")
    (param $start i32) (param $index i32) (param $value i32) (param $count i32)
    (param $B i32) (param $m i32) (param $C i32) (param $accumulate i32)
    (local $i i32) (local $t i32) (local $first i32) (local $end i32) (local $j i32)
    (local $row i32) (local $at i32)
    (local $v v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $x f64)
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $first (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $row (i32.add (local.get $C) (i32.shl (i32.mul (local.get $i) (local.get $m)) (i32.const 3))))
        (local.set $j (i32.const 0))
        ;; Eight columns at a time: B[index[t]][j..j+8] is four f64x2 loads.
        (block $eights_done
          (loop $eights
            (br_if $eights_done (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $m)))
            (local.set $s0 (v128.const f64x2 0 0))
            (local.set $s1 (v128.const f64x2 0 0))
            (local.set $s2 (v128.const f64x2 0 0))
            (local.set $s3 (v128.const f64x2 0 0))
            (local.set $t (local.get $first))
            (block $terms_done
              (loop $terms
                (br_if $terms_done (i32.ge_u (local.get $t) (local.get $end)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $value) (i32.shl (local.get $t) (i32.const 3))))))
                (local.set $at
                  (i32.add (local.get $B)
                    (i32.shl
                      (i32.add
                        (i32.mul (i32.load (i32.add (local.get $index) (i32.shl (local.get $t) (i32.const 2)))) (local.get $m))
                        (local.get $j))
                      (i32.const 3))))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $v) (v128.load offset=0 (local.get $at)))))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $v) (v128.load offset=16 (local.get $at)))))
                (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $v) (v128.load offset=32 (local.get $at)))))
                (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $v) (v128.load offset=48 (local.get $at)))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $terms)))
            (local.set $at (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3))))
            (if (local.get $accumulate)
              (then
                (local.set $s0 (f64x2.add (v128.load offset=0 (local.get $at)) (local.get $s0)))
                (local.set $s1 (f64x2.add (v128.load offset=16 (local.get $at)) (local.get $s1)))
                (local.set $s2 (f64x2.add (v128.load offset=32 (local.get $at)) (local.get $s2)))
                (local.set $s3 (f64x2.add (v128.load offset=48 (local.get $at)) (local.get $s3)))))
            (v128.store offset=0 (local.get $at) (local.get $s0))
            (v128.store offset=16 (local.get $at) (local.get $s1))
            (v128.store offset=32 (local.get $at) (local.get $s2))
            (v128.store offset=48 (local.get $at) (local.get $s3))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $eights)))
        ;; The last m mod 8 columns, one at a time.
        (block $ones_done
          (loop $ones
            (br_if $ones_done (i32.ge_u (local.get $j) (local.get $m)))
            (local.set $x (f64.const 0))
            (local.set $t (local.get $first))
            (block $terms1_done
              (loop $terms1
                (br_if $terms1_done (i32.ge_u (local.get $t) (local.get $end)))
                (local.set $x
                  (f64.add (local.get $x)
                    (f64.mul
                      (f64.load (i32.add (local.get $value) (i32.shl (local.get $t) (i32.const 3))))
                      (f64.load
                        (i32.add (local.get $B)
                          (i32.shl
                            (i32.add
                              (i32.mul (i32.load (i32.add (local.get $index) (i32.shl (local.get $t) (i32.const 2)))) (local.get $m))
                              (local.get $j))
                            (i32.const 3)))))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $terms1)))
            (local.set $at (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3))))
            (if (local.get $accumulate) (then (local.set $x (f64.add (f64.load (local.get $at)) (local.get $x)))))
            (f64.store (local.get $at) (local.get $x))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $ones)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))))
