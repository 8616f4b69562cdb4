;; Multi-index query kernel (see ../mih-segment.ts for the layout and ALGORITHMS.md §3.1).
;; One segment lives in one shared memory:
;;   chunk table at $table: per chunk 16 bytes = start bit, width, offsets ptr, postings ptr
;;   hashes (32 bytes each, 8 little-endian u32 words), live flags (1 byte each),
;;   offsets (2^width + 1 u32 per chunk), postings (n u32 per chunk; none for chunk 0, whose
;;   slots are the hashes themselves, sorted by it)
;; Each thread has its own scratch area: needle (32 bytes), the needle's chunk values (u32 × 32),
;; radii (i32 × 32, −1 = chunk not searched), results (slot u32, distance u32) × cap, then the
;; batches: bucket ranges (start u32, end u32) × 1024 and candidate slots (u32) × 2048.
;; `query` returns how many matches there were; only the first `cap` are written.
;; A chunk is searched in batches, not bucket by bucket: first the ranges of all its probed buckets
;; (independent loads of the offsets table), then their slots as one list of candidates, then the
;; distance of each candidate (independent loads of the hashes). The loads are random and miss the
;; caches; with no dependency between them the processor keeps many in flight at once, where a
;; bucket-by-bucket loop waited on each. Matches come out in the same order as bucket by bucket.
(module
  (import "env" "memory" (memory 1 65536 shared))

  (global $table (mut i32) (i32.const 0))
  (global $hashes (mut i32) (i32.const 0))
  (global $alive (mut i32) (i32.const 0))
  (global $qc (mut i32) (i32.const 0))
  (global $radii (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $cap (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))
  (global $maxd (mut i32) (i32.const 0))
  (global $n0 (mut i64) (i64.const 0))
  (global $n1 (mut i64) (i64.const 0))
  (global $n2 (mut i64) (i64.const 0))
  (global $n3 (mut i64) (i64.const 0))
  (global $ranges (mut i32) (i32.const 0))
  (global $nr (mut i32) (i32.const 0))
  (global $cands (mut i32) (i32.const 0))

  ;; Value of chunk $e of hash $s (width ≤ 24, so one unaligned 8-byte load holds it).
  (func $chunk (param $s i32) (param $e i32) (result i32)
    (local $t i32)
    (local $start i32)
    (local.set $t (i32.add (global.get $table) (i32.shl (local.get $e) (i32.const 4))))
    (local.set $start (i32.load (local.get $t)))
    (i32.and
      (i32.wrap_i64
        (i64.shr_u
          (i64.load
            (i32.add
              (i32.add (global.get $hashes) (i32.shl (local.get $s) (i32.const 5)))
              (i32.shr_u (local.get $start) (i32.const 3))))
          (i64.extend_i32_u (i32.and (local.get $start) (i32.const 7)))))
      (i32.sub (i32.shl (i32.const 1) (i32.load offset=4 (local.get $t))) (i32.const 1))))

  ;; 1 when hash $s is within radius in a chunk searched before chunk $c (reported there).
  (func $before (param $s i32) (param $c i32) (result i32)
    (local $e i32)
    (local $r i32)
    (block $no
      (loop $next
        (br_if $no (i32.ge_u (local.get $e) (local.get $c)))
        (local.set $r (i32.load (i32.add (global.get $radii) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.ge_s (local.get $r) (i32.const 0))
          (then
            (if (i32.le_u
                  (i32.popcnt
                    (i32.xor
                      (call $chunk (local.get $s) (local.get $e))
                      (i32.load (i32.add (global.get $qc) (i32.shl (local.get $e) (i32.const 2))))))
                  (local.get $r))
              (then (return (i32.const 1))))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  (func $emit (param $s i32) (param $d i32)
    (local $at i32)
    (if (i32.lt_u (global.get $count) (global.get $cap))
      (then
        (local.set $at (i32.add (global.get $out) (i32.shl (global.get $count) (i32.const 3))))
        (i32.store (local.get $at) (local.get $s))
        (i32.store offset=4 (local.get $at) (local.get $d))))
    (global.set $count (i32.add (global.get $count) (i32.const 1))))

  ;; Verifies candidate slots cands[0..$k) of chunk $c; reports those within reach, each once.
  (func $verify (param $c i32) (param $k i32)
    (local $h i32)
    (local $i i32)
    (local $s i32)
    (local $d i32)
    (local $hashes i32)
    (local $cands i32)
    (local $maxd i32)
    (local $n0 i64)
    (local $n1 i64)
    (local $n2 i64)
    (local $n3 i64)
    ;; Globals read once: the loop below then works in registers.
    (local.set $hashes (global.get $hashes))
    (local.set $cands (global.get $cands))
    (local.set $maxd (global.get $maxd))
    (local.set $n0 (global.get $n0))
    (local.set $n1 (global.get $n1))
    (local.set $n2 (global.get $n2))
    (local.set $n3 (global.get $n3))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
        (local.set $s (i32.load (i32.add (local.get $cands) (i32.shl (local.get $i) (i32.const 2)))))
        ;; $dist, written out here: this loop is where the time goes.
        (local.set $h (i32.add (local.get $hashes) (i32.shl (local.get $s) (i32.const 5))))
        (local.set $d
          (i32.wrap_i64
            (i64.add
              (i64.add
                (i64.popcnt (i64.xor (i64.load (local.get $h)) (local.get $n0)))
                (i64.popcnt (i64.xor (i64.load offset=8 (local.get $h)) (local.get $n1))))
              (i64.add
                (i64.popcnt (i64.xor (i64.load offset=16 (local.get $h)) (local.get $n2)))
                (i64.popcnt (i64.xor (i64.load offset=24 (local.get $h)) (local.get $n3)))))))
        (if (i32.le_u (local.get $d) (local.get $maxd))
          (then
            (if (i32.load8_u (i32.add (global.get $alive) (local.get $s)))
              (then
                (if (i32.eqz
                      (if (result i32) (local.get $c)
                        (then (call $before (local.get $s) (local.get $c)))
                        (else (i32.const 0))))
                  (then (call $emit (local.get $s) (local.get $d))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; Turns the noted bucket ranges of chunk $c into candidate slots and verifies them, 2048 at a time.
  (func $flush (param $c i32)
    (local $i i32)
    (local $r i32)
    (local $p i32)
    (local $end i32)
    (local $post i32)
    (local $k i32)
    (local.set $post (i32.load offset=12 (i32.add (global.get $table) (i32.shl (local.get $c) (i32.const 4)))))
    (block $ranges_done
      (loop $ranges_next
        (br_if $ranges_done (i32.ge_u (local.get $i) (global.get $nr)))
        (local.set $r (i32.add (global.get $ranges) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $p (i32.load (local.get $r)))
        (local.set $end (i32.load offset=4 (local.get $r)))
        (block $slots_done
          (loop $slots_next
            (br_if $slots_done (i32.ge_u (local.get $p) (local.get $end)))
            (if (i32.eq (local.get $k) (i32.const 2048))
              (then
                (call $verify (local.get $c) (local.get $k))
                (local.set $k (i32.const 0))))
            (i32.store
              (i32.add (global.get $cands) (i32.shl (local.get $k) (i32.const 2)))
              (if (result i32) (local.get $c)
                (then (i32.load (i32.add (local.get $post) (i32.shl (local.get $p) (i32.const 2)))))
                (else (local.get $p))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $slots_next)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $ranges_next)))
    (call $verify (local.get $c) (local.get $k))
    (global.set $nr (i32.const 0)))

  ;; Notes the range of bucket $v of chunk $c; a full batch of 1024 ranges is flushed.
  (func $bucket (param $c i32) (param $v i32)
    (local $off i32)
    (local $r i32)
    (local.set $off
      (i32.add
        (i32.load offset=8 (i32.add (global.get $table) (i32.shl (local.get $c) (i32.const 4))))
        (i32.shl (local.get $v) (i32.const 2))))
    (local.set $r (i32.add (global.get $ranges) (i32.shl (global.get $nr) (i32.const 3))))
    (i32.store (local.get $r) (i32.load (local.get $off)))
    (i32.store offset=4 (local.get $r) (i32.load offset=4 (local.get $off)))
    (global.set $nr (i32.add (global.get $nr) (i32.const 1)))
    (if (i32.eq (global.get $nr) (i32.const 1024))
      (then (call $flush (local.get $c)))))

  (func (export "query")
    (param $table i32) (param $m i32) (param $hashes i32) (param $alive i32)
    (param $scratch i32) (param $cap i32) (param $maxd i32) (result i32)
    (local $c i32)
    (local $r i32)
    (local $w i32)
    (local $q i32)
    (local $a i32)
    (local $b i32)
    (local $e i32)
    (local $va i32)
    (local $vb i32)
    (global.set $table (local.get $table))
    (global.set $hashes (local.get $hashes))
    (global.set $alive (local.get $alive))
    (global.set $qc (i32.add (local.get $scratch) (i32.const 32)))
    (global.set $radii (i32.add (local.get $scratch) (i32.const 160)))
    (global.set $out (i32.add (local.get $scratch) (i32.const 288)))
    (global.set $cap (local.get $cap))
    (global.set $ranges (i32.add (global.get $out) (i32.shl (local.get $cap) (i32.const 3))))
    (global.set $cands (i32.add (global.get $ranges) (i32.const 8192)))
    (global.set $nr (i32.const 0))
    (global.set $maxd (local.get $maxd))
    (global.set $count (i32.const 0))
    (global.set $n0 (i64.load (local.get $scratch)))
    (global.set $n1 (i64.load offset=8 (local.get $scratch)))
    (global.set $n2 (i64.load offset=16 (local.get $scratch)))
    (global.set $n3 (i64.load offset=24 (local.get $scratch)))
    (block $chunks_done
      (loop $chunks
        (br_if $chunks_done (i32.ge_u (local.get $c) (local.get $m)))
        (local.set $r (i32.load (i32.add (global.get $radii) (i32.shl (local.get $c) (i32.const 2)))))
        (if (i32.ge_s (local.get $r) (i32.const 0))
          (then
            (local.set $w (i32.load offset=4 (i32.add (global.get $table) (i32.shl (local.get $c) (i32.const 4)))))
            (local.set $q (i32.load (i32.add (global.get $qc) (i32.shl (local.get $c) (i32.const 2)))))
            (call $bucket (local.get $c) (local.get $q))
            (if (i32.ge_s (local.get $r) (i32.const 1))
              (then
                (local.set $a (i32.const 0))
                (block $a_done
                  (loop $a_next
                    (br_if $a_done (i32.ge_u (local.get $a) (local.get $w)))
                    (local.set $va (i32.xor (local.get $q) (i32.shl (i32.const 1) (local.get $a))))
                    (call $bucket (local.get $c) (local.get $va))
                    (if (i32.ge_s (local.get $r) (i32.const 2))
                      (then
                        (local.set $b (i32.add (local.get $a) (i32.const 1)))
                        (block $b_done
                          (loop $b_next
                            (br_if $b_done (i32.ge_u (local.get $b) (local.get $w)))
                            (local.set $vb (i32.xor (local.get $va) (i32.shl (i32.const 1) (local.get $b))))
                            (call $bucket (local.get $c) (local.get $vb))
                            (if (i32.ge_s (local.get $r) (i32.const 3))
                              (then
                                (local.set $e (i32.add (local.get $b) (i32.const 1)))
                                (block $e_done
                                  (loop $e_next
                                    (br_if $e_done (i32.ge_u (local.get $e) (local.get $w)))
                                    (call $bucket (local.get $c)
                                      (i32.xor (local.get $vb) (i32.shl (i32.const 1) (local.get $e))))
                                    (local.set $e (i32.add (local.get $e) (i32.const 1)))
                                    (br $e_next)))))
                            (local.set $b (i32.add (local.get $b) (i32.const 1)))
                            (br $b_next)))))
                    (local.set $a (i32.add (local.get $a) (i32.const 1)))
                    (br $a_next)))))
            (call $flush (local.get $c))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $chunks)))
    (global.get $count))
)
