"""The interface in Spanish, French and Portuguese: committed catalogs are complete and compiled,
the language switcher remembers the choice, and dates follow the chosen language.

Catalogs are updated with ``make messages`` (makemessages + compilemessages); these tests fail
when a string is added to a template or to Python code without a translation, or when a ``.po``
is edited without recompiling its ``.mo``.
"""

from __future__ import annotations

import ast
import datetime
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation.template import templatize

from tests import factories

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
LANGUAGES = ("es", "fr", "pt")
# What makemessages is told to ignore (see the Makefile's `messages` target), plus what git ignores.
IGNORED_DIRS = {".venv", "tests", "staticfiles", "var", "test-artifacts", ".git", "node_modules", "locale", "docs"}
SOURCE_SUFFIXES = (".py", ".html", ".txt")


def _po(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


def _catalog(path: Path) -> dict:
    """The messages of a compiled catalog as gettext reads them, without the header entry."""
    with path.open("rb") as fp:
        catalog = dict(gettext.GNUTranslations(fp)._catalog)
    catalog.pop("", None)
    return catalog


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_committed_mo_holds_exactly_what_its_po_says(lang, tmp_path):
    compiled_from_po = tmp_path / "fresh.mo"
    _po(lang).save_as_mofile(str(compiled_from_po))

    committed = _catalog(LOCALE / lang / "LC_MESSAGES" / "django.mo")
    fresh = _catalog(compiled_from_po)

    stale = sorted(str(key) for key in fresh.keys() ^ committed.keys())
    changed = sorted(str(key) for key in fresh.keys() & committed.keys() if fresh[key] != committed[key])
    assert not stale and not changed, (
        f"locale/{lang}/LC_MESSAGES/django.mo does not match its .po; run `make messages`. "
        f"Differing messages: {(stale + changed)[:10]}"
    )


# ---------------------------------------------------------------------------------------------
# Extraction: which strings the code asks to translate.


def _source_files() -> list[Path]:
    files = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_DIRS and not d.startswith("."))
        files.extend(Path(dirpath) / name for name in sorted(filenames) if name.endswith(SOURCE_SUFFIXES))
    return files


