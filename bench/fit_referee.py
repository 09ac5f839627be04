"""python -m bench.fit_referee [FILE.jsonl ...] [--knowledge PATH] [--out PATH]: fit the referee.

Asks the engine every labelled question (by default the dev and train splits)
with the rules alone, records the feature rows the referee would judge
(bot.referee.FEATURES), labels each row by whether its entry is one the
question accepts, and fits gradient-boosted trees to them, written as
bot/referee.json. Needs scikit-learn, which the bot itself does not:
`pip install -e '.[fit]'`. The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.engine import UNANSWERED, Engine
from bot.evaluation import Case, read_cases
from bot.knowledge import load_library
from bot.referee import FEATURES

ROOT = Path(__file__).resolve().parent.parent
SPLITS = [ROOT / "tests" / "data" / "eval_dev.jsonl", ROOT / "tests" / "data" / "eval_train.jsonl"]
TREES, DEPTH, RATE = 30, 3, 0.3


class _Recorder:
    """A referee that only records what it is shown, and backs the rules' answer
    (the rows are what is fitted on, not the replies)."""

    def __init__(self) -> None:
        self.rows: list[list[float]] = []

    def log_odds(self, rows: Sequence[Sequence[float]]) -> list[float]:
        self.rows = [list(row) for row in rows]
        chosen = FEATURES.index("chosen")
        return [1.0 if row[chosen] else -1.0 for row in rows]


def labelled_rows(
    engine: Engine, recorder: _Recorder, cases: list[Case]
) -> tuple[list[list[float]], list[int]]:
    """The rows the referee judges, for each case it judges, and whether each is right."""
    rows: list[list[float]] = []
    labels: list[int] = []
    for case in cases:
        recorder.rows = []
        engine.ask(case.question)
        if not recorder.rows:
            continue  # the rules stand alone for this question
        ranked = engine.reading(case.question).ranked
        found = [c.entry for c in ranked if c.entry.id != UNANSWERED][: len(recorder.rows)]
        rows += recorder.rows
        labels += [int(case.wants(entry)) for entry in found]
    return rows, labels


def fit(rows: list[list[float]], labels: list[int]) -> dict[str, object]:
    """Gradient-boosted trees, as bot.referee.Trees reads them."""
    try:
        from sklearn.ensemble import GradientBoostingClassifier
    except ImportError:
        sys.exit("fitting the referee needs scikit-learn: pip install -e '.[fit]'")
    model = GradientBoostingClassifier(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE, random_state=0
    ).fit(rows, labels)
    trees = []
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        trees.append(
            {
                "feature": tree.feature.tolist(),
                "threshold": tree.threshold.tolist(),
                "left": tree.children_left.tolist(),
                "right": tree.children_right.tolist(),
                "value": tree.value[:, 0, 0].tolist(),
            }
        )
    # The prior the trees start from: the log-odds of a right row among all.
    prior = float(model.init_.class_prior_[1])
    init = math.log(prior / (1 - prior))
    return {"features": list(FEATURES), "init": init, "rate": RATE, "trees": trees}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fit_referee", description=__doc__)
    parser.add_argument("files", nargs="*", type=Path, default=SPLITS)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--out", type=Path, default=ROOT / "bot" / "referee.json")
    args = parser.parse_args(argv)
    recorder = _Recorder()
    engine = Engine(load_library(args.knowledge), referee=recorder)
    cases: list[Case] = []
    for path in args.files:
        with path.open(encoding="utf-8") as file:
            cases += read_cases(file, str(path))
    rows, labels = labelled_rows(engine, recorder, cases)
    args.out.write_text(json.dumps(fit(rows, labels)) + "\n", encoding="utf-8")
    print(f"{len(cases)} questions, {len(rows)} rows ({sum(labels)} right): {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
