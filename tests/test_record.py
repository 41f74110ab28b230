"""Essay pages drawn in workers: recorded, replayed on the one canvas, the same PDF byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import long_brief, pack, seed_briefs

from brief import workers
from brief.render.layout import load_layout
from brief.render.pdf import render_pack
from brief.render.record import Recorder, replay

ROOT = Path(__file__).resolve().parents[1]


class Log:
    """A canvas that notes its calls; its text objects note theirs under their own name."""

    def __init__(self, name: str = "canvas", calls: list | None = None):
        self.name, self.calls = name, calls if calls is not None else []
        self.made = 0

    def beginText(self):  # noqa: N802
        self.made += 1
        self.calls.append((self.name, "beginText"))
        return Log(f"text{self.made}", self.calls)

    def __getattr__(self, name):
        return lambda *args, **kw: self.calls.append((self.name, name, args, kw))


def test_replay_makes_the_recorded_calls_on_the_objects_they_were_made_on():
    rec = Recorder()
    rec.setFillColor("#123456")
    first = rec.beginText()
    second = rec.beginText()
    second.setFont("F1", 9.5)
    first.textOut("甲")
    rec.drawText(first)
    rec.rect(1, 2, 3, 4, stroke=0, fill=1)
    log = Log()
    replay(log, rec.ops)
    texts = [c[2][0].name for c in log.calls if c[1] == "drawText"]
    assert log.calls[:4] == [
        ("canvas", "setFillColor", ("#123456",), {}),
        ("canvas", "beginText"),
        ("canvas", "beginText"),
        ("text2", "setFont", ("F1", 9.5), {}),
    ]
    assert log.calls[4] == ("text1", "textOut", ("甲",), {})
    assert texts == ["text1"]  # the text object the recorded one stood for
    assert log.calls[-1] == ("canvas", "rect", (1, 2, 3, 4), {"stroke": 0, "fill": 1})


def test_a_recorder_refuses_what_it_cannot_keep():
    with pytest.raises(AttributeError):
        Recorder()._pagesize  # noqa: B018  (a state read: drawing code must not need one)


@pytest.fixture(scope="module")
def big_pack():
    """Enough essays for workers, one of them too long, so there are warnings to keep in order."""
    briefs = [*seed_briefs() * 4, long_brief(title="第一篇长文"), long_brief(title="第二篇长文")]
    return pack(*briefs)


@pytest.mark.parametrize("name", ["default", "map"])
def test_pages_drawn_in_workers_make_the_serial_pdf(big_pack, monkeypatch, name):
    layout = load_layout(str(ROOT / "layouts" / f"{name}.yaml"))
    used = []
    real = workers.ordered_results

    def spy(fn, items, jobs, background=False):
        used.append(jobs)
        return real(fn, items, jobs, background)

    monkeypatch.setattr(workers, "ordered_results", spy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    monkeypatch.setenv("BRIEF_JOBS", "1")
    serial = render_pack(big_pack, layout)
    assert used == []
    monkeypatch.setenv("BRIEF_JOBS", "2")
    parallel = render_pack(big_pack, layout)
    assert used == [2]
    assert parallel[0] == serial[0]
    assert parallel[1] == serial[1]
    assert sum("too long for one page" in w for w in serial[1]) >= 2
