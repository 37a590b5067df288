"""``tocsin model train``: corpus conversion, spaCy training, and installing the result in the package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ...errors import DataError

CONFIG = Path(__file__).with_name("tocsin.cfg")


def train(
    data: Path,
    output: Path,
    *,
    max_steps: int | None = None,
    overrides: dict[str, Any] | None = None,
    resume: Path | None = None,
    polish: bool = False,
    augment: bool = False,
    with_dev: bool = False,
    only: tuple[str, ...] = (),
    case: tuple[float, float] | None = None,
    case_restored: bool = False,
) -> Path:
    """Build the corpus from ``data`` and train; returns the ``model-best`` directory.

    ``resume`` names a pipeline from an earlier run whose weights all components start from, so an
    interrupted run continues instead of starting over. ``polish`` (with ``resume``) fine-tunes with
    a lower learning rate, large batches from the start and averaged weights, which are what is
    evaluated and saved. ``augment`` adds name-swapped copies of the training documents.
    ``with_dev`` trains on the dev documents too and returns ``model-last``: the dev scores that
    pick ``model-best`` are no longer held out, so the step count must be fixed in advance.
    ``only`` (with ``resume``) trains just these components; the others, the shared ``tok2vec``
    included, keep their weights, so e.g. the NER can be refitted without moving the parser.
    ``case`` = (lower, upper): the share of training examples seen lower-cased and upper-cased;
    ``case_restored`` gives those copies back the capitals ``truecase.restore`` restores at run time.
    """
    from spacy.cli.train import train as spacy_train

    from .build import build_corpus

    if not data.is_dir():
        raise DataError(f"{data} is not a directory; pass --data pointing at shared/training")
    corpus = output / "corpus"
    if (corpus / "train.spacy").exists() and (corpus / "dev.spacy").exists():
        stats: dict[str, Any] = {"reused": str(corpus)}
    else:
        stats = build_corpus(data, corpus, augment=augment, with_dev=with_dev)
    (output / "corpus-stats.json").write_text(json.dumps(stats, indent=2))
    config = CONFIG
    if resume is not None:
        config = resume_config(resume, output / "resume.cfg", polish=polish, max_steps=max_steps, only=only)
        _register_callbacks()
    ov: dict[str, Any] = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy")}
    if max_steps:
        ov["training.max_steps"] = max_steps
    if case is not None:
        config = case_config(config, output / "case.cfg", lower=case[0], upper=case[1], restored=case_restored)
    ov.update(overrides or {})
    spacy_train(config, output, overrides=ov)
    return output / ("model-last" if with_dev else "model-best")


def _relink_lemmatizer_labels(nlp: Any) -> Any:
    """Rebuild the edit-tree lemmatizer's tree->label map, which spaCy 3.8 does not restore from disk.

    Without it a resumed lemmatizer maps every gold lemma to label 0 and unlearns (lemma accuracy fell
    from 96% to 77% in 1,000 steps when we first resumed).
    """
    from spacy.pipeline import EditTreeLemmatizer

    # nlp.components, not nlp.pipeline: resumed components are disabled while after_init runs
    for _, pipe in nlp.components:
        if isinstance(pipe, EditTreeLemmatizer) and not pipe.tree2label:
            pipe.tree2label.update({tree: i for i, tree in enumerate(pipe.cfg["labels"])})
    return nlp


def _register_callbacks() -> None:
    from spacy.util import registry

    if "tocsin.relink_lemmatizer.v1" not in registry.callbacks.get_all():

        @registry.callbacks("tocsin.relink_lemmatizer.v1")
        def make_relink() -> Any:
            return _relink_lemmatizer_labels


def resume_config(
    previous: Path,
    target: Path,
    *,
    polish: bool = False,
    max_steps: int | None = None,
    only: tuple[str, ...] = (),
) -> Path:
    """Write a copy of the training config whose components are sourced from ``previous``."""
    from spacy.util import load_config

    if not (previous / "meta.json").exists():
        raise DataError(f"{previous} is not a spaCy pipeline directory (no meta.json); cannot resume from it")
    cfg = load_config(CONFIG)
    for name in cfg["nlp"]["pipeline"]:
        cfg["components"][name] = {"source": str(previous.resolve())}
    cfg["initialize"]["after_init"] = {"@callbacks": "tocsin.relink_lemmatizer.v1"}
    if only:
        unknown = sorted(set(only) - set(cfg["nlp"]["pipeline"]))
        if unknown:
            raise DataError(f"no component named {', '.join(unknown)}; choose from {', '.join(cfg['nlp']['pipeline'])}")
        frozen = [name for name in cfg["nlp"]["pipeline"] if name not in only]
        cfg["training"]["frozen_components"] = frozen
        # a frozen tok2vec must still annotate, or the listeners being trained receive nothing
        cfg["training"]["annotating_components"] = [n for n in frozen if n == "tok2vec"]
    if polish:
        steps = max_steps or 5000
        training = cfg["training"]
        training["max_steps"] = steps
        training["optimizer"]["use_averages"] = True
        training["optimizer"]["learn_rate"] = {
            "@schedules": "warmup_linear.v1",
            "warmup_steps": 100,
            "total_steps": steps,
            "initial_rate": 0.0004,
        }
        training["batcher"]["size"] = {
            "@schedules": "compounding.v1",
            "start": 800,
            "stop": 1500,
            "compound": 1.001,
            "t": 0.0,
        }
    target.parent.mkdir(parents=True, exist_ok=True)
    cfg.to_disk(target)
    return target


def case_config(source: Path, target: Path, *, lower: float, upper: float, restored: bool = False) -> Path:
    """A copy of the config ``source`` whose training examples pass through the case augmenter."""
    from spacy.util import load_config

    from .augment import register_case_augmenter

    if not (0 <= lower <= 1 and 0 <= upper <= 1 and lower + upper <= 1):
        raise DataError(f"case shares must be between 0 and 1 and sum to at most 1, not {lower} and {upper}")
    register_case_augmenter()
    cfg = load_config(source)
    cfg["corpora"]["train"]["augmenter"] = {
        "@augmenters": "tocsin.case_variants.v1",
        "lower": lower,
        "upper": upper,
        "restored": restored,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    cfg.to_disk(target)
    return target


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
