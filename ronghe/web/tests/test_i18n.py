from pathlib import Path

import polib
import pytest
from django.core.management import call_command

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_string_has_a_chinese_translation():
    po = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []


def test_compiled_catalogue_is_up_to_date():
    po = polib.pofile(str(LOCALE / "django.po"))
    mo = polib.mofile(str(LOCALE / "django.mo"))
    assert {e.msgid: e.msgstr for e in po.translated_entries() if not e.msgid_plural} == {
        e.msgid: e.msgstr for e in mo if not e.msgid_plural and e.msgid
    }


@pytest.mark.django_db
def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path, settings):
    """makemessages over the source finds nothing the committed catalogue lacks."""
    import shutil

    src = Path(__file__).resolve().parents[2]
    work = tmp_path / "ronghe"
    shutil.copytree(src, work, ignore=shutil.ignore_patterns("static", "__pycache__", "tests"))
    import os

    cwd = os.getcwd()
    os.chdir(work)
    try:
        call_command("makemessages", locale=["zh_Hans"], verbosity=0, no_obsolete=True)
    finally:
        os.chdir(cwd)
    fresh = {e.msgid for e in polib.pofile(str(work / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))}
    committed = {e.msgid for e in polib.pofile(str(LOCALE / "django.po")) if e.msgstr or e.msgstr_plural}
    assert fresh - committed == set()
