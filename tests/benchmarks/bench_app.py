"""The benchmark's additions to the app (loaded only through ``bench_settings``): a middleware
that reports each response's query count in a header, and a bare view that renders 25 rows of
the request table with the same middleware, the yardstick for list throughput (issue 10)."""

from django.db import connection
from django.template import Context, Template
from django.urls import path

from cicte.urls import urlpatterns as app_urlpatterns
from states.models import AssistanceRequest

HEADER = "X-Bench-Queries"


class QueryCountMiddleware:
    """Counts the queries a response needed. A streamed response queries while it is sent,
    after the headers: its header says "streamed" and the script counts it in-process."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[HEADER] = "streamed" if response.streaming else str(count)
        return response


BARE = Template(
    "<!doctype html><html><body><table>"
    "{% for r in rows %}<tr><td><a href='/requests/{{ r.reference }}/'>{{ r.reference }}</a></td>"
    "<td>{{ r.title }}</td><td>{{ r.state.name_en }}</td><td>{{ r.received_on }}</td>"
    "<td>{{ r.status }}</td></tr>{% endfor %}</table></body></html>"
)


def bare(request):
    from django.http import HttpResponse

    rows = AssistanceRequest.objects.select_related("state").order_by("-pk")[:25]
    return HttpResponse(BARE.render(Context({"rows": rows})))


urlpatterns = [path("__bench/bare/", bare), *app_urlpatterns]
