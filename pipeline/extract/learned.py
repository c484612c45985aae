"""Decisions learned from annotated data: a logistic model over named features, trained offline
(`training/`, from a pinned seed) and shipped as a small JSON file beside the rules it decides for.

At run time a model is a dot product: no training, no scikit-learn. The JSON keeps what it was trained on
and how it scored, so `git log` on the file is the model's history.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODELS = Path(__file__).resolve().parent / "models"


@dataclass(frozen=True, slots=True)
class LinearModel:
    """P(yes) = sigmoid(bias + sum of weight * feature); a feature missing from the input counts as 0."""

    name: str
    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def decides(self, features: Mapping[str, float]) -> bool:
        return self.probability(features) >= self.threshold


@cache
def load_model(name: str) -> LinearModel:
    """The model `models/NAME.json` (loaded once per process)."""
    data = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
    weights = dict(zip(data["features"], data["weights"], strict=True))
    return LinearModel(name, weights, data["bias"], data["threshold"])
