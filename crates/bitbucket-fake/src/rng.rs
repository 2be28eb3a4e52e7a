//! Small, stable, seedable hashing used for deterministic data and faults.
//!
//! The fake must produce the same data for the same seed on every platform and
//! every version of its dependencies, so it uses its own SplitMix64 mixer
//! rather than an external random-number crate.

/// Mixes one 64-bit value (SplitMix64 finaliser).
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes a seed together with a list of numbers.
pub(crate) fn hash(seed: u64, parts: &[u64]) -> u64 {
    parts.iter().fold(mix(seed), |acc, p| mix(acc ^ mix(*p)))
}

/// Hashes a string (FNV-1a, then mixed), stable across runs and platforms.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h)
}

/// Maps a hash to a number in `lo..=hi`.
pub(crate) fn in_range(h: u64, lo: usize, hi: usize) -> usize {
    if hi <= lo {
        return lo;
    }
    lo + (h % (hi - lo + 1) as u64) as usize
}

/// Maps a hash to a float in `[0, 1)`.
pub(crate) fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_is_stable_and_spread() {
        assert_eq!(hash(1, &[2, 3]), hash(1, &[2, 3]));
        assert_ne!(hash(1, &[2, 3]), hash(1, &[3, 2]));
        assert_ne!(hash_str("a"), hash_str("b"));
        let n = (0..10_000).filter(|i| unit(hash(7, &[*i])) < 0.1).count();
        assert!((800..1200).contains(&n), "{n}");
        assert!((0..100).all(|i| (2..=4).contains(&in_range(mix(i), 2, 4))));
    }
}
