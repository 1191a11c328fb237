"""``manage.py send_pending_emails``: send what is still waiting in the outbox (messages
whose delivery task failed every retry, or was lost with a worker).

Run it every few minutes (cron or a systemd timer). Messages stay in the outbox until they go,
with the number of attempts and the last error, visible in the admin.
"""

from django.core.management.base import BaseCommand

from states import outbox
from states.models import OutgoingEmail


class Command(BaseCommand):
    help = "Send the emails still waiting in the outbox."

    def handle(self, *args, **options):
        sent = outbox.send_queued()
        left = OutgoingEmail.objects.pending().count()
        self.stdout.write(f"{sent} sent, {left} still pending.")
