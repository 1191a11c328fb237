"""python manage.py refresh_mandate_terms

Counts again how many mandates hold each word, the rarity the overlap hints weigh words by
(commitments.overlap.MandateTerm). Each import queues the same count for the task worker once it
is saved (commitments.overlap.refresh_mandate_terms); the nightly run catches any other change of
the texts. About 10 s for 100,000 mandates."""

from django.core.management.base import BaseCommand

from commitments.overlap import refresh_term_frequencies


class Command(BaseCommand):
    help = "Count how many mandates hold each word (the overlap hints' rarity)."

    def handle(self, *args, **options):
        words = refresh_term_frequencies()
        self.stdout.write(f"{words} words held by two mandates or more")
