"""``tocsin model train``: corpus conversion, spaCy training, and installing the result in the package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ...errors import DataError

CONFIG = Path(__file__).with_name("tocsin.cfg")


def train(data: Path, output: Path, *, max_steps: int | None = None, overrides: dict[str, Any] | None = None) -> Path:
    """Build the corpus from ``data`` and train; returns the ``model-best`` directory."""
    from spacy.cli.train import train as spacy_train

    from .build import build_corpus

    if not data.is_dir():
        raise DataError(f"{data} is not a directory; pass --data pointing at shared/training")
    corpus = output / "corpus"
    stats = build_corpus(data, corpus)
    (output / "corpus-stats.json").write_text(json.dumps(stats, indent=2))
    ov: dict[str, Any] = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy")}
    if max_steps:
        ov["training.max_steps"] = max_steps
    ov.update(overrides or {})
    spacy_train(CONFIG, output, overrides=ov)
    return output / "model-best"


def install(model_dir: Path, target: Path, *, meta: dict[str, Any] | None = None) -> None:
    """Copy a trained pipeline into the package, dropping training-only files."""
    if not (model_dir / "meta.json").exists():
        raise DataError(f"{model_dir} is not a spaCy pipeline directory (no meta.json)")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model_dir, target)
    info = json.loads((target / "meta.json").read_text())
    info.update({"name": "tocsin_news", "version": "0.1.0", "license": "CC BY-SA 4.0", **(meta or {})})
    (target / "meta.json").write_text(json.dumps(info, indent=2))
