"""The optional CRF fallback: asked only about runs the rules leave unexplained, in a window."""

from __future__ import annotations

import pytest

from extractors import Pipeline, crf
from extractors.ner import NerTagger

# (sentence, run the rules cannot explain) — foreign names carry no Vietnamese family name.
UNEXPLAINED = [
    ("Theo chuyên gia John Smith Walker, thị trường sẽ phục hồi trong năm tới.",
     "John Smith Walker"),
]


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger()


@pytest.mark.parametrize("text, run", UNEXPLAINED)
def test_crf_fills_an_unexplained_run(tagger: NerTagger, text: str, run: str) -> None:
    found = [(t, s, e) for t, s, e, _ in tagger.tag(text, 0, len(text))]
    assert [text[s:e] for s, e in tagger.unexplained] == [run]
    got = crf.fill(text, tagger.unexplained, found)
    assert [(t, text[s:e]) for t, s, e in got] == [("PER", run)]


def test_crf_is_not_asked_when_the_rules_explain_everything(
    tagger: NerTagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Bác sĩ Nguyễn Văn Bình, Giám đốc Sở Y tế tỉnh Cao Bằng, cho biết."
    found = [(t, s, e) for t, s, e, _ in tagger.tag(text, 0, len(text))]
    monkeypatch.setattr(crf, "tag_sentence", lambda *a: pytest.fail("CRF asked"))
    assert crf.fill(text, tagger.unexplained, found) == []


@pytest.mark.parametrize(
    "text, run, window",
    [
        # short sentence: the whole of it
        ("Ông Abc Def nói.", "Abc Def", "Ông Abc Def nói."),
        # long context is cut to about CONTEXT characters each side, at white space
        ("một " * 30 + "Abc Def" + " hai" * 30, "Abc Def",
         ("một " * 10).strip() + " Abc Def " + ("hai " * 10).strip()),
    ],
)
def test_window_is_bounded_and_cut_at_white_space(text: str, run: str, window: str) -> None:
    s = text.index(run)
    a, b = crf._window(text, s, s + len(run), 0, len(text))
    assert text[a:b] == window
    assert b - a <= len(run) + 2 * crf.CONTEXT


def test_crf_never_wins_an_overlap_in_the_pipeline() -> None:
    text = "Phó Giám đốc Sở Y tế Nguyễn Văn An và chuyên gia John Smith Walker đã làm việc."
    names = ["layout", "ner", "crf"]
    rec = Pipeline(names).process(text)
    spans = [(m["type"], m["text"], m["source"]) for m in rec["entities"]]
    assert ("PER", "Nguyễn Văn An", "ner") in spans
    assert ("ORG", "Sở Y tế", "ner") in spans


def test_crf_reads_the_ner_parse_instead_of_parsing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors.ner as ner_module

    text = "Theo chuyên gia John Smith Walker, thị trường sẽ phục hồi trong năm tới."
    pipe = Pipeline(["ner", "crf"])
    calls = []
    real_tag = ner_module.NerTagger.tag
    monkeypatch.setattr(ner_module.NerTagger, "tag",
                        lambda self, *a, **k: calls.append(1) or real_tag(self, *a, **k))
    rec = pipe.process(text)
    assert len(calls) == 1
    assert ("PER", "John Smith Walker") in [(m["type"], m["text"]) for m in rec["entities"]]
