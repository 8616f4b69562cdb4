;; Jarosz blur of PDQ (ALGORITHMS.md §1.2) in WebAssembly: native float32 arithmetic in the
;; reference's operation order, so results are bit-identical to the C++ reference and to jarosz.ts.
;; Images are row-major float32 with a row stride padded to a multiple of 4 floats, so the column
;; pass runs 4 columns per SIMD instruction with no tail. All pointers are byte offsets.
(module
  (memory (export "memory") 1)

  ;; One row: the four phases of the reference box1DFloat over `n` samples from $in to $out.
  (func $boxRow (param $in i32) (param $out i32) (param $n i32) (param $w i32)
    (local $half i32) (local $p i32) (local $i i32) (local $count i32)
    (local $ri i32) (local $li i32) (local $oi i32) (local $sum f32)
    (local.set $half (i32.div_s (i32.add (local.get $w) (i32.const 2)) (i32.const 2)))
    (local.set $ri (local.get $in))
    (local.set $li (local.get $in))
    (local.set $oi (local.get $out))
    ;; phase 1: half-1 additions, no output
    (local.set $p (i32.sub (local.get $half) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_s (local.get $i) (local.get $p)))
      (local.set $sum (f32.add (local.get $sum) (f32.load (local.get $ri))))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l1)))
    ;; phase 2: w-half+1 outputs while the window grows
    (local.set $p (i32.add (i32.sub (local.get $w) (local.get $half)) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $d2 (loop $l2
      (br_if $d2 (i32.ge_s (local.get $i) (local.get $p)))
      (local.set $sum (f32.add (local.get $sum) (f32.load (local.get $ri))))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (f32.store (local.get $oi) (f32.div (local.get $sum) (f32.convert_i32_s (local.get $count))))
      (local.set $ri (i32.add (local.get $ri) (i32.const 4)))
      (local.set $oi (i32.add (local.get $oi) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2)))
    ;; phase 3: n-w outputs with the full window (add, then subtract)
    (local.set $p (i32.sub (local.get $n) (local.get $w)))
    (local.set $i (i32.const 0))
    (block $d3 (loop $l3
      (br_if $d3 (i32.ge_s (local.get $i) (local.get $p)))
      (local.set $sum (f32.add (local.get $sum) (f32.load (local.get $ri))))
      (local.set $sum (f32.sub (local.get $sum) (f32.load (local.get $li))))
      (f32.store (local.get $oi) (f32.div (local.get $sum) (f32.convert_i32_s (local.get $count))))
      (local.set $ri (i32.add (local.get $ri) (i32.const 4)))
      (local.set $li (i32.add (local.get $li) (i32.const 4)))
      (local.set $oi (i32.add (local.get $oi) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l3)))
    ;; phase 4: half-1 outputs while the window shrinks
    (local.set $p (i32.sub (local.get $half) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $d4 (loop $l4
      (br_if $d4 (i32.ge_s (local.get $i) (local.get $p)))
      (local.set $sum (f32.sub (local.get $sum) (f32.load (local.get $li))))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (f32.store (local.get $oi) (f32.div (local.get $sum) (f32.convert_i32_s (local.get $count))))
      (local.set $li (i32.add (local.get $li) (i32.const 4)))
      (local.set $oi (i32.add (local.get $oi) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l4))))

  ;; All columns at once: the same four phases down `rows` rows, 4 columns per f32x4, one running
  ;; sum per column in $sums. $rowBytes = padded stride × 4.
  (func $boxCols (param $in i32) (param $out i32) (param $rows i32) (param $rowBytes i32)
                 (param $w i32) (param $sums i32)
    (local $half i32) (local $p i32) (local $i i32) (local $j i32) (local $count i32)
    (local $ri i32) (local $li i32) (local $oi i32) (local $s v128) (local $div v128)
    (local.set $half (i32.div_s (i32.add (local.get $w) (i32.const 2)) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $dz (loop $lz
      (br_if $dz (i32.ge_s (local.get $j) (local.get $rowBytes)))
      (v128.store (i32.add (local.get $sums) (local.get $j)) (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $lz)))
    (local.set $ri (local.get $in))
    (local.set $li (local.get $in))
    (local.set $oi (local.get $out))
    ;; phase 1
    (local.set $p (i32.sub (local.get $half) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_s (local.get $i) (local.get $p)))
      (local.set $j (i32.const 0))
      (block $e1 (loop $m1
        (br_if $e1 (i32.ge_s (local.get $j) (local.get $rowBytes)))
        (v128.store (i32.add (local.get $sums) (local.get $j))
          (f32x4.add (v128.load (i32.add (local.get $sums) (local.get $j)))
                     (v128.load (i32.add (local.get $ri) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $m1)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $ri (i32.add (local.get $ri) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l1)))
    ;; phase 2
    (local.set $p (i32.add (i32.sub (local.get $w) (local.get $half)) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $d2 (loop $l2
      (br_if $d2 (i32.ge_s (local.get $i) (local.get $p)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $div (f32x4.splat (f32.convert_i32_s (local.get $count))))
      (local.set $j (i32.const 0))
      (block $e2 (loop $m2
        (br_if $e2 (i32.ge_s (local.get $j) (local.get $rowBytes)))
        (local.set $s (f32x4.add (v128.load (i32.add (local.get $sums) (local.get $j)))
                                 (v128.load (i32.add (local.get $ri) (local.get $j)))))
        (v128.store (i32.add (local.get $sums) (local.get $j)) (local.get $s))
        (v128.store (i32.add (local.get $oi) (local.get $j)) (f32x4.div (local.get $s) (local.get $div)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $m2)))
      (local.set $ri (i32.add (local.get $ri) (local.get $rowBytes)))
      (local.set $oi (i32.add (local.get $oi) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2)))
    ;; phase 3
    (local.set $p (i32.sub (local.get $rows) (local.get $w)))
    (local.set $div (f32x4.splat (f32.convert_i32_s (local.get $count))))
    (local.set $i (i32.const 0))
    (block $d3 (loop $l3
      (br_if $d3 (i32.ge_s (local.get $i) (local.get $p)))
      (local.set $j (i32.const 0))
      (block $e3 (loop $m3
        (br_if $e3 (i32.ge_s (local.get $j) (local.get $rowBytes)))
        (local.set $s (f32x4.sub
          (f32x4.add (v128.load (i32.add (local.get $sums) (local.get $j)))
                     (v128.load (i32.add (local.get $ri) (local.get $j))))
          (v128.load (i32.add (local.get $li) (local.get $j)))))
        (v128.store (i32.add (local.get $sums) (local.get $j)) (local.get $s))
        (v128.store (i32.add (local.get $oi) (local.get $j)) (f32x4.div (local.get $s) (local.get $div)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $m3)))
      (local.set $ri (i32.add (local.get $ri) (local.get $rowBytes)))
      (local.set $li (i32.add (local.get $li) (local.get $rowBytes)))
      (local.set $oi (i32.add (local.get $oi) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l3)))
    ;; phase 4
    (local.set $p (i32.sub (local.get $half) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $d4 (loop $l4
      (br_if $d4 (i32.ge_s (local.get $i) (local.get $p)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (local.set $div (f32x4.splat (f32.convert_i32_s (local.get $count))))
      (local.set $j (i32.const 0))
      (block $e4 (loop $m4
        (br_if $e4 (i32.ge_s (local.get $j) (local.get $rowBytes)))
        (local.set $s (f32x4.sub (v128.load (i32.add (local.get $sums) (local.get $j)))
                                 (v128.load (i32.add (local.get $li) (local.get $j)))))
        (v128.store (i32.add (local.get $sums) (local.get $j)) (local.get $s))
        (v128.store (i32.add (local.get $oi) (local.get $j)) (f32x4.div (local.get $s) (local.get $div)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $m4)))
      (local.set $li (i32.add (local.get $li) (local.get $rowBytes)))
      (local.set $oi (i32.add (local.get $oi) (local.get $rowBytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l4))))

  ;; Luma of RGB24 pixels (ALGORITHMS.md §1.1): $rows × $cols packed 3-byte pixels at $src to
  ;; float32 at $dst, rows $stride floats apart; ((0.299·R) + (0.587·G)) + (0.114·B) in float32.
  (func (export "luma") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
        (param $stride i32)
    (local $r i32) (local $s i32) (local $d i32) (local $end i32)
    (local.set $s (local.get $src))
    (block $dr (loop $lr
      (br_if $dr (i32.ge_s (local.get $r) (local.get $rows)))
      (local.set $d (i32.add (local.get $dst) (i32.mul (i32.mul (local.get $r) (local.get $stride)) (i32.const 4))))
      (local.set $end (i32.add (local.get $d) (i32.mul (local.get $cols) (i32.const 4))))
      (block $dc (loop $lc
        (br_if $dc (i32.ge_u (local.get $d) (local.get $end)))
        (f32.store (local.get $d)
          (f32.add
            (f32.add
              (f32.mul (f32.const 0.299) (f32.convert_i32_u (i32.load8_u (local.get $s))))
              (f32.mul (f32.const 0.587) (f32.convert_i32_u (i32.load8_u offset=1 (local.get $s)))))
            (f32.mul (f32.const 0.114) (f32.convert_i32_u (i32.load8_u offset=2 (local.get $s))))))
        (local.set $s (i32.add (local.get $s) (i32.const 3)))
        (local.set $d (i32.add (local.get $d) (i32.const 4)))
        (br $lc)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $lr))))

  ;; The reference CLI's nearest-neighbour resize and luma in one pass (ALGORITHMS.md §1.0–1.1):
  ;; output row r reads the packed RGB24 row starting at byte offset $rowAt[r], output column c
  ;; the pixel $colAt[c] bytes into that row; float32 luma as in "luma" above, rows $stride floats
  ;; apart at $dst. Returns 0 when every sample has R = G = B (the caller then checks the image).
  (func (export "sampleLuma") (param $rowAt i32) (param $colAt i32) (param $dst i32) (param $rows i32)
        (param $cols i32) (param $stride i32) (result i32)
    (local $r i32) (local $c i32) (local $row i32) (local $s i32) (local $d i32) (local $diff i32)
    (local $red i32) (local $green i32) (local $blue i32)
    (block $dr (loop $lr
      (br_if $dr (i32.ge_s (local.get $r) (local.get $rows)))
      (local.set $row (i32.load (i32.add (local.get $rowAt) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $r) (local.get $stride)) (i32.const 2))))
      (local.set $c (i32.const 0))
      (block $dc (loop $lc
        (br_if $dc (i32.ge_s (local.get $c) (local.get $cols)))
        (local.set $s (i32.add (local.get $row)
                               (i32.load (i32.add (local.get $colAt) (i32.shl (local.get $c) (i32.const 2))))))
        (local.set $red (i32.load8_u (local.get $s)))
        (local.set $green (i32.load8_u offset=1 (local.get $s)))
        (local.set $blue (i32.load8_u offset=2 (local.get $s)))
        (local.set $diff (i32.or (local.get $diff)
                                 (i32.or (i32.xor (local.get $red) (local.get $green))
                                         (i32.xor (local.get $red) (local.get $blue)))))
        (f32.store (local.get $d)
          (f32.add
            (f32.add
              (f32.mul (f32.const 0.299) (f32.convert_i32_u (local.get $red)))
              (f32.mul (f32.const 0.587) (f32.convert_i32_u (local.get $green))))
            (f32.mul (f32.const 0.114) (f32.convert_i32_u (local.get $blue)))))
        (local.set $d (i32.add (local.get $d) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $lc)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $lr)))
    (local.get $diff))

  ;; nreps × (rows, then columns) on image $a with scratch $b, both rows × stride floats.
  (func (export "blur") (param $a i32) (param $b i32) (param $sums i32) (param $rows i32)
        (param $cols i32) (param $stride i32) (param $wRows i32) (param $wCols i32) (param $nreps i32)
    (local $rep i32) (local $r i32) (local $rowBytes i32) (local $off i32)
    (local.set $rowBytes (i32.mul (local.get $stride) (i32.const 4)))
    (block $done (loop $reps
      (br_if $done (i32.ge_s (local.get $rep) (local.get $nreps)))
      (local.set $r (i32.const 0))
      (local.set $off (i32.const 0))
      (block $dr (loop $lr
        (br_if $dr (i32.ge_s (local.get $r) (local.get $rows)))
        (call $boxRow (i32.add (local.get $a) (local.get $off)) (i32.add (local.get $b) (local.get $off))
                      (local.get $cols) (local.get $wRows))
        (local.set $off (i32.add (local.get $off) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $lr)))
      (call $boxCols (local.get $b) (local.get $a) (local.get $rows) (local.get $rowBytes)
                     (local.get $wCols) (local.get $sums))
      (local.set $rep (i32.add (local.get $rep) (i32.const 1)))
      (br $reps))))
)
