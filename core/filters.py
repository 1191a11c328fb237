"""What every list's filters share: a choice of a row by its id that refuses, as an invalid
choice, anything that is not a plausible primary key (a 30-digit number, a negative one,
digits of another script, a NUL byte) before it reaches the database. SQLite cannot hold an
integer past 2**63 - 1 and raises; PostgreSQL refuses a NUL; neither is the user's problem to
read as a server error.
"""

from __future__ import annotations

import django_filters
from django import forms

# The largest primary key a BigAutoField can hold.
MAX_ID = 2**63 - 1


def as_id(value) -> int | None:
    """``value`` as a primary key, or None if it cannot be one. Only ASCII digits count:
    ``int()`` would also read "١٢" as 12."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None


class IdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` keyed on the primary key that never queries with an impossible one."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name is None and not isinstance(value, self.queryset.model) and as_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField
