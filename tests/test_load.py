"""Stage 1: every supported format loads; bad input gets one clear error naming the file."""

import json
import os

import pytest

from factcheck.errors import (
    EmptySourceError,
    InvalidDocumentError,
    LimitExceededError,
    SourceNotFoundError,
    UnsupportedFileError,
)
from factcheck.load import load_documents
from factcheck.results import Document

ARTICLE = "Fire hits town\n\nA fire destroyed 27 homes on Wednesday, officials said.\n"


def test_txt_md_html_json_jsonl_and_directory(write, tmp_path):
    write("d/a.txt", ARTICLE)
    write("d/b.md", "# Fire\n\nA fire destroyed homes.\n")
    write("d/c.html", "<html><head><title>Fire</title><script>var x=1;</script></head><body><nav>Home</nav>"
                      "<article><h1>Fire hits town</h1><p>A fire destroyed 27 homes in the town on Wednesday, "
                      "officials said on Thursday morning.</p><p>No one was hurt in the fire, the mayor told "
                      "reporters at the scene.</p></article></body></html>")
    write("d/e.json", json.dumps({"source": "Reuters", "title": "T", "date": "2022-01-27", "text": "A fire hit."}))
    write("d/f.jsonl", json.dumps({"source": "AP", "text": "One."}) + "\n\n" + json.dumps({"text": "Two."}) + "\n")
    write("d/.hidden.txt", "ignored")
    write("d/notes.csv", "ignored")
    docs = load_documents([tmp_path / "d"])
    assert [d.source for d in docs] == ["a", "b", "c", "Reuters", "AP", "f-2"]
    html = docs[2]
    assert "27 homes" in html.text and "var x" not in html.text
    assert docs[3].date == "2022-01-27" and docs[3].title == "T"


def test_source_ids_are_made_unique(write):
    a = write("x/story.txt", ARTICLE)
    b = write("y/story.txt", ARTICLE + " More.")
    docs = load_documents([a, b, Document(text="t", source="story")])
    assert [d.source for d in docs] == ["story", "story-2", "story-3"]


@pytest.mark.parametrize("name,content,error,needle", [
    ("empty.txt", "", EmptySourceError, "empty article"),
    ("blank.txt", "  \n\t \n", EmptySourceError, "empty article"),
    ("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00", UnsupportedFileError, "PNG"),
    ("doc.pdf", b"%PDF-1.4 ...", UnsupportedFileError, "PDF"),
    ("bin.txt", b"abc\x00\x01\x02def", UnsupportedFileError, "binary"),
    ("arch.txt", b"PK\x03\x04rest", UnsupportedFileError, "zip"),
    ("bad.json", "{not json", InvalidDocumentError, "invalid JSON"),
    ("notext.json", json.dumps({"source": "x"}), InvalidDocumentError, "missing field 'text'"),
    ("wrongtype.json", json.dumps({"text": 5}), InvalidDocumentError, "must be a string"),
    ("list.jsonl", '{"text": "ok"}\n[1, 2]\n', InvalidDocumentError, "expected a JSON object"),
    ("data.xyz", "hello", UnsupportedFileError, "unsupported file type"),
])
def test_bad_files_raise_one_line_errors_naming_the_file(write, name, content, error, needle):
    path = write(name, content)
    before = path.read_bytes()
    with pytest.raises(error) as exc:
        load_documents([path])
    msg = str(exc.value)
    assert name in msg and needle in msg and "\n" not in msg
    assert path.read_bytes() == before


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(SourceNotFoundError, match="no such file"):
        load_documents([tmp_path / "nope.txt"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(EmptySourceError, match="holds no articles"):
        load_documents([tmp_path / "empty"])


def test_unreadable_file(write):
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    p = write("secret.txt", ARTICLE)
    p.chmod(0)
    with pytest.raises(SourceNotFoundError, match="cannot read"):
        load_documents([p])


def test_encodings(write):
    warns: list[str] = []
    latin = write("latin.txt", "Caf\xe9 owners said the fire started at 9.".encode("latin-1"))
    utf16 = write("u16.txt", "A fire hit the caf\u00e9.\r\nIt burned.".encode("utf-16"))
    crlf = write("crlf.txt", b"Line one is here.\r\nLine two is here.\r\n")
    bom8 = write("bom.txt", "\ufeffA fire.".encode("utf-8"))
    docs = load_documents([latin, utf16, crlf, bom8], warnings=warns)
    assert docs[0].text.startswith("Caf\u00e9")
    assert any("latin.txt" in w and "UTF-8" in w for w in warns)
    assert docs[1].text == "A fire hit the caf\u00e9.\nIt burned."
    assert "\r" not in docs[2].text
    assert docs[3].text == "A fire."


def test_character_limit(write):
    p = write("big.txt", "word " * 1000)
    with pytest.raises(LimitExceededError, match="--max-chars"):
        load_documents([p], max_chars=1000)
