"""Form fields both apps' forms share."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HappenedOnField(forms.DateField):
    """The optional day an update's event happened (``core.models.UpdateBase.happened_on``):
    blank means today; a future day is refused here, with the field, before the service
    refuses it too."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Happened on"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Leave blank if it happened today; give the day for something done earlier."))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("This day is still to come."), code="future_date")

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "max": timezone.localdate().isoformat()}
