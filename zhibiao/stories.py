"""Reposts: documents that tell the same story get the same story id.

The same article reposted by several sites differs in boilerplate and often in script (a Hong
Kong or Taiwan site converts it to traditional characters). The extractor's cleaned text is already
simplified and mostly free of page furniture, so near-duplicates are found on it: the text is reduced
to letters, digits and CJK characters, cut into overlapping character 4-grams (shingles), and a
MinHash signature (datasketch) estimates the Jaccard similarity of two shingle sets. LSH banding
(the band layout datasketch's MinHashLSH picks for the threshold) gives the candidates; a candidate
is the same story when the estimated similarity reaches THRESHOLD and the two publication dates,
when both are known, lie within WINDOW_DAYS (monthly releases reuse one template with new figures;
reposts follow the original within days).

Signatures and band keys are stored with each document (zhibiao.store), so an incremental ingest
matches new documents against everything stored without rebuilding an index.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 4
NUM_PERM = 64
SEED = 1
SCHEME = "affine32"
# Jaccard similarity of 4-gram sets: a repost with a different header and footer scores 0.6–0.9 on
# short reports; two releases of one template a month apart share the phrasing but few figures and
# score below 0.4. 0.5 sits between, and LSH with this threshold finds pairs from about 0.4 up.
THRESHOLD = 0.5
WINDOW_DAYS = 45
SPEC = f"datasketch-{SCHEME}/perm{NUM_PERM}/seed{SEED}/shingle{SHINGLE}/t{THRESHOLD}"

_NOT_TEXT = re.compile(r"[\W_]+")


@cache
def _lsh_layout() -> tuple[tuple[int, int], ...]:
    """(start, end) of each LSH band over the signature, as MinHashLSH lays them out."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return tuple((i * lsh.r, (i + 1) * lsh.r) for i in range(lsh.b))


@cache
def _permutations() -> np.ndarray:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the character 4-grams of `text` (letters, digits, CJK only)."""
    compact = _NOT_TEXT.sub("", text)
    if len(compact) < SHINGLE:
        return np.zeros(0, dtype=np.uint32)
    codes = np.frombuffer(compact.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):  # a polynomial hash of each window, vectorised over all windows
        h = h * np.uint64(1_000_003) + codes[j:j + n]
    h = (h * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)  # mix high bits down, keep 32
    return np.unique(h.astype(np.uint32))


@dataclass(frozen=True)
class Signature:
    """A document's MinHash values and LSH band keys (no bands: too short to compare)."""

    hashvalues: np.ndarray
    bands: tuple[int, ...]

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    def __reduce__(self):
        # Plain bytes and ints pickle several times faster than a numpy array (worker processes
        # send one signature per document).
        return _signature, (self.to_bytes(), self.bands)

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
        return cls(values, band_keys(values))

    @staticmethod
    def values_from_bytes(data: bytes) -> np.ndarray:
        """Only the MinHash values of a stored signature (all a candidate needs)."""
        return np.frombuffer(data, dtype="<u4")

    def minhash(self) -> MinHash:
        return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=self.hashvalues, permutations=_permutations(),
                       scheme=SCHEME)


def _signature(data: bytes, bands: tuple[int, ...]) -> Signature:
    return Signature(np.frombuffer(data, dtype="<u4").astype(np.uint32), bands)


def band_keys(hashvalues: np.ndarray) -> tuple[int, ...]:
    """One signed 64-bit key per LSH band (equal keys: a candidate pair)."""
    values = hashvalues.astype("<u4")
    return tuple(
        int.from_bytes(hashlib.blake2b(values[s:e].tobytes(), digest_size=8, person=b"zb-band").digest(),
                       "little", signed=True) ^ (n << 56)
        for n, (s, e) in enumerate(_lsh_layout())
    )


def sign(text: str) -> Signature:
    """The signature of a cleaned text."""
    hashes = shingle_hashes(text)
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    if len(hashes) == 0:
        return Signature(m.hashvalues.copy(), ())
    m.update_batch(hashes.tolist())
    return Signature(m.hashvalues.copy(), band_keys(m.hashvalues))


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets (datasketch's MinHash.jaccard)."""
    if not a.bands or not b.bands:
        return 0.0
    return float(a.minhash().jaccard(b.minhash()))


def similarities(sig: Signature, others: np.ndarray) -> np.ndarray:
    """The same estimate against many signatures at once (rows of `others`): the share of equal
    MinHash values, computed in one array operation."""
    if not sig.bands or len(others) == 0:
        return np.zeros(len(others))
    return (others == sig.hashvalues.astype(others.dtype)).mean(axis=1)


@dataclass(frozen=True)
class Candidate:
    """A stored (or earlier in the batch) document that shares an LSH band with a new one."""

    doc_id: str
    story: int
    published: date | None
    hashvalues: np.ndarray


def close_in_time(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= WINDOW_DAYS


def assign_stories(
    new: Sequence[tuple[str, date | None, Signature]],
    stored: Sequence[Sequence[Candidate]],
    next_story: int,
) -> tuple[list[int], int]:
    """Story ids for a batch of new documents, in order, and the next unused story id.

    `new` holds (doc id, publication date, signature) per document; `stored[i]` the stored
    candidates of new[i] (from its band keys). Documents earlier in the batch are candidates too.
    The most similar candidate at or above THRESHOLD, published within WINDOW_DAYS, gives its story;
    otherwise the document starts a new one. A stored candidate with the document's own id is its
    previous version: a re-extracted or lightly edited document keeps its story that way.
    """
    stories: list[int] = []
    by_band: dict[int, list[int]] = {}
    for i, (_doc_id, published, sig) in enumerate(new):
        pool = [c for c in (stored[i] if i < len(stored) else ()) if close_in_time(published, c.published)]
        earlier = {j for key in sig.bands for j in by_band.get(key, ())}
        pool += [Candidate(new[j][0], stories[j], new[j][1], new[j][2].hashvalues) for j in sorted(earlier)
                 if close_in_time(published, new[j][1])]
        story = None
        if pool and sig.bands:
            sims = similarities(sig, np.stack([c.hashvalues for c in pool]))
            best = max(range(len(pool)), key=lambda k: (sims[k], -pool[k].story))
            if sims[best] >= THRESHOLD:
                story = pool[best].story
        if story is None:
            story, next_story = next_story, next_story + 1
        stories.append(story)
        for key in sig.bands:
            by_band.setdefault(key, []).append(i)
    return stories, next_story