def _extract_with_makemessages(tmp_path: Path) -> dict[str, polib.POFile]:
    """Run Django's makemessages (xgettext + msgmerge) on a copy of the sources and catalogs, so
    the working tree is never touched; return the merged catalogs."""
    copy = tmp_path / "project"
    for source in [*_source_files(), *LOCALE.glob("*/LC_MESSAGES/django.po")]:
        target = copy / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    shutil.copyfile(ROOT / "manage.py", copy / "manage.py")
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-wrap"]
    command += [f"--locale={lang}" for lang in LANGUAGES]
    environment = {**os.environ, "DEBUG": "true", "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(command, cwd=copy, env=environment, check=True, capture_output=True, timeout=300)
    return {lang: polib.pofile(str(copy / "locale" / lang / "LC_MESSAGES" / "django.po")) for lang in LANGUAGES}


_GETTEXT_NAMES = {
    "_": ("msgid",),
    "gettext": ("msgid",),
    "gettext_lazy": ("msgid",),
    "gettext_noop": ("msgid",),
    "ngettext": ("msgid", "plural"),
    "ngettext_lazy": ("msgid", "plural"),
    "pgettext": ("context", "msgid"),
    "pgettext_lazy": ("context", "msgid"),
    "npgettext": ("context", "msgid", "plural"),
    "npgettext_lazy": ("context", "msgid", "plural"),
}
_STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
# templatize() turns a template into pseudo-Python with gettext()/pgettext()/ngettext() calls.
_TEMPLATE_CALL = re.compile(
    rf"\b(_|gettext|pgettext|ngettext|npgettext)\(\s*({_STRING})(?:\s*,\s*({_STRING}))?(?:\s*,\s*({_STRING}))?"
)


def _message_key(name: str, strings: list[str]) -> tuple[str | None, str] | None:
    roles = dict(zip(_GETTEXT_NAMES[name], strings, strict=False))
    return (roles.get("context"), roles["msgid"]) if "msgid" in roles else None


def _python_messages(path: Path) -> set[tuple[str | None, str]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in _GETTEXT_NAMES:
            continue
        strings = []
        for argument in node.args[: len(_GETTEXT_NAMES[name])]:
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                break
            strings.append(argument.value)
        if (key := _message_key(name, strings)) and key[1]:
            found.add(key)
    return found


def _template_messages(path: Path) -> set[tuple[str | None, str]]:
    found = set()
    for match in _TEMPLATE_CALL.finditer(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
        name, *literals = match.groups()
        strings = [ast.literal_eval(literal.removeprefix("u")) for literal in literals if literal]
        if (key := _message_key(name, strings)) and key[1]:
            found.add(key)
    return found


def extract_in_python() -> set[tuple[str | None, str]]:
    """The (context, msgid) pairs the code marks for translation, found without gettext tools:
    Python through ``ast``, templates through Django's own ``templatize``."""
    found = set()
    for path in _source_files():
        found |= _python_messages(path) if path.suffix == ".py" else _template_messages(path)
    return found


def _untranslated(entry: polib.POEntry) -> bool:
    translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
    return not translated or "fuzzy" in entry.flags


def _report(missing: dict[str, list[str]]) -> str:
    lines = [f"{lang}: {len(ids)} untranslated, e.g. {ids[:8]}" for lang, ids in missing.items() if ids]
    return "Strings without a translation (run `make messages`, translate, recompile):\n" + "\n".join(lines)


HAVE_GETTEXT_TOOLS = bool(shutil.which("xgettext") and shutil.which("msgmerge"))


def test_every_string_in_templates_and_code_is_translated_in_every_catalog(tmp_path):
    if HAVE_GETTEXT_TOOLS:
        catalogs = _extract_with_makemessages(tmp_path)
        missing = {
            lang: [entry.msgid for entry in po if not entry.obsolete and _untranslated(entry)]
            for lang, po in catalogs.items()
        }
    else:
        # No GNU gettext on this machine: the same check from a pure-Python extraction.
        wanted = extract_in_python()
        missing = {}
        for lang in LANGUAGES:
            entries = {(entry.msgctxt, entry.msgid): entry for entry in _po(lang) if not entry.obsolete}
            missing[lang] = sorted(
                msgid
                for context, msgid in wanted
                if (entry := entries.get((context, msgid))) is None or _untranslated(entry)
            )
    assert not any(missing.values()), _report(missing)


@pytest.mark.skipif(not HAVE_GETTEXT_TOOLS, reason="compares with xgettext, which this machine lacks")
def test_the_pure_python_extraction_finds_every_string_makemessages_finds(tmp_path):
    from_makemessages = {(entry.msgctxt, entry.msgid) for entry in _extract_with_makemessages(tmp_path)["es"]}

    assert extract_in_python() == from_makemessages - {(None, "")}


# ---------------------------------------------------------------------------------------------
# The switcher and locale formats.


def test_choosing_spanish_is_remembered_and_the_next_page_is_in_spanish(staff_client):
    response = staff_client.post(reverse("set_language"), {"language": "es", "next": reverse("home")})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = staff_client.get(reverse("commitments:mandate_list")).content.decode()
    assert '<html lang="es">' in page
    assert ">Mandatos</a>" in page
    assert "Cerrar sesión" in page


def test_the_login_page_can_be_switched_to_french_before_logging_in(client):
    client.post(reverse("set_language"), {"language": "fr", "next": reverse("login")})

    page = client.get(reverse("login")).content.decode()

    assert "Nom d&#x27;utilisateur" in page or "Nom d'utilisateur" in page
    assert "Mot de passe" in page


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "Feb. 12, 2024"),
        ("es", "12 de febrero de 2024"),
        ("fr", "12 février 2024"),
        ("pt", "12 de Fevereiro de 2024"),
    ],
)
def test_a_resolutions_date_of_adoption_is_written_in_the_readers_language(staff_client, language, written):
    resolution = factories.make_resolution(adopted_on=datetime.date(2024, 2, 12))
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = staff_client.get(resolution.get_absolute_url()).content.decode()

    assert written in page


@pytest.mark.parametrize(("language", "written"), [("en", "33.3"), ("es", "33,3"), ("fr", "33,3"), ("pt", "33,3")])
def test_the_share_of_women_on_a_states_page_uses_the_readers_decimal_mark(
    focal_mx, focal_mx_client, language, written
):
    request = factories.make_request("MEX", by=focal_mx)
    factories.make_activity(request, participants_women=1, participants_men=2)
    focal_mx_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = focal_mx_client.get(reverse("states:state_detail", args=["MEX"])).content.decode()

    assert re.search(rf"\b{re.escape(written)}\s?%", page), f"no {written}% on the page"
