"""Django's ``createsuperuser``, with the password rules applied in ``--noinput`` mode too.

Django checks ``AUTH_PASSWORD_VALIDATORS`` only when it asks for the password at the prompt; a
password given through ``DJANGO_SUPERUSER_PASSWORD`` (how deployments script the first
administrator) would be stored unchecked, ten spaces included.
"""

import os

from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core import exceptions
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options["interactive"] and password is not None:
            username_field = self.UserModel.USERNAME_FIELD
            username = options[username_field] or os.environ.get(f"DJANGO_SUPERUSER_{username_field.upper()}")
            email = options.get("email") or os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
            try:
                validate_password(password, self.UserModel(**{username_field: username or "", "email": email}))
            except exceptions.ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
        return super().handle(*args, **options)
