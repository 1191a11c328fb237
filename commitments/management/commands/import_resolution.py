"""python manage.py import_resolution FILE [--language xx] [--dry-run] [--json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from commitments.importer import ResolutionImportError, import_resolution_file, parse_file
from commitments.lineage import propose_for_document


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
                self._print(_with_predecessors(document) if json else None, document.counts(), document.symbol)
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


def _with_predecessors(document) -> dict:
    """The parse, each paragraph with the predecessor proposed for it (the import preview's):
    ``{"symbol", "number", "kind", "score"}`` or null."""
    data = document.to_dict()
    proposals = iter(propose_for_document(document))

    def walk(paragraphs):  # document order, as ParsedDocument.paragraphs() yields them
        for paragraph in paragraphs:
            proposal = next(proposals)
            paragraph["predecessor"] = proposal.as_dict() if proposal else None
            walk(paragraph["children"])

    for section in data["sections"]:
        walk(section["paragraphs"])
    return data
