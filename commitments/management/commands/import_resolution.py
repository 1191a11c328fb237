"""python manage.py import_resolution FILE [--language xx] [--dry-run] [--json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from commitments.importer import ResolutionImportError, import_resolution_file, parse_file


class Command(BaseCommand):
    help = "Import a resolution (.txt, .docx or .pdf) into sections and mandates."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", choices=["en", "es", "fr", "pt"], help="default: detected from the text")
        parser.add_argument("--dry-run", action="store_true", help="parse and report; write nothing")
        parser.add_argument("--json", action="store_true", help="print the parse as JSON")

    def handle(self, *args, file, language, dry_run, json: bool, **options):
        try:
            if dry_run:
                document = parse_file(file, language=language)
                self._print(document.to_dict() if json else None, document.counts(), document.symbol)
                return
            report = import_resolution_file(file, by=None, language=language)
        except ResolutionImportError as error:
            raise CommandError("; ".join(error.messages)) from error
        summary = {"mode": report.mode, "resolution": report.resolution.symbol, "added": len(report.added)}
        summary |= {"changed": len(report.changed), "removed": len(report.removed), "unmatched": len(report.unmatched)}
        self._print(summary if json else None, summary, report.resolution.symbol)

    def _print(self, data, counts, symbol):
        if data is not None:
            self.stdout.write(json_module.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{symbol}: " + ", ".join(f"{key} {value}" for key, value in counts.items()))


json_module = json
