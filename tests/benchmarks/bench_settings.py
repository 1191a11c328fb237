"""Settings for ``bench_scale.py`` only: the production settings (DEBUG off, from the
environment) plus a query-counting middleware and the bare comparison view's URL. Never used by
the app, the tests or a deployment."""

from cicte.settings import *  # noqa: F403

MIDDLEWARE = ["tests.benchmarks.bench_app.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
ROOT_URLCONF = "tests.benchmarks.bench_app"
