"""Login required everywhere, except the pages that opt out.

Django 5.1+ ships ``LoginRequiredMiddleware``; views opt out with ``@login_not_required``.
The public mandate pages opt out and then check ``settings.PUBLIC_MANDATES`` themselves.
"""

from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired


class LoginRequiredMiddleware(_DjangoLoginRequired):
    def process_view(self, request, view_func, view_args, view_kwargs):
        # The admin and the language switcher handle their own access.
        if request.path_info.startswith(("/admin/", "/i18n/", "/static/")):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
