#!/usr/bin/env python3
"""Re-computes the `split` column of data/intent/brand_corpus.tsv in place (or checks it with --check).

70/30 per label (stratified): within each label, rows are ordered by splitmix64(FNV-1a-64("brand:" + id))
and the first round(0.3 * n) go to test. Every post is its own group (each was written separately).
The split was fixed with this script before any model was trained on the brand corpus.
"""
import sys

MASK = (1 << 64) - 1


def fnv1a(s):
    h = 0xcbf29ce484222325
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001b3) & MASK
    return h


def mix(h):
    h = ((h ^ (h >> 30)) * 0xbf58476d1ce4e5b9) & MASK
    h = ((h ^ (h >> 27)) * 0x94d049bb133111eb) & MASK
    return h ^ (h >> 31)


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    path = args[0] if args else "data/intent/brand_corpus.tsv"
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header, rows = lines[0], [l.split("\t") for l in lines[1:] if l]
    by_label = {}
    for i, r in enumerate(rows):
        by_label.setdefault(r[2], []).append(i)
    split = ["train"] * len(rows)
    for label, idx in by_label.items():
        idx.sort(key=lambda i: mix(fnv1a("brand:" + rows[i][1])))
        for i in idx[: round(0.3 * len(idx))]:
            split[i] = "test"
    if "--check" in sys.argv:
        bad = sum(1 for r, s in zip(rows, split) if r[4] != s)
        print(f"{bad} rows differ")
        sys.exit(1 if bad else 0)
    for r, s in zip(rows, split):
        r[4] = s
    with open(path, "w", encoding="utf-8") as f:
        f.write(header + "\n" + "".join("\t".join(r) + "\n" for r in rows))


if __name__ == "__main__":
    main()
