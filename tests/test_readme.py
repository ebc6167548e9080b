"""Every sample command of the README is run, and its output must be the one printed there.

A sample is a ``$ command`` line in a code block, its output the lines after it (up to the
next ``$`` line or the block's end), or a ``sh`` block of ``kg`` commands followed at once by a
plain block, their output. Commands run with bash in a scratch folder laid out as the README
assumes (the example article as ``article.txt`` and built into ``article.ttl`` and
``exports/``, ``queries/``, ``../shared``), each in its own copy of it, stdout and stderr
together. Build times
(``in 3.1 s``) are compared as ``in N s``; a ``...`` line stands for any lines. The samples
that cannot run here are listed in :data:`NOT_RUN`, each with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "taliban-twitter-threads.txt"

#: Samples not run, by the start of their command, with the reason.
NOT_RUN = {
    "kg build latin.txt -o out.ttl": "the README does not show latin.txt's text",
    "kg build news.jsonl -o out.ttl --skip-errors": "the README does not show news.jsonl's text",
    "kg build news/": "the README does not show the news/ articles",
    "KG_WIKIDATA_API=": "the README does not show the news/ articles",
    "kg build examples/taliban-twitter-threads.txt apple.txt": "apple.txt is not shown",
    "kg query --store kgdb": "the store holds apple.txt, which is not shown",
    "kg serve": "a server that runs until stopped (tests/test_server.py runs it)",
    "curl ": "needs a running server (tests/test_server.py, tests/test_push.py)",
    "oxigraph serve": "needs the Oxigraph server (tests/test_push.py runs it)",
    "kg push": "needs a running Oxigraph server (tests/test_push.py)",
    "kg build latin.txt -o /sys/out.ttl": "root may write under /sys on some machines",
    "kg eval ../shared/": "needs ../shared (the gold files)" if not SHARED.is_dir() else "",
}


#: Output blocks whose command is told in the prose before them, by their first line.
TOLD = {
    "entities_found: 21/25": "kg eval ../shared/gold/seed.json",
    "label                   pagerank": (
        "kg analyze exports/taliban-twitter-threads.ttl --annotate -o annotated.ttl "
        ">/dev/null 2>&1 && "
        "kg query annotated.ttl 'SELECT ?label ?pagerank WHERE { ?e kgo:community 1 ; "
        "kgo:pagerank ?pagerank ; rdfs:label ?label . } ORDER BY DESC(?pagerank) ?label'"
    ),
}


@dataclass(frozen=True)
class Sample:
    line: int
    command: str
    expected: tuple[str, ...]


def _complete(command: str) -> bool:
    """Whether bash reads ``command`` as complete (no quote left open)."""
    done = subprocess.run(
        ["bash", "-n", "-c", command], capture_output=True, text=True, check=False
    )
    return not re.search(r"unexpected (end of file|EOF)", done.stderr)


def samples(text: str | None = None) -> list[Sample]:
    """The samples of the README (see the module docstring)."""
    lines = (text if text is not None else README.read_text(encoding="utf-8")).splitlines()
    blocks: list[tuple[int, str, list[str]]] = []  # (first line number, language, lines)
    i = 0
    while i < len(lines):
        fence = re.match(r"```(\w*)\s*$", lines[i])
        if fence is None:
            i += 1
            continue
        start, lang, body = i + 1, fence.group(1), []
        i += 1
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        blocks.append((start, lang, body))
        i += 1
    found: list[Sample] = []
    for n, (start, lang, body) in enumerate(blocks):
        if lang == "" and body and body[0] in TOLD:
            found.append(Sample(start + 1, TOLD[body[0]], tuple(body)))
        if lang in ("", "console") and any(line.startswith("$ ") for line in body):
            j = 0
            while j < len(body):
                if not body[j].startswith("$ "):
                    j += 1
                    continue
                line_no, command = start + j + 1, body[j][2:]
                j += 1
                while not _complete(command) and j < len(body):
                    command += "\n" + body[j]
                    j += 1
                out = []
                while j < len(body) and not body[j].startswith("$ "):
                    out.append(body[j])
                    j += 1
                found.append(Sample(line_no, command, tuple(out)))
        elif lang == "sh" and n + 1 < len(blocks):
            commands = [line for line in body if line.strip() and not line.startswith("#")]
            nxt_start, nxt_lang, nxt_body = blocks[n + 1]
            adjacent = all(
                not line.strip() for line in lines[start + len(body) + 1 : nxt_start - 1]
            )
            if (
                commands
                and all(c.startswith("kg ") for c in commands)
                and nxt_lang == ""
                and adjacent
            ):  # the commands run one after the other; their outputs follow one another
                found.append(Sample(start + 1, "\n".join(commands), tuple(nxt_body)))
    return found


def _broken_nt(nt: str) -> str:
    """The example graph as the README's ``broken.nt``: Meta's label removed, the provenance
    statement of "Taliban detained Timothy Weeks" deleted, one confidence set to 1.5."""
    entity = "<http://example.org/kg/entity/"
    rdf = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    lines = nt.splitlines()
    statements: dict[str, set[str]] = {}
    for line in lines:
        s, p, o = line.split(" ", 2)
        statements.setdefault(s, set()).add(f"{p} {o.rstrip(' .')}")
    wanted = {
        f"{rdf}subject> {entity}taliban>",
        f"{rdf}predicate> <https://w3id.org/kg/ontology#detained>",
        f"{rdf}object> {entity}timothy-weeks>",
    }
    gone = {s for s, props in statements.items() if wanted <= props}
    out = []
    for line in lines:
        s, p, o = line.split(" ", 2)
        if s in gone or (s == f"{entity}meta>" and p.endswith("rdf-schema#label>")):
            continue
        if s.endswith("/12876dfc462ee1f9>") and p.endswith("#confidence>"):
            line = f'{s} {p} "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .'
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scratch folder the samples run in (see the module docstring)."""
    top = tmp_path_factory.mktemp("readme")
    work = top / "work"
    work.mkdir()
    if SHARED.is_dir():
        (top / "shared").symlink_to(SHARED)
    for name in ("examples", "queries", "tests"):
        (work / name).symlink_to(ROOT / name)
    shutil.copy(EXAMPLE, work / "article.txt")
    kg = [sys.executable, "-m", "kg.cli"]
    exports = work / "exports"
    exports.mkdir()
    for fmt in ("ttl", "trig", "nt"):
        subprocess.run(
            [*kg, "build", str(EXAMPLE), "-q", "-o", str(exports / f"{EXAMPLE.stem}.{fmt}")],
            check=True,
            env=_env(),
        )
    shutil.copy(exports / f"{EXAMPLE.stem}.ttl", work / "article.ttl")
    nt = (exports / f"{EXAMPLE.stem}.nt").read_text(encoding="utf-8")
    (work / "broken.nt").write_text(_broken_nt(nt), encoding="utf-8")
    # the failure-mode inputs the README names
    (work / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (work / "report.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (work / "latin.txt").write_bytes("Jo Bloggs visited Caf\xe9 Example.\n".encode("cp1252"))
    first = '{"id": "a", "text": "Jo Bloggs arrived."}'
    (work / "news.jsonl").write_text(first + '\n{"id": "b", "text": "abcd\tefg"}\n')
    (work / "scans").mkdir()
    (work / "scans" / "page.pdf").write_bytes(b"%PDF-1.4\n")
    (work / "gold.json").write_text("[\n", encoding="utf-8")
    return work


def _env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "KG_PROGRESS_INTERVAL": "3600",  # no progress line in a sample's output
        "COLUMNS": "200",
    }


def _normalise(line: str) -> str:
    return re.sub(r" in \d+(\.\d+)? s\b", " in N s", line.rstrip())


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines are ``expected`` (a ``...`` line there matching any lines)."""
    if not expected:
        return not actual
    if expected[0].strip() == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def _reason(sample: Sample) -> str | None:
    for start, why in NOT_RUN.items():
        if why and sample.command.startswith(start):
            return why
    return None


SAMPLES = samples()


def test_the_readme_has_samples_and_every_skip_is_used() -> None:
    assert len(SAMPLES) >= 40
    for start in NOT_RUN:
        assert any(s.command.startswith(start) for s in SAMPLES), f"unused NOT_RUN {start!r}"


@pytest.mark.parametrize("sample", SAMPLES, ids=[f"line{s.line}" for s in SAMPLES])
def test_readme_sample(sample: Sample, workdir: Path, tmp_path: Path) -> None:
    why = _reason(sample)
    if why is not None:
        pytest.skip(f"README line {sample.line} not run: {why}")
    here = tmp_path / "work"  # each sample in its own copy: one cannot change another's files
    shutil.copytree(workdir, here, symlinks=True)
    if (workdir.parent / "shared").exists():
        (tmp_path / "shared").symlink_to(SHARED)
    done = subprocess.run(
        ["bash", "-c", sample.command],
        cwd=here,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, in the order it was written
        text=True,
        check=False,
        timeout=300,
    )
    actual = [_normalise(line) for line in done.stdout.splitlines()]
    expected = [_normalise(line) for line in sample.expected]
    while actual and not actual[-1]:
        actual.pop()
    while expected and not expected[-1]:
        expected.pop()
    if not matches(expected, actual):
        # the assertion shows the README's lines beside the command's own
        assert actual == expected, f"README line {sample.line}: {sample.command}"
