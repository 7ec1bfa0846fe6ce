// Test files run in jest's usual order (failed first, then slowest first), except under
// `--randomize`, where the file order is shuffled too, by the printed seed, so that one file
// depending on what another left behind shows up as a failure that `--seed=N` replays.
const Sequencer = require('@jest/test-sequencer').default;

class StudioSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.globalConfig = options.globalConfig;
  }

  sort(tests) {
    const sorted = super.sort(tests);
    if (!this.globalConfig.randomize) return sorted;
    // A stable base order first, so the same seed gives the same order on every machine.
    const base = [...tests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const next = mulberry32(this.globalConfig.seed);
    for (let i = base.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [base[i], base[j]] = [base[j], base[i]];
    }
    return base;
  }
}

/** A small seeded generator: the order depends only on the seed. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = StudioSequencer;
