"""Delete technical log rows older than a number of days (run weekly from cron)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.retention import prune


class Command(BaseCommand):
    help = (
        "Delete sign-in events, access logs, sent emails and form tokens older than --older-than-days "
        "(default AUDIT_RETENTION_DAYS). Request and mandate history is never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=None)

    def handle(self, *args, older_than_days, **options):
        days = settings.AUDIT_RETENTION_DAYS if older_than_days is None else older_than_days
        if days < 1:
            raise CommandError("--older-than-days must be at least 1.")
        counts = prune(before=timezone.now() - datetime.timedelta(days=days))
        for name, count in counts.items():
            self.stdout.write(f"{count} {name} older than {days} days deleted.")
