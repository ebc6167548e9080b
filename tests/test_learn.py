"""The trained relation classifier (``learned.v1``): features, weights, training, extractor.

Sentences and names are invented. Training here is on a tiny synthetic set (the real data
lives outside the repository and is used by ``python -m kg.learn.train``).
"""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from kg.errors import ModelError
from kg.graph.model import Document, Extraction
from kg.learn.features import hashed, pair_features
from kg.learn.labels import NONE, label, split_label
from kg.learn.model import WEIGHTS, Model, read, save


@pytest.fixture(scope="module")
def nlp():
    from kg.extract import nlp as nlp_mod
    from kg.pipeline import _break_at_blank_lines

    try:
        model = nlp_mod.load()
    except ModelError:
        pytest.skip("no spaCy English model installed")
    _break_at_blank_lines(model)
    return model


def test_hashes_are_crc32_and_stable():
    assert hashed(["BIAS", "BIAS", "T:Person|Place"]) == sorted(
        {zlib.crc32(b"BIAS"), zlib.crc32(b"T:Person|Place")}
    )
    # the same in another process (Python's own hash() would differ between processes)
    code = "from kg.learn.features import hashed; print(hashed(['PL:nsubj^ pobjv']))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(hashed(["PL:nsubj^ pobjv"]))


def test_labels_keep_direction_except_symmetric():
    assert split_label(label("founded", forward=False)) == ("founded", False)
    assert label("metWith", forward=False) == "metWith>"


def test_pair_features_read_the_parse(nlp):
    doc = nlp("Mira Okonkwo did not join the Velora Union in Tarsk.")
    # "Mira Okonkwo" = tokens 0-2, "Velora Union" = tokens 6-8
    feats = pair_features(doc, (0, 2), (6, 8), "Person", "Organization")
    assert "T:Person|Organization" in feats
    assert "TR:memberOf" in feats  # "join" is a memberOf trigger in the rule lexicon
    assert "NEG" in feats
    assert any(f.startswith("PL:") for f in feats)
    assert "PW:join" in feats
    assert not any("Okonkwo" in f or "Velora" in f for f in feats)  # names are never features
    assert pair_features(doc, (0, 2), (6, 8), "Person", "Organization") == feats


def _tiny_model() -> Model:
    return Model(
        keys=np.array(sorted([zlib.crc32(b"a"), zlib.crc32(b"b")]), dtype=np.uint32),
        weights=np.array([[0.0, 2.0], [1.0, -1.0]], dtype=np.float32),
        bias=np.array([0.5, 0.0], dtype=np.float32),
        labels=(NONE, "memberOf>"),
    )


def test_weights_round_trip_with_the_same_bytes(tmp_path: Path):
    model = _tiny_model()
    save(model, tmp_path / "a.npz")
    save(model, tmp_path / "b.npz")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    again = read(tmp_path / "a.npz")
    assert again.labels == model.labels
    assert np.array_equal(again.weights, model.weights)
    probs = again.scores([hashed(["a"]), hashed(["a", "b", "unseen"]), []])
    assert probs.shape == (3, 2)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert probs[2, 0] > probs[2, 1]  # no known feature: the bias decides


def test_training_a_tiny_synthetic_set_is_reproducible(tmp_path: Path):
    pytest.importorskip("sklearn")
    from kg.learn.data import Example
    from kg.learn.train import fit

    examples = []
    for n in range(40):
        related = n % 3 == 0
        feats = ["BIAS", "TR:memberOf" if related else f"BW:w{n % 5}", f"D:{n % 4}"]
        examples.append(
            Example(f"d{n % 4}", "gold", tuple(hashed(feats)), "memberOf>" if related else NONE)
        )
    for name in ("one.npz", "two.npz"):
        save(fit(examples), tmp_path / name)
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()
    model = read(tmp_path / "one.npz")
    p = model.scores([hashed(["BIAS", "TR:memberOf", "D:0"]), hashed(["BIAS", "BW:w1", "D:1"])])
    member = model.labels.index("memberOf>")
    assert p[0, member] > 0.5 > p[1, member]


def test_shipped_weights_are_small_plain_arrays():
    assert WEIGHTS.is_file()
    assert WEIGHTS.stat().st_size < 20_000_000
    with np.load(WEIGHTS, allow_pickle=False) as data:
        assert sorted(data.files) == ["bias", "keys", "labels", "weights"]
        assert data["weights"].shape == (len(data["keys"]), len(data["labels"]))
        assert NONE in list(data["labels"])


