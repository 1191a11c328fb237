"""What a browser would post back from an admin form, read from the rendered page's context."""


def _field_values(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        else:
            data[form.add_prefix(name)] = str(value)
    return data


def admin_form_data(response, **changes) -> dict:
    """The main form and every inline formset of an admin add/change page, as posted unchanged,
    with ``changes`` applied to the main form."""
    data = _field_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_field_values(formset.management_form))
        for form in formset.forms:
            data.update(_field_values(form))
    data.update({name: value for name, value in changes.items() if value is not None})
    for name in [name for name, value in changes.items() if value is None]:
        data.pop(name, None)
    return data
