"""``manage.py load_demo``: demo accounts and data for ``make run``. Idempotent; refused when
DEBUG is off, so demo accounts never reach a production database."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reporting import demo


class Command(BaseCommand):
    help = "Load the demo resolution, requests and accounts (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data and accounts are only created when DEBUG is on.")
        password = demo.demo_password(generate=lambda: secrets.token_urlsafe(12))
        accounts = demo.create_accounts(password)
        summary = demo.load_data(accounts)
        self.stdout.write(self.style.SUCCESS(summary))
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password: {password}):")
        for username, description in demo.ACCOUNTS:
            self.stdout.write(f"  {username:<10} {description}")
        self.stdout.write("")
        self.stdout.write(f"Open {settings.SITE_URL}/ and log in.")
