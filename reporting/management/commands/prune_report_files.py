"""Delete report files older than a number of days (run daily from cron)."""

import datetime

from django.core.management.base import BaseCommand

from reporting.report_files import prune


class Command(BaseCommand):
    help = "Delete the implementation report files asked for more than --days days ago (default 14)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)

    def handle(self, *args, days, **options):
        pruned = prune(older_than=datetime.timedelta(days=days))
        self.stdout.write(f"{pruned} report file(s) deleted.")
