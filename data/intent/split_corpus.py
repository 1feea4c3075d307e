#!/usr/bin/env python3
"""Assigns the train/test split of data/intent/corpus.tsv (rewrites the `split` column in place).

Columns: set, id, label, spam, split, text. The split was fixed once, before any model was trained or
tuned, and this script only documents and reproduces it:
  * 70/30, stratified by label: groups are visited in hash order and taken into `test` while no label
    exceeds 30% of its posts in test.
  * By group, not by post, so near-copies never straddle the split: VADER's tweet set holds deliberate
    variants of one tweet ("I LOVE this feeling!!" / "I love this feeling. :D"), which are clustered by word
    overlap (Jaccard >= 0.6 on content words), and the sentences of one Amazon review (ids "7_1", "7_2"...)
    form one group.
  * Hash: splitmix64's finaliser over FNV-1a 64 of the group key - stable across machines and runs.
Usage: python3 data/intent/split_corpus.py data/intent/corpus.tsv
"""
import re
import sys

TEST_SHARE = 0.30
# VADER's variants differ by these intensity words, punctuation and case; drop them before comparing.
BOOSTERS = {"really", "absolutely", "very", "so", "extremely", "totally", "major", "super", "seriously",
            "the", "a", "an", "i", "is", "it", "was", "that", "and", "to", "of"}


def fnv1a64(s):
    h = 0xcbf29ce484222325
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def mix64(h):
    h = ((h ^ (h >> 30)) * 0xbf58476d1ce4e5b9) & 0xFFFFFFFFFFFFFFFF
    h = ((h ^ (h >> 27)) * 0x94d049bb133111eb) & 0xFFFFFFFFFFFFFFFF
    return h ^ (h >> 31)


def words(text):
    return {w for w in re.findall(r"[a-z']+", text.lower()) if w not in BOOSTERS and w != "anonymous"}


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header, rows = lines[0], [l.split("\t") for l in lines[1:]]
    n = len(rows)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    ws = [words(r[5]) for r in rows]
    review = {}
    for i, r in enumerate(rows):
        if r[0] == "amazon":
            key = r[1].split("_")[0]
            if key in review:
                union(i, review[key])
            else:
                review[key] = i
    for i in range(n):
        for j in range(i + 1, n):
            if rows[i][0] == rows[j][0] and ws[i] and ws[j]:
                if len(ws[i] & ws[j]) / len(ws[i] | ws[j]) >= 0.6:
                    union(i, j)

    groups = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    label_count = {}
    for r in rows:
        label_count[r[2]] = label_count.get(r[2], 0) + 1
    target = {label: round(TEST_SHARE * c) for label, c in label_count.items()}
    in_test = {label: 0 for label in label_count}
    split = ["train"] * n
    # Groups in hash order; a group goes to test while it keeps every label it holds within its target
    # (whole Amazon reviews can hold 10+ sentences of several labels, so a per-label walk overshoots).
    order = sorted(groups, key=lambda root: mix64(fnv1a64(f"{rows[root][0]}:{rows[root][1]}")))
    for root in order:
        counts = {}
        for m in groups[root]:
            counts[rows[m][2]] = counts.get(rows[m][2], 0) + 1
        if all(in_test[label] + c <= target[label] for label, c in counts.items()):
            for m in groups[root]:
                split[m] = "test"
            for label, c in counts.items():
                in_test[label] += c
    with open(path, "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for r, s in zip(rows, split):
            r[4] = s
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
