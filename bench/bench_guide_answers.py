"""The question box's top-1 accuracy on the held-out questions, per language, and the misses.

    .venv/bin/python -m bench.bench_guide_answers [--threshold 0.35] [--sweep]

A miss prints the question, the entry expected, the entry given (or none) and the best entry's
cover, which is what to look at when the knowledge base or the lexicon is changed. ``--sweep`` prints
the accuracy for thresholds from 0.20 to 0.60, to re-calibrate ``guidance.retrieval.THRESHOLD``.
"""

from __future__ import annotations

import argparse
import time
import tomllib
from collections import Counter

from guidance.knowledge import load_knowledge
from guidance.retrieval import THRESHOLD, Retriever
from tests.unit.guidance.test_accuracy import HELD_OUT


def measure(retriever: Retriever, questions: list[dict[str, str]], show: bool) -> dict[str, tuple[int, int]]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for question in questions:
        match = retriever.best(question["text"])
        given = match.entry.id if match else ""
        total[question["lang"]] += 1
        if given == question["expect"]:
            right[question["lang"]] += 1
        elif show:
            top = retriever.ranked(question["text"], 1)
            best = f"{top[0].entry.id} {top[0].score:.2f}" if top else "-"
            print(
                f"miss [{question['lang']}] {question['text']!r}: expected {question['expect'] or 'none'}, "
                f"gave {given or 'none'} (best: {best})"
            )
    return {lang: (right[lang], total[lang]) for lang in sorted(total)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()
    questions = tomllib.loads(HELD_OUT.read_text(encoding="utf-8"))["q"]
    knowledge = load_knowledge()
    if args.sweep:
        for step in range(20, 61, 5):
            figures = measure(Retriever(knowledge, step / 100), questions, show=False)
            right, total = (sum(v[i] for v in figures.values()) for i in (0, 1))
            print(f"threshold {step / 100:.2f}: {right}/{total} = {right / total:.1%}")
        return
    started = time.perf_counter()
    retriever = Retriever(knowledge, args.threshold)
    built = time.perf_counter() - started
    started = time.perf_counter()
    figures = measure(retriever, questions, show=True)
    per_question = (time.perf_counter() - started) / len(questions)
    print(
        f"{len(knowledge.entries)} entries, {len(questions)} held-out questions, threshold {args.threshold}"
    )
    for lang, (right, total) in figures.items():
        print(f"  {lang}: {right}/{total} = {right / total:.1%}")
    right, total = (sum(v[i] for v in figures.values()) for i in (0, 1))
    print(f"  all: {right}/{total} = {right / total:.1%}")
    print(f"index built in {built * 1000:.0f} ms; {per_question * 1000:.2f} ms a question")


if __name__ == "__main__":
    main()
