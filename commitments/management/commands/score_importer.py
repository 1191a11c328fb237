"""python manage.py score_importer [FOLDER_OR_FILE ...] [--quiet]

Runs the importer over a corpus of real documents (default: tests/data/real) and prints, per
document and in total, whether it came out exactly right and its operative-count, owner,
symbol, deadline, preamble and furniture-leak errors. Reads the owner aliases of the database;
writes nothing.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from commitments.importer import parse_file
from commitments.importer.scoring import load_expected, report_lines, score_corpus

DEFAULT = Path(settings.BASE_DIR) / "tests" / "data" / "real"


class Command(BaseCommand):
    help = "Score the importer on a corpus of real resolutions with an EXPECTED.json."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="corpus folders, or files inside one (default: tests/data/real)")
        parser.add_argument("--quiet", action="store_true", help="one line per document, no details")

    def handle(self, *args, paths, quiet, **options):
        groups: dict[Path, list[str] | None] = {}
        for raw in paths or [str(DEFAULT)]:
            path = Path(raw)
            if path.is_dir():
                groups[path] = None
            elif path.is_file():
                names = groups.setdefault(path.parent, [])
                if names is not None:
                    names.append(path.name)
            else:
                raise CommandError(f"{raw}: no such file or folder")
        scores = []
        for folder, names in groups.items():
            if not (folder / "EXPECTED.json").exists():
                raise CommandError(f"{folder}: no EXPECTED.json")
            unknown = [name for name in names or [] if name not in load_expected(folder)]
            if unknown:
                raise CommandError(f"{', '.join(unknown)}: not in {folder / 'EXPECTED.json'}")
            scores += score_corpus(folder, parse_file, names)
        self.stdout.write("\n".join(report_lines(scores, verbose=not quiet)))
        if not all(score.exact for score in scores):
            raise SystemExit(1)
