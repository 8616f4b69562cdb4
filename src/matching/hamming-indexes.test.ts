import { BruteForceIndex } from './brute-force-index.js';
import { MultiIndex } from './multi-index.js';
import { hammingIndexContract } from './signal-index.contract.js';

/** 16 chunks of 16 bits whatever the size, so small test sets take the chunk-table path. */
const sixteenBy16 = () => ({ starts: Array.from({ length: 16 }, (_, i) => i * 16), widths: Array(16).fill(16) });

hammingIndexContract({
  name: 'brute force',
  create: () => new BruteForceIndex(),
  deserialize: (b) => BruteForceIndex.deserialize(b),
});

hammingIndexContract({
  name: 'multi-index, default layout',
  create: () => new MultiIndex(),
  deserialize: (b) => MultiIndex.deserialize(b),
});

hammingIndexContract({
  name: 'multi-index, 16×16 chunks, small write buffer (many segments and merges)',
  create: () => new MultiIndex({ bufferSize: 700, layoutFor: sixteenBy16 }),
  deserialize: (b) => MultiIndex.deserialize(b, { bufferSize: 700, layoutFor: sixteenBy16 }),
});

hammingIndexContract({
  name: 'multi-index, every segment in the WebAssembly kernel, shards of at most 6,000',
  create: () => new MultiIndex({ bufferSize: 3000, kernelMinHashes: 0, maxSegmentHashes: 6000 }),
  deserialize: (b) => MultiIndex.deserialize(b, { bufferSize: 3000, kernelMinHashes: 0, maxSegmentHashes: 6000 }),
});
