"""The committed CSV records of published/ (the publication record, the tag record, what was posted on Telegram):
a damaged one is refused in one line naming the file, whichever it is, and nothing is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run

RECORDS = {
    "published/record.csv": "slug,lang,first_published,last_changed,digest,corrected,correction,retracted\n",
    "published/tags.csv": None,  # its header is read from the module below
    "published/telegram.csv": "slug,lang,chat,message_id,kind,payload,state,at\n",
}


@pytest.mark.parametrize("name", sorted(RECORDS))
@pytest.mark.parametrize("damage", ["quote", "header"])
def test_a_damaged_record_is_one_line_and_nothing_is_built(shipped: Path, tmp_path: Path, name: str, damage: str) -> None:
    from tarjima.site import tags

    header = RECORDS[name] or ",".join(tags.HEADER) + "\n"
    path = shipped / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + 'a,"b"c\n' if damage == "quote" else "slug\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert result.err.startswith(f"error: {name}:") and len(result.err.strip().splitlines()) == 1, result.err
    assert not out.exists()
