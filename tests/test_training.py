"""The training recipe's config surgery (no training is run)."""

from __future__ import annotations

import pytest
from spacy.util import load_config

from tocsin.errors import DataError
from tocsin.nlp import BUNDLED
from tocsin.nlp.training.train import resume_config


def test_only_trains_the_named_components_on_a_frozen_annotating_tok2vec(tmp_path):
    cfg = load_config(resume_config(BUNDLED, tmp_path / "resume.cfg", polish=True, max_steps=300, only=("ner",)))
    training = cfg["training"]
    assert training["frozen_components"] == ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser"]
    assert training["annotating_components"] == ["tok2vec"]
    assert training["max_steps"] == 300
    assert all(cfg["components"][name]["source"] == str(BUNDLED.resolve()) for name in cfg["nlp"]["pipeline"])


def test_resuming_everything_freezes_nothing(tmp_path):
    cfg = load_config(resume_config(BUNDLED, tmp_path / "resume.cfg"))
    assert cfg["training"]["frozen_components"] == []
    assert cfg["training"]["annotating_components"] == []


def test_an_unknown_component_is_named_in_the_error(tmp_path):
    with pytest.raises(DataError, match="no component named nerr"):
        resume_config(BUNDLED, tmp_path / "resume.cfg", only=("nerr",))
