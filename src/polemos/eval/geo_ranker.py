"""Training the geoparser's candidate ranker (polemos/data/geo/ranker.json) on annotated corpora.

    python -m polemos.eval.geo_ranker [--corpora DIR] [--index FILE] [--out FILE] [--cache DIR]
    polemos gazetteer train-ranker ...                     # the same

For every gold toponym of TR-News and GeoWebNews (gold spans given, as in the resolution view),
the resolver scores its candidates with the hand weights and records each candidate's features
(polemos.geo.ranker); a candidate is a positive when it lies within 161 km of the gold point. A
conditional logit (a softmax over each name's candidates, fitted with scipy's L-BFGS and pulled
towards the hand weights) learns one weight per feature; the chosen candidate is the one
with the highest score. Accuracy is measured on documents the model did not see: 5 folds by
document, and a model trained on the even-numbered documents scored on the odd ones. The
weights are written unscaled as JSON, so the product needs no scikit-learn and no pickle.

Training data: GeoWebNews (Gritta et al.) and TR-News (Kamalloo & Rafiei), as distributed in
Pragmatic-Guide-to-Geoparsing-Evaluation (GPL-3.0); the JSON holds only 39 learned numbers.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp
from sklearn.model_selection import GroupKFold

from polemos.eval.geoparse import read_corpus, resolve_gold_spans
from polemos.geo.api import Geocoder
from polemos.geo.distance import haversine_km
from polemos.geo.ranker import FEATURES, HAND_WEIGHTS, RANKER_FILE, Weights, index_kind
from polemos.nlp import parse_texts

CORPORA = ("TR-News", "GeoWebNews")
DEFAULT_CORPORA_DIR = Path("../shared/evaldata/geoparsing_gritta_corpora")


def cached_parses(path: Path, docs: list[dict], cache: Path | None) -> list:
    """The spaCy parses of a corpus' documents (every sentence), kept in `cache` when given (a
    dev aid: delete it when the parser changes)."""
    f = cache / f"{path.stem}.pkl" if cache else None
    if f is not None and f.exists():
        return pickle.loads(f.read_bytes())
    out: list = []
    for k in range(0, len(docs), 16):
        out += parse_texts([d["text"] for d in docs[k:k + 16]], lambda s: True)
    if f is not None:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(pickle.dumps(out))
    return out


def collect(corpora_dir: Path, geo: Geocoder, cache: Path | None) -> list[dict[str, Any]]:
    """One item per gold toponym with candidates: its document, features and labels."""
    geo.resolver.weights = Weights(HAND_WEIGHTS, "hand")
    items = []
    for corpus in CORPORA:
        path = corpora_dir / f"{corpus}.jsonl"
        docs = read_corpus(path)
        for idx, (d, parsed) in enumerate(zip(docs, cached_parses(path, docs, cache))):
            geo.resolver.record = {}
            resolved = resolve_gold_spans(geo, parsed, d["gold"])
            for g, (m, _) in zip(d["gold"], resolved):
                rows = geo.resolver.record.get(id(m))
                if not rows:
                    continue
                items.append({"doc": f"{corpus}#{idx}", "corpus": corpus, "half": idx % 2,
                              "text": g["text"],
                              "X": np.array([[f.get(k, 0.0) for k in FEATURES] for _, f in rows]),
                              "y": np.array([haversine_km(c.lat, c.lon, g["lat"], g["lon"]) <= 161
                                             for c, _ in rows])})
    geo.resolver.record = None
    return items


def _fit(items: list[dict[str, Any]], c_reg: float) -> np.ndarray:
    """Weights of a conditional logit (a softmax over the candidates of each name, as a ranker is
    trained), pulled towards the hand weights with strength 1/C: the hand weights are the prior,
    the data moves a weight only as far as it pays."""
    use = [it for it in items if it["y"].any() and not it["y"].all()]
    hand = np.array([HAND_WEIGHTS[k] for k in FEATURES])
    scale = np.vstack([it["X"] for it in use]).std(axis=0)
    scale[scale == 0] = 1.0
    Xs = [it["X"] / scale for it in use]
    ys = [it["y"] for it in use]
    prior = hand * scale
    lam = 1.0 / c_reg

    def loss(v: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros_like(v)
        for X, y in zip(Xs, ys):
            s = X @ v
            lse = logsumexp(s)
            p = np.exp(s - lse)
            pos = s[y]
            lpos = logsumexp(pos)
            total += lse - lpos
            q = np.exp(pos - lpos)
            grad += p @ X - q @ X[y]
        d = v - prior
        return total + lam * float(d @ d), grad + 2 * lam * d

    res = minimize(loss, prior, jac=True, method="L-BFGS-B", options={"maxiter": 300})
    return res.x / scale


def _right(it: dict[str, Any], w: np.ndarray) -> bool:
    return bool(it["y"][int(np.argmax(it["X"] @ w))])


def evaluate(items: list[dict[str, Any]], c_reg: float, folds: int = 5) -> dict[str, Any]:
    """Accuracy of the learned and the hand weights on documents the model did not see."""
    hand = np.array([HAND_WEIGHTS[k] for k in FEATURES])
    docs = np.array([it["doc"] for it in items])
    learned_ok = np.zeros(len(items), dtype=bool)
    for train, test in GroupKFold(n_splits=folds).split(items, groups=docs):
        w = _fit([items[i] for i in train], c_reg)
        for i in test:
            learned_ok[i] = _right(items[i], w)
    hand_ok = np.array([_right(it, hand) for it in items])
    out: dict[str, Any] = {"C": c_reg, "folds": folds}
    for corpus in CORPORA:
        sel = [i for i, it in enumerate(items) if it["corpus"] == corpus]
        ranked = [i for i in sel if items[i]["y"].any()]
        out[corpus] = {"names": len(sel), "with_a_right_candidate": len(ranked),
                       "learned_cv": round(float(learned_ok[ranked].mean()), 4),
                       "hand": round(float(hand_ok[ranked].mean()), 4),
                       "learned_right_hand_wrong": int((learned_ok[ranked] & ~hand_ok[ranked]).sum()),
                       "hand_right_learned_wrong": int((hand_ok[ranked] & ~learned_ok[ranked]).sum())}
    w_even = _fit([it for it in items if it["half"] == 0], c_reg)
    odd = [it for it in items if it["half"] == 1 and it["y"].any()]
    out["train_even_test_odd"] = {"learned": round(float(np.mean([_right(it, w_even) for it in odd])), 4),
                                  "hand": round(float(np.mean([_right(it, hand) for it in odd])), 4),
                                  "n": len(odd)}
    gains = [it["text"] for i, it in enumerate(items) if learned_ok[i] and not hand_ok[i]]
    losses = [it["text"] for i, it in enumerate(items) if hand_ok[i] and not learned_ok[i]]
    out["examples"] = {"learned_right_hand_wrong": gains[:25], "hand_right_learned_wrong": losses[:25]}
    return out


def write_model(path: Path, kind: str, w: np.ndarray, meta: dict[str, Any]) -> None:
    """Write (or replace) the model of one index kind in the model file, keeping the others."""
    data: dict[str, Any] = {}
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
    data.update({"model": "conditional logit over named candidate features (polemos.geo.ranker), "
                          "prior: the hand weights; one model per index kind",
                 "rebuild": "python -m polemos.eval.geo_ranker --index INDEX --out src/polemos/data/geo/ranker.json "
                            "(once with the default index, once with an index built from GeoNames dumps)",
                 "training_data": "TR-News and GeoWebNews (Gritta et al.; Kamalloo & Rafiei), via "
                                  "Pragmatic-Guide-to-Geoparsing-Evaluation, GPL-3.0"})
    models = data.setdefault("models", {})
    models[kind] = {"weights": {k: round(float(v), 5) for k, v in zip(FEATURES, w)}, **meta}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m polemos.eval.geo_ranker")
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA_DIR)
    ap.add_argument("--index", default=None, help="gazetteer index (default: the one in use)")
    ap.add_argument("--out", type=Path, default=None, help=f"write the model here (e.g. {RANKER_FILE})")
    ap.add_argument("--cache", type=Path, default=None, help="keep the spaCy parses here")
    ap.add_argument("--train-half", choices=("even", "all"), default="all",
                    help="fit the written model on the even documents only (to score the odd ones)")
    ap.add_argument("-C", type=float, default=0.1, help="how far the weights may move from the hand ones")
    a = ap.parse_args(argv)
    geo = Geocoder(Path(a.index) if a.index else None)
    kind = index_kind(geo.gazetteer.meta)
    items = collect(a.corpora, geo, a.cache)
    report = evaluate(items, a.C)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    if a.out:
        train = items if a.train_half == "all" else [it for it in items if it["half"] == 0]
        cv = {k: report[k] for k in CORPORA}
        # the learned weights replace the hand ones only where they rank better on documents
        # they did not see (over both corpora)
        gain = sum((cv[k]["learned_cv"] - cv[k]["hand"]) * cv[k]["with_a_right_candidate"] for k in CORPORA)
        w = _fit(train, a.C) if gain > 0 else np.array([HAND_WEIGHTS[k] for k in FEATURES])
        print(f"{'learned' if gain > 0 else 'hand'} weights kept for {kind} indexes "
              f"({gain:+.0f} names right on held-out folds)", file=sys.stderr)
        write_model(a.out, kind, w, {"index": geo.gazetteer.meta.get("source", ""),
                                     "selected": "learned" if gain > 0 else "hand weights (the learned ones "
                                                 "did not rank better on held-out folds)",
                                     "trained_on": f"{a.train_half} documents, {len(train)} names", "C": a.C,
                               "cross_validated": cv, "train_even_test_odd": report["train_even_test_odd"]})
        print(f"wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
