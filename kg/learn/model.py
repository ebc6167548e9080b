"""The shipped weights of ``learned.v1`` and prediction with numpy alone.

The model is multinomial logistic regression over hashed sparse features: ``keys`` (sorted
CRC-32 values of the features kept in training), ``weights`` (one row per key, one column per
label), ``bias`` and ``labels``. A pair's scores are the bias plus the rows of its features;
softmax turns them into probabilities. The file is a plain ``.npz`` (no pickle), written with
fixed zip timestamps so that the same training data gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: The weights that ship with kg (rebuilt by ``python -m kg.learn.train``).
WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "learned-relations.npz"


@dataclass(frozen=True)
class Model:
    """Weights of a linear classifier over hashed features."""

    keys: np.ndarray  # uint32, sorted
    weights: np.ndarray  # float32 (len(keys), len(labels))
    bias: np.ndarray  # float32 (len(labels),)
    labels: tuple[str, ...]

    def scores(self, rows: list[list[int]]) -> np.ndarray:
        """Label probabilities (one row per pair) of pairs given as hashed feature lists."""
        import numpy as np

        n, k = len(rows), len(self.labels)
        if n == 0:
            return np.zeros((0, k), dtype=np.float64)
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=n)
        flat = np.fromiter((h for r in rows for h in r), dtype=np.uint32, count=int(lengths.sum()))
        pos = np.searchsorted(self.keys, flat)
        pos[pos >= len(self.keys)] = 0
        known = self.keys[pos] == flat
        # each pair's rows summed on their own (reduceat over the pairs' segments)
        gathered = np.where(known[:, None], self.weights[pos], 0).astype(np.float64)
        logits = np.tile(self.bias.astype(np.float64), (n, 1))
        filled = lengths > 0
        if filled.any():
            starts = (np.cumsum(lengths) - lengths)[filled]
            logits[filled] += np.add.reduceat(gathered, starts, axis=0)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def save(model: Model, path: Path) -> None:
    """Write ``model`` as an ``.npz`` whose bytes depend only on the arrays."""
    import numpy as np

    arrays = {
        "keys": model.keys.astype(np.uint32),
        "weights": model.weights.astype(np.float32),
        "bias": model.bias.astype(np.float32),
        "labels": np.array(model.labels, dtype=str),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = io.BytesIO()
            np.lib.format.write_array(data, arrays[name], allow_pickle=False)
            zf.writestr(info, data.getvalue(), compresslevel=9)
    from kg.io.atomic import replace_file

    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, lambda out: out.write(buffer.getvalue()), mode=0o644)


def read(path: Path) -> Model:
    """The model stored at ``path`` (never unpickles anything)."""
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return Model(
            keys=data["keys"],
            weights=data["weights"],
            bias=data["bias"],
            labels=tuple(str(x) for x in data["labels"]),
        )


@cache
def shipped() -> Model:
    """The shipped model, read once per process."""
    from kg.errors import ModelError

    if not WEIGHTS.is_file():
        raise ModelError(f"learned.v1: no weights at {WEIGHTS}; run: python -m kg.learn.train")
    return read(WEIGHTS)
