"""``manage.py cleanup_orphan_attachments [--delete] [--min-age MINUTES]``: files in the private
storage (a folder or an S3 bucket, read through the storage API) that no row names (an upload
whose transaction was rolled back, a row deleted by hand, a storage restored over a newer one),
and rows whose file is missing (a database restored without its storage; those documents
answer 410).

Changes nothing unless given ``--delete``, which removes the orphan files only; a row whose file
is missing is listed for an administrator to decide (restore the file, or delete the row).
Files younger than ``--min-age`` minutes are left alone: their upload may still be committing.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage, Storage
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone


def _file_fields():
    """Every stored-file field of every model, whatever storage (folder or bucket) it writes to."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def _where(storage: Storage) -> str:
    """The folder, or the bucket and prefix, that ``storage`` writes to."""
    if isinstance(storage, FileSystemStorage):
        return str(Path(storage.location).resolve())
    return f"s3://{storage.bucket_name}/{storage.location}".rstrip("/")


def _stored(storage: Storage) -> dict[str, float]:
    """Each file in ``storage`` by its storage name, with its modification time."""
    found = {}
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = storage.listdir(folder)
        except FileNotFoundError:  # a folder not created yet: nothing stored
            continue
        folders.extend(f"{folder}{name}/" for name in subfolders)
        for name in files:
            found[folder + name] = storage.get_modified_time(folder + name).timestamp()
    return found


class Command(BaseCommand):
    help = "List (and with --delete, remove) stored files no row names; list rows whose file is missing."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the orphan files (default: only list).")
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Leave files younger than this alone (an upload may still be committing). Default: 60.",
        )

    def handle(self, *args, delete: bool, min_age: int, **options):
        storages: dict[str, Storage] = {}
        named: dict[str, dict[str, str]] = {}
        for model, field in _file_fields():
            root = _where(field.storage)
            storages.setdefault(root, field.storage)
            names = named.setdefault(root, {})
            rows = model._default_manager.exclude(**{field.name: ""}).values_list("pk", field.name)
            for pk, name in rows.iterator():
                names[name] = f"{model._meta.label} {pk}"

        cutoff = (timezone.now() - datetime.timedelta(minutes=min_age)).timestamp()
        orphans = missing = deleted = 0
        for root, names in named.items():
            files = _stored(storages[root])
            for name, row in sorted(names.items()):
                if name not in files:
                    missing += 1
                    self.stdout.write(f"Missing file: {root}/{name} (named by {row})")
            for name, modified in sorted(files.items()):
                if name in names or modified > cutoff:
                    continue
                orphans += 1
                self.stdout.write(f"Orphan file: {root}/{name}")
                if delete:
                    storages[root].delete(name)
                    deleted += 1

        summary = f"{orphans} orphan file(s), {missing} row(s) whose file is missing"
        if delete:
            summary += f"; {deleted} file(s) deleted"
        elif orphans:
            summary += "; run again with --delete to remove the orphan files"
        self.stdout.write(summary + ".")