def _extract(nlp, text: str, names: tuple[str, ...]) -> Extraction:
    from kg.pipeline import load_extractors

    found = Extraction(document=Document(id="t", text=text))
    doc = nlp(text)
    for extractor in load_extractors(names):
        found = extractor.extract(doc, found)
    return found


OBVIOUS = "Pell Dorian was born in Vantrova. He later moved to Quillmark."


def test_learned_extractor_gives_a_calibrated_fact(nlp):
    found = _extract(nlp, OBVIOUS, ("entities.v1", "learned.v1"))
    facts = {(r.subject.text, r.predicate, r.object.text) for r in found.relations}
    assert ("Pell Dorian", "bornIn", "Vantrova") in facts
    for r in found.relations:
        assert r.extractor == "learned.v1"
        assert getattr(r, "rule", "learned.v1") == "learned.v1"
        assert 0.0 < r.confidence <= 1.0


def test_learned_extractor_is_deterministic(nlp):
    first = _extract(nlp, OBVIOUS, ("entities.v1", "dependency.v1", "learned.v1"))
    second = _extract(nlp, OBVIOUS, ("entities.v1", "dependency.v1", "learned.v1"))
    assert first.relations == second.relations


def test_no_candidates_no_facts(nlp):
    found = _extract(nlp, "It rained all day.", ("entities.v1", "learned.v1"))
    assert found.relations == ()


def test_importing_kg_loads_no_model_code():
    code = (
        "import sys, kg, kg.cli; "
        "print(sorted({'numpy', 'sklearn', 'kg.learn.model'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_jobs_two_gives_the_same_bytes_with_the_classifier(nlp, tmp_path: Path):
    from click.testing import CliRunner

    from kg.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(OBVIOUS, encoding="utf-8")
    (folder / "b.txt").write_text("Orla Venn, a doctor from Kesh, joined Tamsin Labs.", "utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.ttl"
        args = ["build", str(folder), "-q", "--no-cache", "-o", str(out), "--jobs", jobs]
        for name in ("entities.v1", "learned.v1", "quotes.v1"):
            args += ["--extractor", name]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert b"learned.v1" in outputs[0]
    assert outputs[0] == outputs[1]


def test_token_table_reads_the_parse_as_spacy_does(nlp):
    from kg.learn.features import Tokens, _word

    doc = nlp("Jo Bloggs, 52, did not join Acme Corp in 2001. Ann Smith left Ruritania.")
    t = Tokens(doc)
    assert t.word == [_word(tok) for tok in doc]
    assert t.head == [tok.head.i for tok in doc]
    assert t.dep == [tok.dep_ for tok in doc]
    assert t.lemma == [tok.lemma_.lower() for tok in doc]
    assert t.sentence == [tok.sent.start for tok in doc]
    assert t.children == [[c.i for c in tok.children] for tok in doc]


def test_scores_sum_each_pair_on_its_own():
    model = _tiny_model()
    alone = model.scores([hashed(["a", "b"])])
    together = model.scores([hashed(["b"]), [], hashed(["a", "b"]), hashed(["a"])])
    assert np.array_equal(alone[0], together[2])
    assert np.allclose(together[1], model.scores([[]])[0])


def test_a_town_with_its_region_is_one_place(nlp):
    from kg.learn.candidates import token_spans, town_region

    text = "Jo Bloggs was born in Springfield, Ohio. Ann Smith lived in Paris, London and Rome."
    found = _extract(nlp, text, ("entities.v1",))
    doc = nlp(text)
    joined = town_region(doc, token_spans(doc, found.mentions))
    wholes = {w[2] for w in joined.values()}
    assert wholes == {"Springfield, Ohio"}  # a list of towns is no town with its region
    assert {w[3].text for w in joined.values()} == {"Springfield"}


def test_learned_home_in_a_town_with_its_region(nlp):
    text = "Jo Bloggs was born in Springfield, Ohio."
    found = _extract(nlp, text, ("entities.v1", "learned.v1"))
    homes = {
        (r.subject.text, r.object.text)
        for r in found.relations
        if r.predicate in {"bornIn", "livesIn"}
    }
    assert homes == {("Jo Bloggs", "Springfield, Ohio")}
    for r in found.relations:
        if r.predicate == "sameAs":
            assert (r.subject.text, r.object.text) == ("Springfield, Ohio", "Springfield")
